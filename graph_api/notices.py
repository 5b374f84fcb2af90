"""The loaded notices as a managed collection: list them, unload one.

A load adds a notice, or replaces the notice with the same id (``notice:<year>``) and keeps
the others; an unload takes one notice out in one all-or-nothing write and leaves the others
exactly as loading them alone would: shared nodes (actors, documents, campaigns …) stay while
another notice links to them; the full-text index follows the nodes.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from typing import Any

from cypher import Q
from graph_api.errors import NotFound
from graph_api.store.protocol import GraphStore
from graph_api.store.writer import unload_steps

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class NoticeInfo:
    """One loaded notice: id, year, issuers (the first is the issuer), source file, load time
    (UTC, ISO 8601; empty for a notice loaded before it was recorded), and what it brought."""

    id: str
    year: int | None
    issuers: tuple[str, ...]
    source: str
    loaded_at: str
    nodes: int
    edges: int
    activities: int

    @property
    def issuer(self) -> str:
        """The first listed organizer."""
        return self.issuers[0] if self.issuers else ""

    def as_json(self) -> dict[str, Any]:
        """The notice as a JSON object (``/admin/notices``, ``qgraph notices --json``)."""
        return {**asdict(self), "issuers": list(self.issuers), "issuer": self.issuer}


def list_notices(store: GraphStore) -> list[NoticeInfo]:
    """Every loaded notice, newest first (one round trip)."""
    return [
        NoticeInfo(
            id=str(row["id"]),
            year=row["year"],
            issuers=tuple(str(i) for i in row["issuers"] or []),
            source=str(row["source"] or ""),
            loaded_at=str(row["loaded_at"] or ""),
            nodes=int(row["nodes"]),
            edges=int(row["edges"]),
            activities=int(row["activities"]),
        )
        for row in store.run(Q.NOTICE_SUMMARIES)
    ]


def find_notice(store: GraphStore, notice: str) -> NoticeInfo:
    """The loaded notice named by its id (``notice:2023``) or its year (``2023``)."""
    found = list_notices(store)
    for info in found:
        if notice in (info.id, str(info.year)):
            return info
    loaded = ", ".join(i.id for i in found) or "none"
    raise NotFound(f"no loaded notice {notice!r} (loaded: {loaded})", id=notice)


def unload_notice(store: GraphStore, notice: str) -> NoticeInfo:
    """Take one notice out of the graph, all or nothing; what it was, as it was listed."""
    info = find_notice(store, notice)
    store.write(unload_steps(info.id))
    log.info("notice unloaded", extra={"notice": info.id, "nodes": info.nodes, "edges": info.edges})
    return info
