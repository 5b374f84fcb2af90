"""The Neo4j adapter's routing and bookmarks, seen in the Bolt messages the official driver sends
(to FalkorDB's Bolt listener, which speaks no routing and returns no bookmarks of its own: the
cluster itself is not exercised here)."""

from __future__ import annotations

import logging

import pytest

from cypher import Q
from graph_api.store.falkordb_store import FalkorDBStore
from graph_api.store.neo4j_store import Neo4jStore
from graph_api.store.protocol import WriteStep
from tests.conftest import reset

BOOKMARK = "FB:a-load-of-another-session"


def _begins(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage().split("C: BEGIN ", 1)[1] for r in caplog.records if "C: BEGIN " in r.getMessage()]


def test_loads_and_reads_share_the_bookmarks_and_reads_are_routed_to_readers(
    bolt: Neo4jStore, falkor: FalkorDBStore, caplog: pytest.LogCaptureFixture
) -> None:
    reset(falkor)
    # A bookmark in the manager the reads use (execute_query's) stands for an earlier load: a
    # load's session must wait for it too, and hand its own bookmarks to the same manager.
    bolt._driver.execute_query_bookmark_manager.update_bookmarks([], [BOOKMARK])
    caplog.set_level(logging.DEBUG, logger="neo4j")
    rows = [{"id": "region:b0", "props": {"id": "region:b0", "name": "书签", "kind": "REGION"}}]
    bolt.write([WriteStep(Q.MERGE_NODES, {"rows": rows}, label="Region")])
    assert bolt.run(Q.GET_NODES, {"ids": ["region:b0"]})[0]["props"]["name"] == "书签"
    write, read = _begins(caplog)
    assert f"'bookmarks': ['{BOOKMARK}']" in write and "'mode'" not in write  # to the leader
    assert f"'bookmarks': ['{BOOKMARK}']" in read and "'mode': 'r'" in read  # to a follower
