"""The store: one GraphStore protocol, two adapters, chosen by one setting."""

from __future__ import annotations

from graph_api.settings import Settings
from graph_api.store.embedded import START_SECONDS, EmbeddedServer
from graph_api.store.falkordb_store import FalkorDBStore
from graph_api.store.neo4j_store import Neo4jStore
from graph_api.store.protocol import GraphStore, Row, WriteStep

__all__ = ["GraphStore", "Row", "WriteStep", "open_store"]


def open_store(settings: Settings, *, bolt_port: int | None = None) -> GraphStore:
    """Open the backend ``settings`` name: embedded FalkorDB, external FalkorDB or Neo4j."""
    backend = settings.backend
    timeouts = settings.query_timeout, settings.connect_timeout
    store: GraphStore
    if backend == "neo4j":
        assert settings.db_url is not None
        store = Neo4jStore(
            settings.db_url,
            user=settings.db_user,
            password=settings.db_password,
            database=settings.db_database,
            write_batch=settings.write_batch,
            query_timeout=timeouts[0],
            connect_timeout=timeouts[1],
        )
    elif backend == "falkordb":
        store = FalkorDBStore(
            url=settings.db_url,
            graph_name=settings.graph_name,
            replicas=settings.replicas,
            replica_wait=settings.replica_wait,
            username=settings.db_user,
            password=settings.db_password,
            query_timeout=timeouts[0],
            connect_timeout=timeouts[1],
        )
    else:
        start = max(settings.connect_timeout, START_SECONDS)
        server = EmbeddedServer(settings.data_dir, bolt_port=bolt_port, timeout=start)
        store = FalkorDBStore.embedded(
            server, graph_name=settings.graph_name, query_timeout=timeouts[0], connect_timeout=timeouts[1]
        )
    return store
