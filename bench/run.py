"""Benchmarks at several scales: print tables of medians and ratios from one run (no timed tests).

For each scale (copies of the bundled notice with shifted years, ``bench/scale.py``), in a fresh
embedded store that this process owns:

1. parse and load time;
2. every contract operation through the whole GraphQL request in-process (ASGI) with the
   response cache off (every request executed), its store round trips, and its floor:
   ``{ __typename }`` through the same app plus one hand-written Cypher statement
   (``bench/floor/<op>.cypher``) whose answer is checked equal to the GraphQL answer; beside it
   the same request answered from the response cache (an app with the default cache);
3. the HTTP service (``bench/service.py``): 1 and 2 uvicorn workers, cache on and off, attached
   to the same store; requests/s from ``wrk`` (a C load generator), service RSS, and the first
   request after a load (one notice reloaded, so the graph version changes) beside a warm one;
4. the targets of issue 19, met or missed, computed from the numbers above (``--scales`` must
   include 1 for the ratios; 100 and 1000 for the growth rows).

GraphQL, ``{ __typename }`` and the floor statement are timed in turn, repeat after repeat, so a
busy machine slows them alike.

Usage: python bench/run.py [--scales 1,100,1000] [--repeat N] [--seconds S] [--rounds R] [--keep-going]
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import RawCypher, amedian_ms, exit_on_sigterm, operation
from floor import OPS, FloorMismatch, FloorOp, check
from scale import scaled_notices
from service import RUNS, SERVERS, HttpResult, measure_http
from targets import print_targets

from graph_api.app import create_app
from graph_api.loading import load_graphs
from graph_api.settings import Settings
from graph_api.store import open_store
from loaders.model import ENTITY

TYPENAME = "{ __typename }"


@dataclass
class OpResult:
    """One operation at one scale."""

    graphql_ms: float
    floor_ms: float
    statement_ms: float
    round_trips: int
    matches: bool
    cached_ms: float = 0.0


@dataclass
class ScaleResult:
    """Everything measured at one scale."""

    copies: int
    nodes: int = 0
    parse_s: float = 0.0
    load_s: float = 0.0
    typename_ms: float = 0.0
    ops: dict[str, OpResult] = field(default_factory=dict)
    http: HttpResult | None = None


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
    transport = httpx.ASGITransport(app=create_app(settings.with_(cache_mb=0.0), store=store))
    cached = httpx.ASGITransport(app=create_app(settings, store=store))
    async with (
        httpx.AsyncClient(transport=transport, base_url="http://bench", timeout=300) as client,
        httpx.AsyncClient(transport=cached, base_url="http://bench", timeout=300) as cached_client,
    ):

        async def post(query: str, variables: dict[str, Any], via: httpx.AsyncClient = client) -> Any:
            body = (await via.post("/graphql", json={"query": query, "variables": variables})).json()
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
            hit = await amedian_ms(functools.partial(post, query, op.variables, cached_client), repeat)
            result.ops[op.name] = OpResult(gql, typename + statement, statement, trips, matches, hit)


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
                result.http = measure_http(Path(d), lambda: load_graphs(store, datas[:1]), seconds, repeat, rounds)
        finally:
            store.close()
    return result


# -- tables ------------------------------------------------------------------------------------
def print_tables(results: list[ScaleResult], repeat: int, seconds: float, rounds: int) -> None:
    """Markdown tables of everything measured."""
    lo = results[0]
    scales = " | ".join(f"{r.copies}× ({r.nodes:,} nodes)" for r in results)
    print(f"## parse + load of the scaled notices\n\n| | {scales} |\n|---|" + "---:|" * len(results))
    print("| parse | " + " | ".join(f"{r.parse_s:.2f} s" for r in results) + " |")
    print("| load into an empty embedded store | " + " | ".join(f"{r.load_s:.2f} s" for r in results) + " |\n")
    print(f"## contract operations in-process (ASGI), median of {repeat}, ms")
    print("GraphQL = the response cache off (every request executed); cached = the same request answered from")
    print("the response cache; floor = `{ __typename }` through the app + the one hand-written statement")
    print("(answer checked equal); ratio = GraphQL / floor\n")
    head = "| operation |" + "".join(
        f" GraphQL {r.copies}× | cached {r.copies}× | floor {r.copies}× | ratio {r.copies}× | trips {r.copies}× |"
        for r in results
    )
    growth = "".join(f" {r.copies}×/{lo.copies}× GraphQL |" for r in results[1:])
    print(head + growth)
    print("|---|" + "---:|" * (5 * len(results) + len(results) - 1))
    for name in lo.ops:
        cells = ""
        for r in results:
            o = r.ops[name]
            flag = "" if o.matches else " (MISMATCH)"
            cells += (
                f" {o.graphql_ms:.2f} | {o.cached_ms:.2f} | {o.floor_ms:.2f}{flag} | {o.graphql_ms / o.floor_ms:.2f}× |"
                f" {o.round_trips} |"
            )
        cells += "".join(f" {r.ops[name].graphql_ms / lo.ops[name].graphql_ms:.2f}× |" for r in results[1:])
        print(f"| {name} |{cells}")
    blanks = " |" * (len(results) - 1)
    print("| `{ __typename }` |" + "".join(f" {r.typename_ms:.2f} | | | | |" for r in results) + blanks)
    print()
    if lo.http is None:
        return
    https = [r.http for r in results if r.http is not None]
    print(f"## HTTP service: uvicorn (uvloop + httptools); wrk, 1 thread, 8 connections, median of {rounds} runs of "
          f"{seconds:g} s\n")  # fmt: skip
    print(f"| | {scales} |\n|---|" + "---:|" * len(results))
    for label, name in RUNS:
        row = " | ".join(f"{h.rps[(label, name)][0]:,.0f} req/s (mean {h.rps[(label, name)][1]})" for h in https)
        print(f"| {name}, {label} | {row} |")
    for label in SERVERS:
        print(f"| service RSS, {label} | " + " | ".join(f"{h.rss[label]:.0f} MiB" for h in https) + " |")
    print("| embedded store (redis-server) RSS | " + " | ".join(f"{h.store_rss:.0f} MiB" for h in https) + " |")
    print(
        "| who_runs uncached: first request after a load / warm (HTTP) | "
        + " | ".join(
            f"reload failed: {h.reload_error}" if h.reload_error
            else f"{h.first_ms:.1f} / {h.warm_ms:.1f} ms ({h.first_ms / h.warm_ms:.1f}×)"
            for h in https
        )
        + " |"
    )  # fmt: skip
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="1,100,1000", help="copies of the notice, comma-separated")
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
        r = results[-1]
        print(f"… {copies}×: {r.nodes:,} nodes, parse {r.parse_s:.1f} s, load {r.load_s:.1f} s", file=sys.stderr)
    print_tables(results, args.repeat, args.seconds, args.rounds)
    print_targets(results)
    if not all(o.matches for r in results for o in r.ops.values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
