"""Benchmarks at several scales: print tables of medians and ratios from one run (no timed tests).

For each scale (copies of the bundled notice with shifted years, ``bench/scale.py``), in a fresh
embedded store that this process owns:

1. parse and load time;
2. every contract operation through the whole GraphQL request in-process (ASGI), its store round
   trips, and its floor: ``{ __typename }`` through the same app plus one hand-written Cypher
   statement (``bench/floor/<op>.cypher``) whose answer is checked equal to the GraphQL answer;
3. two ``uvicorn`` workers attached to the same store, one with asyncio + h11 and one with uvloop +
   httptools (uvicorn's standard extras): service RSS after every operation ran, HTTP requests/s
   for who_runs and search from 8 concurrent connections of ``wrk`` (a C load generator, so the
   client is not the bottleneck; the two servers take turns, median of ``--rounds`` runs), and the
   first request after a load (one notice reloaded, so the graph version changes) beside a warm one.

GraphQL, ``{ __typename }`` and the floor statement are timed in turn, repeat after repeat, so a
busy machine slows them alike.

Usage: python bench/run.py [--scales 1,100] [--repeat N] [--seconds S] [--rounds R] [--keep-going]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import RawCypher, amedian_ms, exit_on_sigterm, median_ms, operation, rss_mib, stop, wait_ready
from floor import OPS, FloorMismatch, FloorOp, check
from scale import scaled_notices

from graph_api.app import create_app
from graph_api.loading import load_graphs
from graph_api.settings import Settings
from graph_api.store import open_store
from graph_api.store.embedded import free_port
from loaders.model import ENTITY

TYPENAME = "{ __typename }"
SERVERS = {
    "asyncio + h11": ["--loop", "asyncio", "--http", "h11"],
    "uvloop + httptools": ["--loop", "uvloop", "--http", "httptools"],
}
LOADED_OPS = ("who_runs", "search")


@dataclass
class OpResult:
    """One operation at one scale."""

    graphql_ms: float
    floor_ms: float
    statement_ms: float
    round_trips: int
    matches: bool


@dataclass
class ScaleResult:
    """Everything measured at one scale."""

    copies: int
    nodes: int = 0
    parse_s: float = 0.0
    load_s: float = 0.0
    typename_ms: float = 0.0
    ops: dict[str, OpResult] = field(default_factory=dict)
    rss: dict[str, float] = field(default_factory=dict)
    store_rss: float = 0.0
    rps: dict[tuple[str, str], tuple[float, str]] = field(default_factory=dict)
    first_ms: float = 0.0
    warm_ms: float = 0.0


# -- in-process measurements -------------------------------------------------------------------
async def _atimed(request: Awaitable[Any]) -> float:
    started = time.perf_counter()
    await request
    return (time.perf_counter() - started) * 1000


def _floor_answer(raw: RawCypher, op: FloorOp, params: dict[str, Any]) -> Any:
    """The floor: one statement's rows, shaped as the GraphQL answer."""
    return op.shape(raw.run(op.statement, params), op.variables)


async def _operations(result: ScaleResult, store: Any, settings: Settings, repeat: int, keep_going: bool) -> None:
    raw = RawCypher(store)
    transport = httpx.ASGITransport(app=create_app(settings, store=store))
    async with httpx.AsyncClient(transport=transport, base_url="http://bench", timeout=120) as client:

        async def post(query: str, variables: dict[str, Any]) -> Any:
            body = (await client.post("/graphql", json={"query": query, "variables": variables})).json()
            if "errors" in body:
                raise RuntimeError(f"GraphQL errors: {body['errors']}")
            return body["data"]

        result.typename_ms = await amedian_ms(lambda: post(TYPENAME, {}), repeat)
        for op in OPS:
            query = operation(op.name)
            data = await post(query, op.variables)
            before = store.round_trips
            data = await post(query, op.variables)
            trips = store.round_trips - before
            params = op.params(op.variables)
            rows = raw.run(op.statement, params)
            matches = True
            try:
                check(op, data, op.shape(rows, op.variables))
            except FloorMismatch as exc:
                if not keep_going:
                    raise
                print(f"MISMATCH at {result.copies}×: {exc}", file=sys.stderr)
                matches = False
            # GraphQL, `{ __typename }` and the statement take turns, so that a busy machine slows
            # all three alike and the ratio stays meaningful.
            await post(query, op.variables)
            samples: dict[str, list[float]] = {"gql": [], "typename": [], "statement": []}
            for _ in range(repeat):
                samples["gql"].append(await _atimed(post(query, op.variables)))
                samples["typename"].append(await _atimed(post(TYPENAME, {})))
                started = time.perf_counter()
                _floor_answer(raw, op, params)
                samples["statement"].append((time.perf_counter() - started) * 1000)
            gql, typename, statement = (statistics.median(samples[k]) for k in ("gql", "typename", "statement"))
            result.ops[op.name] = OpResult(gql, typename + statement, statement, trips, matches)


