"""The embedded FalkorDB: persistence, clean stop, attach, no orphans, clear errors."""

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph_api.errors import StoreUnavailable
from graph_api.loading import load_graphs
from graph_api.store.embedded import STATE_FILE, EmbeddedServer, pid_alive
from graph_api.store.falkordb_store import FalkorDBStore
from graph_api.store.repository import GraphRepository
from loaders.records import GraphData


def _wait_gone(pid: int, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not pid_alive(pid):
            return True
        time.sleep(0.05)
    return False


def test_data_survives_a_restart_and_stop_leaves_no_process(tmp_path: Path, notice: GraphData) -> None:
    store = FalkorDBStore.embedded(EmbeddedServer(tmp_path))
    load_graphs(store, [notice])
    pid = json.loads((tmp_path / STATE_FILE).read_text())["pid"]
    store.close()
    assert _wait_gone(pid) and not (tmp_path / STATE_FILE).exists()
    again = FalkorDBStore.embedded(EmbeddedServer(tmp_path))
    try:
        assert GraphRepository(again).stats()[0] == len(notice.nodes)
    finally:
        again.close()


def test_a_second_process_attaches_instead_of_starting_another(tmp_path: Path) -> None:
    first = EmbeddedServer(tmp_path)
    first.start()
    try:
        second = EmbeddedServer(tmp_path)
        endpoint = second.start()
        assert not second.owner and endpoint == first.endpoint
        second.stop()  # an attached process never stops the owner's server
        assert first._process is not None and first._process.poll() is None
    finally:
        first.stop()


def test_unusable_data_dir_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreUnavailable, match="is not usable: Not a directory"):
        EmbeddedServer(blocker / "data").start()


def test_server_dies_with_a_killed_parent(tmp_path: Path) -> None:
    code = (
        "import sys, time; from pathlib import Path;"
        "from graph_api.store.embedded import EmbeddedServer;"
        f"EmbeddedServer(Path({str(tmp_path)!r})).start(); print('up', flush=True); time.sleep(60)"
    )
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdout.readline().strip() == "up"
    pid = json.loads((tmp_path / STATE_FILE).read_text())["pid"]
    assert pid_alive(pid)
    child.kill()
    child.wait()
    assert _wait_gone(pid), "redis-server outlived its parent"


def test_external_falkordb_by_url(tmp_path: Path, notice: GraphData) -> None:
    from graph_api.settings import Settings
    from graph_api.store import open_store

    deep = tmp_path / ("d" * 60) / ("e" * 60)  # too long for a unix socket: the server listens on TCP
    server = EmbeddedServer(deep)
    endpoint = server.start()
    try:
        assert endpoint.port is not None and endpoint.unix_socket is None
        store = open_store(Settings(db_url=f"falkordb://127.0.0.1:{endpoint.port}", graph_name="ext"))
        assert store.backend == "falkordb"
        load_graphs(store, [notice])
        assert GraphRepository(store).stats()[0] == len(notice.nodes)
        store.close()  # an external server keeps running
        assert server._process is not None and server._process.poll() is None
    finally:
        server.stop()


def test_a_long_chinese_data_dir_falls_back_to_a_loopback_port(tmp_path: Path) -> None:
    # Short enough in characters, too long in bytes (3 per character) for a socket path.
    data = tmp_path / ("质量月数据" * 4)
    sock = str(data / "falkordb.sock")
    assert len(sock) <= 100 < 107 < len(sock.encode())
    store = FalkorDBStore.embedded(EmbeddedServer(data))
    try:
        assert store.server is not None and store.server.endpoint is not None
        assert store.server.endpoint.unix_socket is None and store.server.endpoint.port
        store.health()
    finally:
        store.close()


def test_the_owner_restarts_a_killed_server_on_the_same_endpoint(tmp_path: Path) -> None:
    import os
    import signal

    server = EmbeddedServer(tmp_path, watch_seconds=0.1)
    transitions: list[str] = []
    server.on_transition = lambda transition, reason, generation: transitions.append(transition)
    endpoint = server.start()
    try:
        old = server.pid
        assert old is not None
        os.kill(old, signal.SIGKILL)
        assert _wait_gone(old)
        deadline = time.monotonic() + 10
        while server.restarts == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.restarts == 1 and transitions == ["down", "up"]
        assert server.endpoint == endpoint and server.pid not in (None, old)
        assert endpoint.client(1.0).ping()
    finally:
        server.stop()
