"""Shared bench helpers: the contract folder, medians, raw statements, process memory."""

from __future__ import annotations

import contextlib
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]


def stop(proc: subprocess.Popen[Any]) -> None:
    """SIGTERM a process this bench started; SIGKILL it if it has not ended after 30 s."""
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def wait_ready(url: str, proc: subprocess.Popen[Any], seconds: float = 60) -> None:
    """Return once the service at ``url`` answers ``/ready``; raise if it exits or never does."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = proc.stderr.read().decode() if proc.stderr else ""
            raise RuntimeError(f"the server exited with {proc.returncode}: {err}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{url}/ready", timeout=1).status_code == 200:
                return
        time.sleep(0.1)
    raise RuntimeError(f"the server at {url} did not become ready within {seconds:g} s")


def contract_dir() -> Path:
    """The contract operations: the in-repo ``contract/`` when present, else ``../shared/contract``."""
    own = ROOT / "contract"
    return own if own.is_dir() else ROOT.parent / "shared" / "contract"


def operation(name: str) -> str:
    """The text of one contract operation."""
    return (contract_dir() / f"{name}.graphql").read_text(encoding="utf-8")


def median_ms(fn: Callable[[], Any], repeat: int) -> float:
    """Median wall time of ``fn`` over ``repeat`` calls, after one warm-up call."""
    fn()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


async def amedian_ms(fn: Callable[[], Awaitable[Any]], repeat: int) -> float:
    """Median wall time of the coroutine function ``fn``, after one warm-up call."""
    await fn()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        await fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def plain(value: Any) -> Any:
    """Driver values (ordered dicts, tuples) as plain dicts and lists."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


class RawCypher:
    """Runs hand-written statements read-only on the FalkorDB graph a store serves."""

    def __init__(self, store: Any) -> None:
        self._graph = store._db.select_graph(store.graph_name)  # the bench may reach inside

    def run(self, text: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        """Rows of ``text`` as plain dicts."""
        result = self._graph.ro_query(text, params)
        header = [column[1] for column in result.header]
        return [dict(zip(header, plain(values), strict=True)) for values in result.result_set]


def rss_mib(pid: int) -> float:
    """Resident memory of a process, from /proc (MiB)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def exit_on_sigterm() -> None:
    """Turn SIGTERM into SystemExit, so that ``finally`` blocks stop what the bench started."""
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