# -- the HTTP service ----------------------------------------------------------------------------
@contextlib.contextmanager
def _server(data_dir: Path, flags: list[str]) -> Iterator[tuple[str, int]]:
    """One uvicorn worker serving the app over the store in ``data_dir`` (attached, not owned)."""
    port = free_port()
    env = {**os.environ, "QGRAPH_DATA": str(data_dir), "QGRAPH_LOG_LEVEL": "WARNING", "QGRAPH_LOAD_IF_EMPTY": "0"}
    cmd = [sys.executable, "-m", "uvicorn", "graph_api.app:create_app", "--factory", "--port", str(port),
           "--workers", "1", "--no-access-log", "--log-level", "warning", *flags]  # fmt: skip
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_ready(url, proc)
        yield url, proc.pid
    finally:
        stop(proc)


def _post(client: httpx.Client, name: str, variables: dict[str, Any]) -> float:
    started = time.perf_counter()
    r = client.post("/graphql", json={"query": operation(name), "variables": variables})
    elapsed = (time.perf_counter() - started) * 1000
    r.raise_for_status()
    if "errors" in r.json():
        raise RuntimeError(f"{name}: {r.json()['errors']}")
    return elapsed


WRK_RPS = re.compile(r"Requests/sec:\s+([\d.]+)")
WRK_LATENCY = re.compile(r"Latency\s+([\d.]+\w+)")
WRK_BAD = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")


def _wrk(url: str, name: str, variables: dict[str, Any], seconds: float, connections: int = 8) -> tuple[float, str]:
    """Requests/s and mean latency from ``wrk`` POSTing one operation."""
    import json

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


def _children_rss(pid: int) -> float:
    """RSS of the redis-server processes under ``pid`` (the embedded store this bench owns)."""
    total = 0.0
    for child in Path(f"/proc/{pid}/task").glob("*/children"):
        for cpid in child.read_text().split():
            with contextlib.suppress(OSError):
                if "redis-server" in Path(f"/proc/{cpid}/cmdline").read_text():
                    total += rss_mib(int(cpid))
    return total


def _available(flags: list[str]) -> bool:
    """Whether this Python has the event loop and HTTP parser ``flags`` ask for."""
    import importlib.util

    wanted = [flags[1], flags[3]]
    return all(name in ("asyncio", "h11") or importlib.util.find_spec(name) for name in wanted)


