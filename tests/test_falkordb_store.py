"""The store adapters on real FalkorDB: reads on both backends, all-or-nothing loads."""

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from cypher import Q
from graph_api.errors import UNAVAILABLE_MESSAGE, StoreError, StoreFull, StoreUnavailable, UnknownStatement
from graph_api.store.embedded import EmbeddedServer
from graph_api.store.falkordb_store import FalkorDBStore
from graph_api.store.neo4j_store import Neo4jStore
from graph_api.store.protocol import GraphStore, WriteStep
from graph_api.store.repository import GraphRepository
from loaders.records import GraphData
from tests.conftest import reset
from tests.golden import COUNTS, RELATION_FACTS


def test_both_adapters_satisfy_the_protocol(falkor: FalkorDBStore, bolt: Neo4jStore) -> None:
    assert isinstance(falkor, GraphStore) and isinstance(bolt, GraphStore)


def test_loaded_counts_read_back(backend: GraphStore, falkor: FalkorDBStore, notice: GraphData) -> None:
    reset(falkor, notice)
    nodes, edges, by_kind = GraphRepository(backend).stats()
    assert nodes == sum(COUNTS.values())
    assert edges == len(notice.edges)
    assert {r["kind"]: r["count"] for r in by_kind}["REGION"] == 32


def test_relation_facts_are_stored(backend: GraphStore, falkor: FalkorDBStore, notice: GraphData) -> None:
    reset(falkor, notice)
    _, exported, _ = GraphRepository(backend).export()
    stored = {(e["source"], e["type"], e["target"], (e["props"] or {}).get("role")) for e in exported}
    assert [f for f in RELATION_FACTS if f not in stored] == []


def test_loading_twice_gives_the_same_graph(falkor: FalkorDBStore, notice: GraphData) -> None:
    reset(falkor, notice)
    first = GraphRepository(falkor).stats()
    from graph_api.loading import load_graphs

    load_graphs(falkor, [notice])
    assert GraphRepository(falkor).stats() == first


def test_failed_load_leaves_the_previous_graph(falkor: FalkorDBStore, notice: GraphData) -> None:
    reset(falkor, notice)
    before = GraphRepository(falkor).stats()
    broken = [WriteStep(Q.DELETE_ALL), WriteStep(Q.MERGE_NODES, {"rows": "not a list"}, label="Region")]
    with pytest.raises(StoreError):
        falkor.write(broken)
    assert GraphRepository(falkor).stats() == before


def test_unknown_label_is_refused_before_any_write(falkor: FalkorDBStore) -> None:
    with pytest.raises(UnknownStatement, match="not allowed"):
        falkor.write([WriteStep(Q.MERGE_NODES, {"rows": []}, label="Region) DETACH DELETE (x")])


def test_neo4j_adapter_writes_in_one_transaction_over_bolt(bolt: Neo4jStore, falkor: FalkorDBStore) -> None:
    reset(falkor)
    rows = [
        {"id": f"region:t{i}", "props": {"id": f"region:t{i}", "name": f"测试{i}", "kind": "REGION"}} for i in range(3)
    ]
    bolt.write([WriteStep(Q.MERGE_NODES, {"rows": rows}, label="Region")])
    assert GraphRepository(falkor).stats()[0] == 3
    assert sorted(GraphRepository(bolt).nodes(["region:t0", "region:t2"])) == ["region:t0", "region:t2"]


def test_empty_graph_reads_as_empty(falkor: FalkorDBStore, server) -> None:  # type: ignore[no-untyped-def]
    other = FalkorDBStore(server.endpoint, graph_name="never_loaded")
    assert GraphRepository(other).is_empty()
    assert GraphRepository(other).stats() == (0, 0, [])


def test_per_query_timeout_is_a_coded_error(server, falkor: FalkorDBStore, notice: GraphData) -> None:  # type: ignore[no-untyped-def]
    from graph_api.errors import StoreTimeout

    reset(falkor, notice)
    hasty = FalkorDBStore(server.endpoint, graph_name="falkordb", query_timeout=0.001)
    with pytest.raises(StoreTimeout, match="list_activity_facts ran past the query timeout") as info:
        GraphRepository(hasty).activity_facts()
    assert info.value.code == "TIMEOUT"
    assert GraphRepository(falkor).activity_facts()  # the same statement within the normal timeout


def test_a_second_concurrent_load_is_refused_not_interleaved(falkor: FalkorDBStore, notice: GraphData) -> None:
    reset(falkor, notice)
    before = GraphRepository(falkor).stats()
    lock = f"qgraph:load-lock:{falkor.graph_name}"
    falkor._conn.set(lock, "another-process", ex=60)  # what a load in another process holds
    try:
        with pytest.raises(StoreError, match="another load into graph 'falkordb' is running"):
            falkor.write([WriteStep(Q.DELETE_ALL)])
    finally:
        falkor._conn.delete(lock)
    assert GraphRepository(falkor).stats() == before


def test_a_frozen_server_fails_its_ping_within_the_health_timeout(tmp_path: Path) -> None:
    """SIGSTOP stands for a server that is alive but does not answer (swapping, stuck fork)."""
    server = EmbeddedServer(tmp_path, persistent=False)
    store = FalkorDBStore.embedded(server)
    try:
        store.health()
        assert server.pid is not None
        os.kill(server.pid, signal.SIGSTOP)
        try:
            start = time.monotonic()
            with pytest.raises(StoreUnavailable) as info:
                store.health()
            took = time.monotonic() - start
        finally:
            os.kill(server.pid, signal.SIGCONT)
        assert 1.5 < took < 5
        assert info.value.message == UNAVAILABLE_MESSAGE
        assert "did not answer a ping within 2 s" in info.value.internal
        store.health()  # answers again once it runs
    finally:
        store.close()


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A data directory on an 8 MB tmpfs (root only: CI and developers run as root here)."""
    data = tmp_path / "data"
    data.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(data)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.decode().strip()}")
    yield data
    subprocess.run(["umount", "-l", str(data)], check=True)


def test_a_full_disk_refuses_the_load_by_name_and_keeps_the_graph(small_disk: Path, notice: GraphData) -> None:
    from graph_api.loading import load_graphs

    store = FalkorDBStore.embedded(EmbeddedServer(small_disk, persistent=True))
    try:
        load_graphs(store, [notice])
        before = GraphRepository(store).stats()
        subprocess.run(["sh", "-c", f"cat /dev/zero > {small_disk}/filler"], capture_output=True)
        with pytest.raises(StoreFull) as info:
            load_graphs(store, [notice])
        assert info.value.code == "INSUFFICIENT_STORAGE"
        assert f"the data directory {small_disk} is full" in info.value.message
        assert "No space left on device" in info.value.internal
        assert GraphRepository(store).stats() == before
        (small_disk / "filler").unlink()
        load_graphs(store, [notice])  # space again: loads again
        assert GraphRepository(store).stats() == before
    finally:
        store.close()


def test_a_load_removes_the_bigram_index_of_older_versions(falkor: FalkorDBStore, notice: GraphData) -> None:
    reset(falkor)
    graph = falkor._db.select_graph(falkor.graph_name)
    graph.query("CREATE (:Term {text: '抽查'})-[:INDEXES {weight: 1}]->(:Entity:Region {id: 'region:old'})")
    from graph_api.loading import load_graphs

    load_graphs(falkor, [notice])
    assert graph.ro_query("MATCH (t:Term) RETURN count(t)").result_set == [[0]]
    assert GraphRepository(falkor).stats()[1] == len(notice.edges)
