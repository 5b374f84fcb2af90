"""The store watch: an embedded server's death is logged once, with its exit cause, whoever sees it first."""

from __future__ import annotations

import logging
import os
import signal
from pathlib import Path

import pytest

from graph_api.store.embedded import EmbeddedServer
from graph_api.store.falkordb_store import FalkorDBStore
from graph_api.store.supervisor import StoreWatch
from tests.processes import wait_gone, wait_until

NEVER = 3600.0  # a watch interval that does not come round during a test


def _logged(caplog: pytest.LogCaptureFixture) -> list[tuple[str, str]]:
    return [(r.getMessage(), str(getattr(r, "reason", ""))) for r in caplog.records if r.name == "graph_api.store"]


def _kill(server: EmbeddedServer) -> int:
    pid = server.pid
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    assert wait_gone_or_zombie(pid)
    return pid


def wait_gone_or_zombie(pid: int) -> bool:
    """Whether ``pid`` has stopped running (a zombie waiting to be reaped counts)."""

    def ended() -> bool:
        try:
            return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] in "ZX"
        except (OSError, IndexError):
            return True

    return wait_until(ended, 30)


def test_the_watch_seeing_the_exit_first_logs_its_cause(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="graph_api.store")
    server = EmbeddedServer(tmp_path, watch_seconds=NEVER)  # the owner thread never looks
    store = FalkorDBStore.embedded(server)
    watch = StoreWatch(store, interval=NEVER)
    try:
        old = _kill(server)
        watch.check()
        [(message, reason)] = _logged(caplog)
        assert message == "store unavailable"
        assert reason.startswith("the embedded store exited (code -9); restarting it: ")
        assert wait_gone(old, 10)  # reaped by the watch, not left a zombie
        watch.check()  # the same outage: nothing more to say
        assert len(_logged(caplog)) == 1 and watch.outages == 1
    finally:
        watch.stop()
        store.close()


def test_the_owner_seeing_the_exit_first_logs_its_cause_once(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="graph_api.store")
    server = EmbeddedServer(tmp_path, watch_seconds=0.1)
    store = FalkorDBStore.embedded(server)
    watch = StoreWatch(store, interval=NEVER)  # pings only when the test asks
    try:
        _kill(server)
        assert wait_until(lambda: server.restarts == 1 and len(_logged(caplog)) == 2, 60)
        watch.check()
        [(down, reason), (up, _)] = _logged(caplog)
        assert (down, up) == ("store unavailable", "store available again")
        assert reason.startswith("the embedded store exited (code -9); restarting it: ")
        assert watch.outages == 1 and watch.available
    finally:
        watch.stop()
        store.close()


def test_news_of_a_replaced_server_is_dropped(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="graph_api.store")
    server = EmbeddedServer(tmp_path, watch_seconds=0.1)
    store = FalkorDBStore.embedded(server)
    watch = StoreWatch(store, interval=NEVER)
    try:
        first = server.generation
        _kill(server)
        assert wait_until(lambda: server.restarts == 1 and len(_logged(caplog)) == 2, 60)
        # A ping that failed against the dead server, reported after the restart: no new outage.
        watch._mark(False, "connection refused", first)
        # A ping the dead server answered just before it died: not a recovery.
        watch._mark(True, "", first)
        assert len(_logged(caplog)) == 2 and watch.available and watch.outages == 1
    finally:
        watch.stop()
        store.close()
