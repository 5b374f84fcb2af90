"""Per-request context: the repository and the batch loaders every resolver goes through.

Nothing here holds graph data beyond one request: each list a resolver asks for is one
compiled statement, and sibling resolvers at one level share it through a DataLoader.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
from collections.abc import Callable, Hashable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from strawberry.dataloader import DataLoader

from graph_api.settings import Settings
from graph_api.store.protocol import Row
from graph_api.store.repository import GraphRepository

T = TypeVar("T")
V = TypeVar("V")

# Blocking store calls run here, as many at once as anyio's default thread limit allowed.
# A plain executor costs about half of anyio's ``to_thread`` per call (bench/README.md).
STORE_THREADS = ThreadPoolExecutor(max_workers=40, thread_name_prefix="qgraph-store")


async def call(fn: Callable[..., T], *args: Any) -> T:
    """Run a blocking store call off the event loop, in the caller's context."""
    work = functools.partial(contextvars.copy_context().run, fn, *args)
    return await asyncio.get_running_loop().run_in_executor(STORE_THREADS, work)


@dataclass
class Context:
    """What every resolver sees; built once per request."""

    repo: GraphRepository
    settings: Settings
    node_loader: DataLoader[str, dict[str, Any] | None] = field(init=False)
    details_loader: DataLoader[str, Row | None] = field(init=False)
    links_loader: DataLoader[tuple[str, str], list[tuple[str, Row]]] = field(init=False)
    backlinks_loader: DataLoader[tuple[str, str], list[tuple[str, Row]]] = field(init=False)
    _batches: dict[Hashable, DataLoader[str, Any]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        async def load_nodes(ids: list[str]) -> list[dict[str, Any] | None]:
            found = await call(self.repo.nodes, ids)
            return [found.get(i) for i in ids]

        async def load_details(ids: list[str]) -> list[Row | None]:
            found = await call(self.repo.activity_details, ids)
            return [found.get(i) for i in ids]

        def edges_loader(fetch: Callable[..., dict[tuple[str, str], list[tuple[str, Row]]]]) -> Any:
            async def load(keys: list[tuple[str, str]]) -> list[list[tuple[str, Row]]]:
                found = await call(fetch, sorted({k[0] for k in keys}), sorted({k[1] for k in keys}))
                return [found.get(k, []) for k in keys]

            return DataLoader(load_fn=load)

        self.node_loader = DataLoader(load_fn=load_nodes)
        self.details_loader = DataLoader(load_fn=load_details)
        self.links_loader = edges_loader(self.repo.outgoing)  # (id, type) → (target, edge props)
        self.backlinks_loader = edges_loader(self.repo.incoming)  # (id, type) → (source, edge props)

    def prime(self, rows: Sequence[dict[str, Any]]) -> None:
        """Remember node properties a statement already returned (no second fetch)."""
        for props in rows:
            self.node_loader.prime(props["id"], props)

    async def batched(self, key: Hashable, owner: str, fetch: Callable[[list[str]], dict[str, V]], default: V) -> V:
        """``owner``'s share of one statement run for every owner asked for with ``key`` at
        this level: ``fetch`` gets all of their ids, once, off the event loop."""
        loader = self._batches.get(key)
        if loader is None:

            async def load(owners: list[str]) -> list[Any]:
                found = await call(fetch, owners)
                return [found.get(o, default) for o in owners]

            loader = self._batches[key] = DataLoader(load_fn=load)
        value: V = await loader.load(owner)
        return value