def _http(
    result: ScaleResult, store: Any, data_dir: Path, datas: list[Any], seconds: float, repeat: int, rounds: int
) -> None:
    configs = {c: f for c, f in SERVERS.items() if _available(f)}
    for config in set(SERVERS) - set(configs):
        print(f"skipping {config}: not installed in {sys.executable}", file=sys.stderr)
    with contextlib.ExitStack() as stack:
        urls: dict[str, str] = {}
        pids: dict[str, int] = {}
        for config, flags in configs.items():
            url, pids[config] = stack.enter_context(_server(data_dir, flags))
            client = stack.enter_context(httpx.Client(base_url=url, timeout=120))
            _post(client, "stats", {})
            for op in OPS:
                _post(client, op.name, op.variables)
            urls[config] = url
            if config == next(iter(configs)):
                who = next(o for o in OPS if o.name == "who_runs")
                load_graphs(store, datas[:1])  # a new graph version: caches keyed by it go stale
                result.first_ms = _post(client, who.name, who.variables)
                result.warm_ms = median_ms(functools.partial(_post, client, who.name, who.variables), repeat)
        # The configurations take turns (rounds × each), so a busy machine weighs on both alike.
        runs: dict[tuple[str, str], list[tuple[float, str]]] = {}
        for _ in range(rounds):
            for name in LOADED_OPS:
                variables = next(o.variables for o in OPS if o.name == name)
                for config, url in urls.items():
                    runs.setdefault((config, name), []).append(_wrk(url, name, variables, seconds))
        for key, found in runs.items():
            found.sort()
            result.rps[key] = found[len(found) // 2]
        for config, pid in pids.items():
            result.rss[config] = rss_mib(pid)
    result.store_rss = _children_rss(os.getpid())


def bench_scale(copies: int, repeat: int, seconds: float, rounds: int, keep_going: bool, http: bool) -> ScaleResult:
    """Every measurement at one scale, in a fresh embedded store."""
    result = ScaleResult(copies)
    started = time.perf_counter()
    datas = scaled_notices(copies)
    result.parse_s = time.perf_counter() - started
    with tempfile.TemporaryDirectory(prefix="qgraph-bench-") as d:
        settings = Settings(data_dir=Path(d), log_level="WARNING")
        store = open_store(settings)
        try:
            started = time.perf_counter()
            load_graphs(store, datas)
            result.load_s = time.perf_counter() - started
            result.nodes = int(RawCypher(store).run(f"MATCH (n:{ENTITY}) RETURN count(n) AS c", {})[0]["c"])
            asyncio.run(_operations(result, store, settings, repeat, keep_going))
            if http:
                _http(result, store, Path(d), datas, seconds, repeat, rounds)
        finally:
            store.close()
    return result


# -- tables ------------------------------------------------------------------------------------
def print_tables(results: list[ScaleResult], repeat: int, seconds: float, rounds: int) -> None:
    """Markdown tables of everything measured."""
    lo, hi = results[0], results[-1]
    scales = " | ".join(f"{r.copies}× ({r.nodes:,} nodes)" for r in results)
    print(f"## parse + load of the scaled notices\n\n| | {scales} |\n|---|" + "---:|" * len(results))
    print("| parse | " + " | ".join(f"{r.parse_s:.2f} s" for r in results) + " |")
    print("| load into an empty embedded store | " + " | ".join(f"{r.load_s:.2f} s" for r in results) + " |\n")
    print(f"## contract operations in-process (ASGI), median of {repeat}, ms")
    print("floor = `{ __typename }` through the app + the one hand-written statement (answer checked equal)\n")
    head = "| operation |" + "".join(
        f" GraphQL {r.copies}× | floor {r.copies}× | ratio {r.copies}× | trips {r.copies}× |" for r in results
    )
    growth = f" {hi.copies}×/{lo.copies}× GraphQL | {hi.copies}×/{lo.copies}× floor |" if len(results) > 1 else ""
    print(head + growth)
    print("|---|" + "---:|---:|---:|---:|" * len(results) + ("---:|---:|" if growth else ""))
    for name in lo.ops:
        cells = ""
        for r in results:
            o = r.ops[name]
            flag = "" if o.matches else " (MISMATCH)"
            cells += (
                f" {o.graphql_ms:.2f} | {o.floor_ms:.2f}{flag} | {o.graphql_ms / o.floor_ms:.2f}× | {o.round_trips} |"
            )
        if growth:
            a, b = lo.ops[name], hi.ops[name]
            cells += f" {b.graphql_ms / a.graphql_ms:.2f}× | {b.floor_ms / a.floor_ms:.2f}× |"
        print(f"| {name} |{cells}")
    print(
        "| `{ __typename }` |" + "".join(f" {r.typename_ms:.2f} | | | |" for r in results) + (" | |" if growth else "")
    )
    print()
    if not lo.rps:
        return
    print(f"## HTTP service: 1 uvicorn worker; wrk, 8 connections, median of {rounds} runs of {seconds:g} s\n")
    print(f"| | {scales} |\n|---|" + "---:|" * len(results))
    configs = [c for c in SERVERS if (c, LOADED_OPS[0]) in lo.rps]
    for config in configs:
        for name in LOADED_OPS:
            row = " | ".join(
                f"{r.rps[(config, name)][0]:,.0f} req/s (mean {r.rps[(config, name)][1]})" for r in results
            )
            print(f"| {name}, {config} | {row} |")
    for config in configs:
        print(f"| service RSS, {config} | " + " | ".join(f"{r.rss[config]:.0f} MiB" for r in results) + " |")
    print("| embedded store (redis-server) RSS | " + " | ".join(f"{r.store_rss:.0f} MiB" for r in results) + " |")
    print(
        "| who_runs: first request after a load / warm (HTTP) | "
        + " | ".join(f"{r.first_ms:.1f} / {r.warm_ms:.1f} ms ({r.first_ms / r.warm_ms:.1f}×)" for r in results)
        + " |"
    )
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="1,100", help="copies of the notice, comma-separated (default 1,100)")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--seconds", type=float, default=5.0, help="length of each wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="wrk runs per operation and server (median shown)")
    parser.add_argument("--keep-going", action="store_true", help="report floor mismatches instead of stopping")
    parser.add_argument("--no-http", action="store_true", help="skip the uvicorn/wrk part")
    args = parser.parse_args()
    exit_on_sigterm()
    if not args.no_http and shutil.which("wrk") is None:
        parser.error("wrk is not installed (`make bench` installs Debian's wrk), or pass --no-http")
    results = []
    for copies in (int(s) for s in args.scales.split(",")):
        print(f"… {copies}×", file=sys.stderr, flush=True)
        results.append(bench_scale(copies, args.repeat, args.seconds, args.rounds, args.keep_going, not args.no_http))
    print_tables(results, args.repeat, args.seconds, args.rounds)
    if not all(o.matches for r in results for o in r.ops.values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
