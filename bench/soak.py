"""Soak: a real ``qgraph serve`` under mixed contract traffic, reloads and one store kill.

Starts ``qgraph serve`` (embedded store, QGRAPH_DATA in a temporary directory, a free port,
QGRAPH_ADMIN_TOKEN set), then for ``--seconds`` (default 60) runs every contract operation in
turn from ``--clients`` (16) concurrent clients, POSTs ``/admin/reload`` ``--reloads`` (10) times
spread over the run, and ``kill -9``s the store's ``redis-server`` once (pid from the data
directory's ``server.json``) at ``--kill-at`` (0.5 of the run). The reloads alternate two
different graphs of one notice (the bundled notice, and the same without its 附件2). It prints requests, errors by code
(inside or outside the recovery window), p50/p99 latency, the recovery time after the kill, and
whether any reader saw a partial or mixed graph: a ``stats { nodes edges }`` (two statements)
whose totals are neither complete graph's. It stops by itself and kills everything it started.

Usage: python bench/soak.py [--seconds 60] [--clients 16] [--reloads 10] [--kill-at 0.5]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import exit_on_sigterm, operation, stop, wait_ready
from floor import OPS

from graph_api.store.embedded import free_port
from loaders.reader import bundled_notice

STATS_TOTALS = "{ stats { nodes edges } }"


@dataclass
class Outcome:
    """One request: when it started and ended (seconds since the run began), and its result."""

    start: float
    end: float
    op: str
    error: str | None  # None = answered without errors; else HTTP status, GraphQL code or exception


@dataclass
class Run:
    """What the soak saw."""

    outcomes: list[Outcome] = field(default_factory=list)
    partial: list[tuple[float, int, int]] = field(default_factory=list)
    reloads: list[tuple[float, float, int | str]] = field(default_factory=list)
    kill_at: float | None = None
    killed_pid: int | None = None
    store_pids: set[int] = field(default_factory=set)
    complete: set[tuple[int, int]] = field(default_factory=set)
    samples: dict[str, str] = field(default_factory=dict)  # the first error seen per code


def _store_pid(data_dir: Path) -> int:
    return int(json.loads((data_dir / "server.json").read_text())["pid"])


def _descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (from /proc)."""
    out: set[int] = set()
    todo = [pid]
    while todo:
        parent = todo.pop()
        for f in Path(f"/proc/{parent}/task").glob("*/children"):
            with contextlib.suppress(OSError):
                for child in f.read_text().split():
                    if int(child) not in out:
                        out.add(int(child))
                        todo.append(int(child))
    return out


def _is_redis(pid: int) -> bool:
    try:
        return "redis-server" in Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return False


def _error_of(response: httpx.Response, run: Run) -> str | None:
    if response.status_code != 200:
        code = f"HTTP {response.status_code}"
        run.samples.setdefault(code, response.text[:300])
        return code
    body = response.json()
    if body.get("errors"):
        error = body["errors"][0]
        code = str(error.get("extensions", {}).get("code", "NO_CODE"))
        run.samples.setdefault(code, json.dumps(error, ensure_ascii=False)[:300])
        return code
    return None


async def _client(
    client: httpx.AsyncClient, run: Run, t0: float, deadline: float, offset: int, complete: set[tuple[int, int]]
) -> None:
    plan = [(op.name, operation(op.name), op.variables) for op in OPS] + [("stats totals", STATS_TOTALS, {})]
    i = offset
    while time.monotonic() < deadline:
        name, query, variables = plan[i % len(plan)]
        i += 1
        start = time.monotonic()
        try:
            response = await client.post("/graphql", json={"query": query, "variables": variables})
            error = _error_of(response, run)
        except httpx.HTTPError as exc:
            error = type(exc).__name__
        end = time.monotonic()
        run.outcomes.append(Outcome(start - t0, end - t0, name, error))
        if error is None and name in ("stats", "stats totals"):
            totals = response.json()["data"]["stats"]
            if (totals["nodes"], totals["edges"]) not in complete:
                run.partial.append((start - t0, totals["nodes"], totals["edges"]))
        if error is not None:
            await asyncio.sleep(0.05)  # an outage should not turn into a busy loop


