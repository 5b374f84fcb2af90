"""Per-request context: the repository, batch loaders, and a per-request snapshot."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from anyio import to_thread
from strawberry.dataloader import DataLoader

from graph_api.schema.filters import Snapshot
from graph_api.settings import Settings
from graph_api.store.protocol import Row
from graph_api.store.repository import GraphRepository

T = TypeVar("T")


async def call(fn: Callable[..., T], *args: Any) -> T:
    """Run a blocking store call off the event loop."""
    return await to_thread.run_sync(fn, *args)


class SnapshotCache:
    """The indexed activity/actor snapshot, shared across requests while the version holds.

    Every load writes a new version, so one cheap ``get_meta`` round trip per request tells
    whether the cached snapshot still describes the graph (also across processes and replicas).
    """

    def __init__(self) -> None:
        self.version: str | None = None
        self.snapshot = Snapshot([], [])
        self._lock = asyncio.Lock()

    async def get(self, repo: GraphRepository) -> Snapshot:
        """The current snapshot, rebuilt when the stored version changed."""
        meta = await call(repo.meta)
        version = meta["version"] if meta else None
        if version is None or version != self.version:
            async with self._lock:
                if version is None or version != self.version:
                    facts = await call(repo.activity_facts)
                    actors = await call(repo.actors)
                    self.snapshot, self.version = Snapshot(facts, actors), version
        return self.snapshot


@dataclass
class Context:
    """What every resolver sees; built once per request."""

    repo: GraphRepository
    settings: Settings
    cache: SnapshotCache = field(default_factory=SnapshotCache)
    _snapshot: asyncio.Task[Snapshot] | None = None
    node_loader: DataLoader[str, dict[str, Any] | None] = field(init=False)
    details_loader: DataLoader[str, Row | None] = field(init=False)
    links_loader: DataLoader[tuple[str, str], list[tuple[str, Row]]] = field(init=False)

    def __post_init__(self) -> None:
        async def load_nodes(ids: list[str]) -> list[dict[str, Any] | None]:
            found = await call(self.repo.nodes, ids)
            return [found.get(i) for i in ids]

        async def load_details(ids: list[str]) -> list[Row | None]:
            found = await call(self.repo.activity_details, ids)
            return [found.get(i) for i in ids]

        async def load_links(keys: list[tuple[str, str]]) -> list[list[tuple[str, Row]]]:
            ids = sorted({k[0] for k in keys})
            types = sorted({k[1] for k in keys})
            found = await call(self.repo.outgoing, ids, types)
            return [found.get(k, []) for k in keys]

        self.node_loader = DataLoader(load_fn=load_nodes)
        self.details_loader = DataLoader(load_fn=load_details)
        self.links_loader = DataLoader(load_fn=load_links)

    async def snapshot(self) -> Snapshot:
        """The indexed snapshot, checked against the graph version once per request."""
        if self._snapshot is None:
            self._snapshot = asyncio.ensure_future(self.cache.get(self.repo))
        return await self._snapshot
