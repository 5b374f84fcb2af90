"""Lifecycle with real processes: idling, a killed store, a killed service, a killed load."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import redis

from graph_api.store.embedded import SOCKET_FILE, free_port, pid_alive
from graph_api.store.load_lock import lock_key
from tests.processes import (
    QGRAPH,
    env_for,
    external_falkordb,
    graphql,
    run,
    serve,
    stats,
    stop,
    store_pid,
    wait_gone,
    wait_until,
)

# anyio retires a worker thread after 10 s idle; a server forked from one died with it.
IDLE_LONGER_THAN_WORKER_THREADS = 11.5


def test_store_survives_a_burst_then_an_idle_spell(tmp_path: Path) -> None:
    port = free_port()
    proc = serve(tmp_path, port)
    try:
        pid = store_pid(tmp_path)
        with ThreadPoolExecutor(16) as pool:
            answers = list(pool.map(lambda _: stats(port), range(16)))
        assert len({a["nodes"] for a in answers}) == 1
        time.sleep(IDLE_LONGER_THAN_WORKER_THREADS)
        assert stats(port) == answers[0]
        assert pid_alive(pid) and store_pid(tmp_path) == pid  # the same server, never restarted
    finally:
        stop(proc)


def test_killed_store_is_restarted_with_its_data(tmp_path: Path) -> None:
    port = free_port()
    proc = serve(tmp_path, port, QGRAPH_WATCH_INTERVAL="0.5")
    try:
        before = stats(port)
        old = store_pid(tmp_path)
        os.kill(old, signal.SIGKILL)
        seen: list[dict[str, object]] = []

        def answers() -> bool:
            body = graphql(port, "{ stats { nodes edges } }", timeout=30)
            seen.append(body)
            return bool(body.get("data"))

        assert wait_until(answers, 60, step=0.1)
        assert stats(port) == before  # the AOF replayed every node and edge
        assert store_pid(tmp_path) != old and wait_gone(old, 30)  # reaped, not a zombie
        for body in seen[:-1]:  # what clients saw meanwhile: a coded error with no paths
            for error in body.get("errors", []):  # type: ignore[attr-defined]
                assert error["extensions"]["code"] == "UNAVAILABLE"
                assert SOCKET_FILE not in error["message"] and str(tmp_path) not in error["message"]
        assert wait_until(lambda: _metric(port, 'qgraph_store_restarts_total{backend="falkordb"} 1.0'), 30)
        assert wait_until(lambda: _metric(port, 'qgraph_store_available{backend="falkordb"} 1.0'), 30)
        assert httpx.get(f"http://127.0.0.1:{port}/ready", timeout=30).status_code == 200
    finally:
        stop(proc)
    assert proc.returncode == 0
    log = proc.stderr.read() if proc.stderr else ""
    # Each transition is one log line, the outage's cause named in it, whoever saw it first:
    # the store's owner thread or the watch's ping.
    assert log.count('"store unavailable"') == 1 and log.count('"store available again"') == 1
    assert "the embedded store exited (code -9); restarting it" in log


def _metric(port: int, sample: str) -> bool:
    """Whether /metrics shows ``sample`` (a metric line with its value)."""
    return sample in httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=30).text


def test_killed_service_leaves_no_store_running(tmp_path: Path) -> None:
    port = free_port()
    proc = serve(tmp_path, port)
    pid = store_pid(tmp_path)
    proc.kill()
    proc.wait(timeout=30)
    assert wait_gone(pid, 30)


def test_killed_load_leaves_the_graph_and_the_next_load_runs_at_once(tmp_path: Path) -> None:
    port = free_port()
    proc = serve(tmp_path, port)
    try:
        before = stats(port)
        conn = redis.Redis(unix_socket_path=str(tmp_path / SOCKET_FILE))
        # One row per write statement makes the load long enough to be killed midway.
        load = subprocess.Popen([*QGRAPH, "load"], env=env_for(tmp_path, QGRAPH_WRITE_BATCH="1"),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        assert wait_until(lambda: conn.exists(lock_key("quality_graph")), 60, step=0.01)
        assert wait_until(lambda: any(conn.scan_iter(match="quality_graph__staging_*")), 60, step=0.01)
        load.kill()
        load.wait(timeout=30)
        # The dead loader's lock never expires now: the next load must see that its holder is
        # gone rather than wait the expiry out.
        assert conn.persist(lock_key("quality_graph")) and conn.ttl(lock_key("quality_graph")) == -1
        assert stats(port) == before
        result = run(["load"], env_for(tmp_path))
        assert result.returncode == 0, result.stderr
        assert stats(port) == before
        assert not [k for k in conn.scan_iter(match="quality_graph__staging_*")]
    finally:
        stop(proc)


def test_an_external_store_that_goes_away_and_comes_back_is_picked_up(tmp_path: Path) -> None:
    db_port, port = free_port(), free_port()
    external = external_falkordb(tmp_path / "external", db_port)
    proc = serve(tmp_path, port, QGRAPH_DB=f"falkordb://127.0.0.1:{db_port}", QGRAPH_WATCH_INTERVAL="0.5")
    try:
        before = stats(port)
        external.kill()
        external.wait()
        down = graphql(port, "{ stats { nodes } }", timeout=30)
        assert down["errors"][0]["extensions"]["code"] == "UNAVAILABLE"
        assert httpx.get(f"http://127.0.0.1:{port}/ready", timeout=30).status_code == 503
        # The watch notices and logs the outage before the store comes back.
        assert wait_until(lambda: _metric(port, 'qgraph_store_available{backend="falkordb"} 0.0'), 30)
        external = external_falkordb(tmp_path / "external", db_port)
        assert wait_until(lambda: bool(graphql(port, "{ stats { nodes } }", timeout=30).get("data")), 60, step=0.1)
        assert stats(port) == before
        assert wait_until(lambda: _metric(port, 'qgraph_store_available{backend="falkordb"} 1.0'), 30)
    finally:
        stop(proc)
        external.kill()
        external.wait()
    assert proc.returncode == 0
    log = proc.stderr.read() if proc.stderr else ""
    assert log.count('"store unavailable"') == 1 and log.count('"store available again"') == 1
