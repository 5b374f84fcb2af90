"""The graph version read on the serving loop (graph_api/store/async_version.py)."""

from __future__ import annotations

import asyncio

import pytest
import redis

from graph_api.errors import StoreUnavailable
from graph_api.store.async_version import AsyncVersionReader
from graph_api.store.falkordb_store import FalkorDBStore
from loaders.records import GraphData
from tests.conftest import reset


def test_it_reads_what_the_blocking_read_reads_and_follows_a_load(falkor: FalkorDBStore, notice: GraphData) -> None:
    async def read() -> tuple[str, str, bool]:
        reader = falkor.async_version_reader()
        assert reader is not None
        try:
            before = await reader.version()
            reset(falkor, notice)
            return before, await reader.version(), reader.serves()
        finally:
            await reader.close()

    before, after, serves = asyncio.run(read())
    assert before != after == falkor.version() and serves


def test_it_serves_only_the_loop_it_was_made_on(falkor: FalkorDBStore) -> None:
    async def make() -> AsyncVersionReader:
        reader = falkor.async_version_reader()
        assert reader is not None
        return reader

    reader = asyncio.run(make())
    assert not reader.serves()

    async def elsewhere() -> bool:
        return reader.serves()

    assert asyncio.run(elsewhere()) is False


def test_a_server_that_is_gone_is_store_unavailable() -> None:
    async def read() -> None:
        reader = AsyncVersionReader.like(redis.Redis(unix_socket_path="/nonexistent/falkordb.sock"), "g:version")
        assert reader is not None
        try:
            await reader.version()
        finally:
            await reader.close()

    with pytest.raises(StoreUnavailable):
        asyncio.run(read())
