"""Scale generator: N copies of the bundled 2023 notice with shifted years, parsed and loaded.

Copy ``i`` (0-based) is the bundled text with every stand-alone ``2023`` rewritten to
``2023 - i`` and then parsed like any notice, so per-year facts (activities, campaigns such as
剑网2022, the theme …) multiply while shared entities (actors, documents, topics) stay one
node: 1× is 307 nodes, 100× is 19,711.
"""

from __future__ import annotations

import re
from pathlib import Path

from graph_api.loading import load_graphs
from graph_api.store.protocol import GraphStore
from loaders.notice import build_graph
from loaders.reader import bundled_notice
from loaders.records import GraphData

BASE_YEAR = 2023
# A year written on its own: "定于 2023 年", "剑网2023"; not a digit run such as "120231".
YEAR_2023 = re.compile(r"(?<!\d)2023(?!\d)")


def notice_text(year: int) -> str:
    """The bundled notice's text with its year replaced by ``year``."""
    _, raw = bundled_notice()
    return YEAR_2023.sub(str(year), raw.decode("utf-8"))


def years(copies: int) -> list[int]:
    """The years of ``copies`` notices: 2023, 2022, … (the bundled year first)."""
    return [BASE_YEAR - i for i in range(copies)]


def scaled_notices(copies: int) -> list[GraphData]:
    """``copies`` parsed notices, one per year."""
    return [build_graph(notice_text(y), f"quality-month-{y}.txt") for y in years(copies)]


def write_texts(copies: int, folder: Path) -> list[Path]:
    """The shifted notices as files (for ``qgraph load`` or ``/admin/reload``)."""
    paths = []
    for y in years(copies):
        path = folder / f"quality-month-{y}.txt"
        path.write_text(notice_text(y), encoding="utf-8")
        paths.append(path)
    return paths


def load_scaled(store: GraphStore, copies: int) -> list[GraphData]:
    """Parse ``copies`` notices and load all of them into ``store`` in one write."""
    datas = scaled_notices(copies)
    load_graphs(store, datas)
    return datas
