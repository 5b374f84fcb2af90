"""Shared fixtures: one embedded FalkorDB with a Bolt listener for the whole session.

Two backends run the store and API suites: the FalkorDB adapter (native protocol), and the
Neo4j adapter through the official ``neo4j`` driver against FalkorDB's Bolt listener. The
Bolt listener serves one fixed graph, ``falkordb``, so the native adapter uses that graph
name too and the Bolt suite loads natively, then reads over Bolt (FalkorDB's Bolt crashes on
request messages over ~4 KB; a real Neo4j has no such limit).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from cypher import Q
from graph_api.app import create_app
from graph_api.loading import load_graphs
from graph_api.settings import Settings
from graph_api.store.embedded import EmbeddedServer, free_bolt_port
from graph_api.store.falkordb_store import FalkorDBStore
from graph_api.store.neo4j_store import Neo4jStore
from graph_api.store.netns import private_network_problem
from graph_api.store.protocol import GraphStore
from loaders.reader import read_notice
from loaders.records import GraphData
from tests.bolt_relay import BoltRelay

BOLT_GRAPH = "falkordb"
ROOT = Path(__file__).resolve().parents[1]
# The public operations consumers run, kept in the repository (contract/README.md).
CONTRACT = ROOT / "contract"


# FalkorDB's Bolt listener binds every interface whatever --bind says, so the session's server
# runs in a network namespace of its own with only loopback, reached by its unix socket and,
# for Bolt, through a loopback relay (tests/bolt_relay.py). That takes root; without it the
# server runs with no Bolt listener and the Bolt leg is skipped, saying why.
NO_PRIVATE_NETWORK = private_network_problem()


@pytest.fixture(scope="session")
def bolt_port() -> int:
    return free_bolt_port()


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory, bolt_port: int) -> Iterator[EmbeddedServer]:
    isolated = NO_PRIVATE_NETWORK is None
    srv = EmbeddedServer(
        tmp_path_factory.mktemp("falkordb"),
        bolt_port=bolt_port if isolated else None,
        persistent=False,
        private_network=isolated,
    )
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def falkor(server: EmbeddedServer) -> Iterator[FalkorDBStore]:
    assert server.endpoint is not None
    store = FalkorDBStore(server.endpoint, graph_name=BOLT_GRAPH)
    yield store
    store.close()


@pytest.fixture(scope="session")
def bolt_relay(server: EmbeddedServer, bolt_port: int) -> Iterator[BoltRelay]:
    if NO_PRIVATE_NETWORK is not None:
        pytest.skip(f"the Bolt leg needs FalkorDB's Bolt listener kept off the network: {NO_PRIVATE_NETWORK}")
    relay = BoltRelay(lambda: server.pid, bolt_port)
    yield relay
    relay.close()


@pytest.fixture(scope="session")
def bolt(bolt_relay: BoltRelay) -> Iterator[Neo4jStore]:
    # FalkorDB's Bolt listener stalls the first handshake after a client closed; a short
    # connection timeout lets the driver's retry get through quickly. It speaks FalkorDB's
    # dialect (its full-text procedures); the Neo4j dialect's files are linted (test_cypher).
    url = f"bolt://127.0.0.1:{bolt_relay.port}"
    store = Neo4jStore(url, query_timeout=30, connect_timeout=2, write_batch=10, dialect="falkordb")
    yield store
    store.close()


@pytest.fixture(scope="session")
def notice() -> GraphData:
    return read_notice()


def reset(store: GraphStore, *datas: GraphData) -> None:
    """Clear the graph, then load ``datas`` natively."""
    from graph_api.store.protocol import WriteStep

    store.write([WriteStep(Q.DELETE_ALL)])
    if datas:
        load_graphs(store, datas)


@pytest.fixture(params=["falkordb", "bolt"])
def backend(request: pytest.FixtureRequest) -> GraphStore:
    """The store under test: reads go through this adapter; loads go natively."""
    store: GraphStore = request.getfixturevalue("falkor" if request.param == "falkordb" else "bolt")
    return store


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(data_dir=tmp_path_factory.mktemp("unused"), load_if_empty=False)


@pytest.fixture
def served(backend: GraphStore, falkor: FalkorDBStore, notice: GraphData, settings: Settings) -> Iterator[TestClient]:
    """The app at the default settings over ``backend``, the bundled notice loaded afresh."""
    reset(falkor, notice)
    with TestClient(create_app(settings, store=backend)) as client:
        yield client


def pytest_report_header() -> list[str]:
    return [
        f"backends: embedded FalkorDB and neo4j driver over Bolt; contract={CONTRACT}; CI={os.environ.get('CI', '')}"
    ]
