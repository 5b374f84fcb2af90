"""Why the embedded server would not start, in words an operator can act on."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph_api.errors import StoreUnavailable
from graph_api.loading import load_graphs
from graph_api.store.embedded import EmbeddedServer
from graph_api.store.falkordb_store import FalkorDBStore
from graph_api.store.start_failure import start_failure
from loaders.records import GraphData

CRASH_LOG = """\
9721:M 03 Dec 2026 16:48:29.222 # Redis is now ready to exit, bye bye...
9818:C 03 Dec 2026 16:48:32.757 * Configuration loaded
9818:M 03 Dec 2026 16:48:32.816 * Reading RDB base file on AOF loading...
=== REDIS BUG REPORT START: Cut & paste starting from here ===
9818:M 03 Dec 2026 16:48:32.816 # ------------------------------------------------
9818:M 03 Dec 2026 16:48:32.816 # !!! Software Failure. Press left mouse button to continue
9818:M 03 Dec 2026 16:48:32.816 # Guru Meditation: Error loading data from RDB (short read or EOF). Read performed by module 'graph'. #module.c:7192
Suspect RAM error? Use redis-server --test-memory to verify it.
"""


def test_a_crash_report_is_read_for_its_cause(tmp_path: Path) -> None:
    (tmp_path / "falkordb.log").write_text(CRASH_LOG)
    assert start_failure(tmp_path, tmp_path / "falkordb.log") == (
        f"embedded FalkorDB could not read the saved graph in {tmp_path}/appendonlydir (Error loading data "
        "from RDB (short read or EOF). Read performed by module 'graph'.); restore the data directory from a "
        f"backup, or move {tmp_path}/appendonlydir aside and rebuild the graph with `qgraph load FILE…`"
    )


def test_other_causes_name_the_log(tmp_path: Path) -> None:
    (tmp_path / "falkordb.log").write_text(
        "1:C 03 Dec 2026 16:48:32.757 * Configuration loaded\n"
        "1:M 03 Dec 2026 16:48:32.816 # Can't open the log file: Permission denied\n"
    )
    assert start_failure(tmp_path, tmp_path / "falkordb.log") == (
        f"embedded FalkorDB exited at start: Can't open the log file: Permission denied (log: {tmp_path}/falkordb.log)"
    )


def test_a_truncated_saved_graph_stops_the_start_with_the_file_and_the_ways_out(
    tmp_path: Path, notice: GraphData
) -> None:
    store = FalkorDBStore.embedded(EmbeddedServer(tmp_path, persistent=True))
    load_graphs(store, [notice])
    store.close()
    (base,) = (tmp_path / "appendonlydir").glob("*.base.rdb")
    with base.open("r+b") as handle:
        handle.truncate(1000)
    with pytest.raises(StoreUnavailable) as info:
        FalkorDBStore.embedded(EmbeddedServer(tmp_path, persistent=True))
    message = info.value.message
    assert message.startswith(f"embedded FalkorDB could not read the saved graph in {tmp_path}/appendonlydir (")
    assert "restore the data directory from a backup" in message
    assert "Suspect RAM" not in message