def other_notice() -> bytes:
    """The bundled notice without its 附件2: the same notice id, a different graph, so reloads
    that alternate the two swap one complete graph for another."""
    lines = bundled_notice()[1].decode("utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "附件 2")
    end = next(i for i, line in enumerate(lines) if line.strip() == "附件 3")
    return "\n".join(lines[:start] + lines[end:]).encode("utf-8")


async def _reload(client: httpx.AsyncClient, token: str, body: bytes) -> httpx.Response:
    return await client.post("/admin/reload", headers={"authorization": f"Bearer {token}"}, content=body)


async def _reloads(client: httpx.AsyncClient, run: Run, t0: float, seconds: float, count: int, token: str) -> None:
    bodies = [other_notice(), b""]  # alternate: the other graph, then the bundled one again
    for k in range(count):
        await asyncio.sleep(max(0.0, t0 + (k + 0.5) * seconds / count - time.monotonic()))
        start = time.monotonic()
        try:
            r = await _reload(client, token, bodies[k % 2])
            status: int | str = r.status_code
        except httpx.HTTPError as exc:
            status = type(exc).__name__
        run.reloads.append((start - t0, time.monotonic() - start, status))


async def _killer(run: Run, t0: float, at: float, data_dir: Path) -> None:
    await asyncio.sleep(max(0.0, t0 + at - time.monotonic()))
    pid = _store_pid(data_dir)
    run.kill_at, run.killed_pid = time.monotonic() - t0, pid
    os.kill(pid, signal.SIGKILL)


async def _watch_store(run: Run, server_pid: int, deadline: float) -> None:
    while time.monotonic() < deadline:
        run.store_pids |= {p for p in _descendants(server_pid) if _is_redis(p)}
        await asyncio.sleep(0.5)


async def _soak(url: str, args: argparse.Namespace, data_dir: Path, token: str, server_pid: int) -> Run:
    run = Run()
    limits = httpx.Limits(max_connections=args.clients + 2, max_keepalive_connections=args.clients + 2)
    async with httpx.AsyncClient(base_url=url, timeout=30, limits=limits) as client:
        complete = run.complete = set()
        for body in (other_notice(), b""):  # each graph the reloads alternate, as a whole
            assert (await _reload(client, token, body)).status_code == 200
            totals = (await client.post("/graphql", json={"query": STATS_TOTALS})).json()["data"]["stats"]
            complete.add((totals["nodes"], totals["edges"]))
        t0 = time.monotonic()
        deadline = t0 + args.seconds
        tasks = [_client(client, run, t0, deadline, k, complete) for k in range(args.clients)]
        tasks.append(_reloads(client, run, t0, args.seconds, args.reloads, token))
        tasks.append(_watch_store(run, server_pid, deadline))
        if args.kill_at > 0:
            tasks.append(_killer(run, t0, args.kill_at * args.seconds, data_dir))
        await asyncio.gather(*tasks)
    return run


def _recovery(run: Run) -> tuple[float | None, float | None]:
    """(seconds from the kill to recovery, end of the recovery window) or (None, None).

    Recovered = the first successful request that started after the last failed one following
    the kill; with no failure after the kill, the first success that started after it.
    """
    if run.kill_at is None:
        return None, None
    after = sorted((o for o in run.outcomes if o.end >= run.kill_at), key=lambda o: o.start)
    failures = [o for o in after if o.error is not None]
    since = max((o.start for o in failures), default=run.kill_at)
    ok = [o for o in after if o.error is None and o.start >= since]
    if not ok:
        return None, None
    return ok[0].end - run.kill_at, ok[0].end


def report(run: Run, args: argparse.Namespace, leftovers: list[int]) -> dict[str, Any]:
    """Print the soak's table; return the numbers."""
    latencies = sorted((o.end - o.start) * 1000 for o in run.outcomes if o.error is None)
    recovery, window_end = _recovery(run)
    inside: Counter[str] = Counter()
    outside: Counter[str] = Counter()
    for o in run.outcomes:
        if o.error is None:
            continue
        in_window = run.kill_at is not None and o.end >= run.kill_at and (window_end is None or o.start <= window_end)
        (inside if in_window else outside)[o.error] += 1
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] if latencies else float("nan")
    reload_codes = Counter(str(status) for _, _, status in run.reloads)
    reload_ms = statistics.median(d * 1000 for _, d, _ in run.reloads) if run.reloads else float("nan")
    complete = sorted(run.complete)
    print(f"## soak: qgraph serve, {args.clients} clients, {args.seconds:g} s, {args.reloads} reloads, 1 store kill\n")
    print("| measurement | result |\n|---|---|")
    print(f"| requests | {len(run.outcomes):,} ({len(run.outcomes) / args.seconds:.0f}/s) |")
    print(f"| answered without errors | {len(latencies):,} |")
    print(f"| errors inside the recovery window | {dict(inside) or 0} |")
    print(f"| errors outside the recovery window | {dict(outside) or 0} |")
    print(f"| latency of answered requests p50 / p99 | {statistics.median(latencies):.1f} / {p99:.1f} ms |")
    if run.kill_at is not None:
        rec = f"{recovery:.2f} s" if recovery is not None else "none within the run"
        print(f"| store `kill -9` (pid {run.killed_pid}) at | {run.kill_at:.1f} s; recovered after {rec} |")
    print(f"| reloads (HTTP status: count), median time | {dict(reload_codes)}, {reload_ms:.0f} ms |")
    mixed = f"{len(run.partial)} {run.partial[:3] or ''}"
    print(f"| mixed or partial answers (stats totals not one of {complete}) | {mixed} |")
    print(f"| store processes seen / left after stop | {sorted(run.store_pids)} / {leftovers or 'none'} |")
    for code, sample in run.samples.items():
        leaks = " (names the data directory!)" if args.data_dir in sample else ""
        print(f"\nfirst {code} answer{leaks}: `{sample}`")
    return {"recovery": recovery, "inside": inside, "outside": outside, "partial": len(run.partial)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--reloads", type=int, default=10)
    parser.add_argument("--kill-at", type=float, default=0.5, help="when to kill the store, as a share of the run")
    args = parser.parse_args()
    exit_on_sigterm()
    token = secrets.token_hex(16)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="qgraph-soak-") as d:
        data_dir = Path(d)
        env = {**os.environ, "QGRAPH_DATA": d, "QGRAPH_ADMIN_TOKEN": token, "QGRAPH_LOG_LEVEL": "INFO"}
        log = (data_dir / "serve.log").open("wb")
        cmd = [sys.executable, "-m", "graph_api.cli", "serve", "--port", str(port)]
        proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
        leftovers: list[int] = []
        run = Run()
        try:
            try:
                wait_ready(url, proc)
            except RuntimeError as exc:
                raise SystemExit(f"soak: {exc}") from None
            run = asyncio.run(_soak(url, args, data_dir, token, proc.pid))
            run.store_pids |= {p for p in _descendants(proc.pid) if _is_redis(p)}
        finally:
            stop(proc)
            grace = time.monotonic() + 5  # a store dies with its owner, give it a moment
            while time.monotonic() < grace and any(_is_redis(p) for p in run.store_pids):
                time.sleep(0.1)
            for pid in sorted(run.store_pids):
                if _is_redis(pid):
                    leftovers.append(pid)
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(pid, signal.SIGKILL)
            log.close()
        args.data_dir = d
        report(run, args, leftovers)
        lines = (data_dir / "serve.log").read_text(errors="replace").splitlines()
        events = [line for line in lines if '"msg": "request"' not in line]
        print(f"\nthe service log without its {len(lines) - len(events):,} request lines:")
        for line in events[-12:]:
            print("  " + line[:240])


if __name__ == "__main__":
    main()
