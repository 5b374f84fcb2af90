"""Loading notices into a store: parse, then write all of it in one transaction."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from graph_api.store.protocol import GraphStore
from graph_api.store.repository import GraphRepository
from graph_api.store.writer import load_steps
from loaders.reader import read_notice
from loaders.records import GraphData

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LoadSummary:
    """What a load wrote: per notice counts and unplaced sentences, and the time it took."""

    notices: tuple[GraphData, ...]
    seconds: float


def parse_files(
    paths: Sequence[Path | None], progress: Callable[[str], None] | None = None
) -> list[GraphData]:
    """Parse every file first (``None`` = the bundled notice): a bad one stops the load."""
    out = []
    for path in paths:
        out.append(read_notice(path))
        if progress:
            progress(str(path or "bundled notice"))
    return out


def load_graphs(store: GraphStore, datas: Sequence[GraphData], batch: int = 500) -> LoadSummary:
    """Write the notices in one all-or-nothing transaction."""
    started = time.perf_counter()
    store.write(load_steps(datas, batch))
    seconds = time.perf_counter() - started
    for data in datas:
        log.info(
            "notice loaded",
            extra={
                "notice": data.notice_id,
                "source": data.source_name,
                "nodes": len(data.nodes),
                "edges": len(data.edges),
                "unplaced": len(data.unplaced),
                "seconds": round(seconds, 3),
            },
        )
    return LoadSummary(tuple(datas), seconds)


def load_bundled_if_empty(store: GraphStore, batch: int = 500) -> LoadSummary | None:
    """Load the bundled notice when the graph holds nothing yet."""
    if not GraphRepository(store).is_empty():
        return None
    return load_graphs(store, parse_files([None]), batch)
