"""Per-request context: the repository, batch loaders, and a per-request snapshot."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from anyio import to_thread
from strawberry.dataloader import DataLoader

from graph_api.settings import Settings
from graph_api.store.protocol import Row
from graph_api.store.repository import GraphRepository

T = TypeVar("T")


async def call(fn: Callable[..., T], *args: Any) -> T:
    """Run a blocking store call off the event loop."""
    return await to_thread.run_sync(fn, *args)


@dataclass
class Context:
    """What every resolver sees; built once per request."""

    repo: GraphRepository
    settings: Settings
    _facts: asyncio.Task[list[Row]] | None = None
    _actors: asyncio.Task[list[Row]] | None = None
    node_loader: DataLoader[str, dict[str, Any] | None] = field(init=False)
    details_loader: DataLoader[str, Row | None] = field(init=False)

    def __post_init__(self) -> None:
        async def load_nodes(ids: list[str]) -> list[dict[str, Any] | None]:
            found = await call(self.repo.nodes, ids)
            return [found.get(i) for i in ids]

        async def load_details(ids: list[str]) -> list[Row | None]:
            found = await call(self.repo.activity_details, ids)
            return [found.get(i) for i in ids]

        self.node_loader = DataLoader(load_fn=load_nodes)
        self.details_loader = DataLoader(load_fn=load_details)

    async def activity_facts(self) -> list[Row]:
        """Every activity's filterable facts, fetched at most once per request."""
        if self._facts is None:
            self._facts = asyncio.ensure_future(call(self.repo.activity_facts))
        return await self._facts

    async def all_actors(self) -> list[Row]:
        """Every actor (id, name, kind, aliases, code), at most once per request."""
        if self._actors is None:
            self._actors = asyncio.ensure_future(call(self.repo.actors))
        return await self._actors

    async def call_outgoing(self, ids: list[str], rel_type: str) -> dict[str, list[tuple[str, Row]]]:
        """(target, edge properties) of ``rel_type`` edges from ``ids`` (one round trip)."""
        return await call(self.repo.outgoing, ids, rel_type)
