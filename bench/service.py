"""The HTTP part of the bench: uvicorn servers attached to the bench's store, driven by ``wrk``.

Four servers run at once, all uvloop + httptools, attached to the store the bench owns (as the
workers of ``qgraph serve --workers N`` attach to the store their main process supervises):
1 and 2 workers, each with the response cache on (``QGRAPH_CACHE_MB`` default: the same request
repeated is a cache hit after the first) and off (``QGRAPH_CACHE_MB=0``: every request parsed,
checked, executed and sent to the store; the per-document verdict memo still applies). They take
turns, ``rounds`` times, so a busy machine weighs on all alike; the median run is kept.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from common import median_ms, operation, rss_mib, stop, wait_ready
from floor import OPS

from graph_api.errors import QGraphError
from graph_api.store.embedded import free_port

# label: (workers, QGRAPH_CACHE_MB or None for the default)
SERVERS: dict[str, tuple[int, str | None]] = {
    "1 worker, cached": (1, None),
    "1 worker, uncached": (1, "0"),
    "2 workers, cached": (2, None),
    "2 workers, uncached": (2, "0"),
}
# (server, operation) pairs driven by wrk.
RUNS = [(server, "who_runs") for server in SERVERS] + [("1 worker, uncached", "search")]
WRK_RPS = re.compile(r"Requests/sec:\s+([\d.]+)")
WRK_LATENCY = re.compile(r"Latency\s+([\d.]+\w+)")
WRK_BAD = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")


@dataclass
class HttpResult:
    """Everything measured over HTTP at one scale."""

    rps: dict[tuple[str, str], tuple[float, str]] = field(default_factory=dict)
    rss: dict[str, float] = field(default_factory=dict)  # per server: the sum over its processes
    store_rss: float = 0.0
    first_ms: float = 0.0
    warm_ms: float = 0.0
    reload_error: str = ""  # why the reload before the first request failed, if it did


def _tree(pid: int) -> list[int]:
    """``pid`` and all its descendants."""
    found = [pid]
    for child in Path(f"/proc/{pid}/task").glob("*/children"):
        with contextlib.suppress(OSError):
            for cpid in child.read_text().split():
                found += _tree(int(cpid))
    return found


def _named(pids: list[int], name: str) -> list[int]:
    out = []
    for pid in pids:
        with contextlib.suppress(OSError):
            if name in Path(f"/proc/{pid}/cmdline").read_text():
                out.append(pid)
    return out


@contextlib.contextmanager
def server(
    data_dir: Path, workers: int, cache_mb: str | None, root: str | None = None
) -> Iterator[tuple[str, int]]:
    """uvicorn serving the app over the store in ``data_dir`` (attached, not owned); ``root``: the
    code tree to import the app from (default: this one)."""
    port = free_port()
    env = {**os.environ, "QGRAPH_DATA": str(data_dir), "QGRAPH_LOG_LEVEL": "WARNING", "QGRAPH_LOAD_IF_EMPTY": "0"}
    if root is not None:
        env["PYTHONPATH"] = root
    if cache_mb is not None:
        env["QGRAPH_CACHE_MB"] = cache_mb
    cmd = [sys.executable, "-m", "uvicorn", "graph_api.app:create_app", "--factory", "--port", str(port),
           "--workers", str(workers), "--no-access-log", "--log-level", "warning",
           "--loop", "uvloop", "--http", "httptools"]  # fmt: skip
    proc = subprocess.Popen(cmd, env=env, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_ready(url, proc)
        yield url, proc.pid
    finally:
        stop(proc)


def post(client: httpx.Client, name: str, variables: dict[str, Any]) -> float:
    """Milliseconds of one contract operation over HTTP (errors raise)."""
    started = time.perf_counter()
    r = client.post("/graphql", json={"query": operation(name), "variables": variables})
    elapsed = (time.perf_counter() - started) * 1000
    r.raise_for_status()
    if "errors" in r.json():
        raise RuntimeError(f"{name}: {r.json()['errors']}")
    return elapsed


def wrk(url: str, name: str, variables: dict[str, Any], seconds: float, connections: int = 8) -> tuple[float, str]:
    """Requests/s and mean latency from ``wrk`` POSTing one operation."""
    body = json.dumps({"query": operation(name), "variables": variables}, ensure_ascii=False)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", encoding="utf-8", delete=False) as script:
        script.write(f'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n'
                     f"wrk.body = [==[{body}]==]\n")  # fmt: skip
    try:
        out = subprocess.run(
            ["wrk", "-t", "1", "-c", str(connections), "-d", f"{seconds:g}s", "-s", script.name, f"{url}/graphql"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
    finally:
        os.unlink(script.name)
    if bad := WRK_BAD.search(out):
        raise RuntimeError(f"wrk saw {bad.group(1)} failed responses for {name}:\n{out}")
    rps, latency = WRK_RPS.search(out), WRK_LATENCY.search(out)
    assert rps and latency, out
    return float(rps.group(1)), latency.group(1)


def measure_http(data_dir: Path, reload: Callable[[], object], seconds: float, repeat: int, rounds: int) -> HttpResult:
    """Requests/s of every (server, operation) in ``RUNS``, RSS, first request after a load."""
    result = HttpResult()
    variables = {o.name: o.variables for o in OPS}
    with contextlib.ExitStack() as stack:
        urls: dict[str, str] = {}
        pids: dict[str, int] = {}
        for label, (workers, cache_mb) in SERVERS.items():
            url, pids[label] = stack.enter_context(server(data_dir, workers, cache_mb))
            client = stack.enter_context(httpx.Client(base_url=url, timeout=300))
            for _ in range(workers * 2):  # every worker (probably) warmed on every operation
                for op in OPS:
                    post(client, op.name, op.variables)
            urls[label] = url
            if label == "1 worker, uncached":
                try:
                    reload()  # a new graph version: the next request reads a graph it never read
                except QGraphError as exc:  # reported in the table; the other measurements go on
                    result.reload_error = exc.message
                result.first_ms = post(client, "who_runs", variables["who_runs"])
                result.warm_ms = median_ms(functools.partial(post, client, "who_runs", variables["who_runs"]), repeat)
        runs: dict[tuple[str, str], list[tuple[float, str]]] = {}
        for _ in range(rounds):
            for label, name in RUNS:
                runs.setdefault((label, name), []).append(wrk(urls[label], name, variables[name], seconds))
        for key, found in runs.items():
            found.sort()
            result.rps[key] = found[len(found) // 2]
        for label, pid in pids.items():
            result.rss[label] = sum(rss_mib(p) for p in _tree(pid))
    result.store_rss = sum(rss_mib(p) for p in _named(_tree(os.getpid()), "redis-server"))
    return result
