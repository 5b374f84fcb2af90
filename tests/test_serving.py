"""``qgraph serve`` stops cleanly on SIGTERM and SIGINT: exit 0, no store process left."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
from pathlib import Path

import httpx
import pytest

from graph_api.store.embedded import STATE_FILE, free_port
from tests.processes import QGRAPH, env_for, graphql, serve, stats, stop, store_pid, wait_gone, wait_until


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_stop_signal_while_serving_exits_0_and_stops_the_store(tmp_path: Path, sig: signal.Signals) -> None:
    port = free_port()
    proc = serve(tmp_path, port)
    try:
        assert stats(port)["nodes"] > 300
        pid = store_pid(tmp_path)
    finally:
        stop(proc, sig)
    stderr = proc.stderr.read() if proc.stderr else ""
    assert proc.returncode == 0, stderr[-2000:]
    assert wait_gone(pid, 30)
    assert not (tmp_path / STATE_FILE).exists()  # the owner stopped its store, not a crash
    assert "Traceback" not in stderr


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_stop_signal_while_starting_exits_0_and_stops_the_store(tmp_path: Path, sig: signal.Signals) -> None:
    # Sent as soon as the store runs: the bundled notice is loading, or serving has just begun.
    proc = subprocess.Popen([*QGRAPH, "serve", "--port", str(free_port())], env=env_for(tmp_path),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert wait_until(lambda: (tmp_path / STATE_FILE).exists() or proc.poll() is not None, 120)
        pid = store_pid(tmp_path)
    finally:
        stop(proc, sig)
    stderr = proc.stderr.read() if proc.stderr else ""
    assert proc.returncode == 0, stderr[-2000:]
    assert wait_gone(pid, 30)
    assert "Traceback" not in stderr


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _workers(pid: int) -> list[int]:
    def cmdline(child: int) -> str:
        try:
            return Path(f"/proc/{child}/cmdline").read_bytes().decode(errors="replace")
        except OSError:
            return ""

    return [c for c in _children(pid) if "multiprocessing" in cmdline(c) and "resource_tracker" not in cmdline(c)]


def test_workers_share_one_supervised_embedded_store_and_survive_its_restart(tmp_path: Path) -> None:
    port = free_port()
    proc = serve(tmp_path, port, QGRAPH_WORKERS="2", QGRAPH_LOG_LEVEL="INFO")
    try:
        assert wait_until(lambda: len(_workers(proc.pid)) == 2, 30), _children(proc.pid)
        before = stats(port)
        first_store = store_pid(tmp_path)
        assert first_store in _children(proc.pid)  # started once, by the supervising process
        os.kill(first_store, signal.SIGKILL)
        assert wait_until(lambda: store_pid(tmp_path) != first_store, 60)

        seen: list[object] = []

        def all_answer() -> bool:
            try:
                answers = [graphql(port, "{ stats { nodes edges } }") for _ in range(8)]
            except httpx.HTTPError as exc:
                seen.append(repr(exc))
                return False
            seen.append(answers[-1])
            return all(a.get("data", {}) and a["data"]["stats"] == before for a in answers)

        # Failed once in 8 fresh-clone runs at load 4.5 (60 s); the last answer says why.
        assert wait_until(all_answer, 120, step=0.5), seen[-3:]
        second_store = store_pid(tmp_path)
    finally:
        stop(proc, signal.SIGTERM)
    assert proc.returncode == 0
    assert wait_gone(second_store, 30)
    assert _workers(proc.pid) == []
    log = proc.stderr.read() if proc.stderr else ""
    assert log.count('"msg": "service ready"') >= 2  # every worker logs, as one process does


def test_the_served_port_bounds_connections_at_the_defaults(tmp_path: Path) -> None:
    port = free_port()
    proc = serve(tmp_path, port)
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
            sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 70_000 + b"\r\n\r\n")
            answer = sock.recv(65536)
        assert answer.startswith(b"HTTP/1.1 431")
        assert b"application/problem+json" in answer and b'"code": "LIMIT_EXCEEDED"' in answer
        assert httpx.get(f"http://127.0.0.1:{port}/health", timeout=10).status_code == 200
    finally:
        stop(proc, signal.SIGTERM)
