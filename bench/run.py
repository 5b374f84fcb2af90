"""Benchmarks: print medians and ratios measured in one run (no timed tests).

1. parse + load of the bundled notice into a fresh embedded store;
2. each contract operation through the whole GraphQL HTTP request in-process, beside the
   raw store calls (GraphRepository) that fetch the same data, with the ratio;
3. requests per second for the cross-link query from a concurrent HTTP client on loopback
   against `qgraph serve` (1 uvicorn worker).

Usage: python bench/run.py [--repeat N] [--seconds S]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from graph_api.app import create_app
from graph_api.loading import load_graphs
from graph_api.settings import Settings
from graph_api.store import open_store, walk
from graph_api.store.embedded import free_port
from graph_api.store.repository import GraphRepository
from loaders.reader import read_notice

ROOT = Path(__file__).resolve().parents[1]

CONTRACT = ROOT / "contract"


def median_ms(fn: Callable[[], Any], repeat: int) -> float:
    fn()  # warm up
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    return statistics.median(samples)


def bench_load(repeat: int) -> None:
    parse = median_ms(read_notice, repeat)
    data = read_notice()
    with tempfile.TemporaryDirectory() as d:
        store = open_store(Settings(data_dir=Path(d)))
        try:
            started = time.perf_counter()
            load_graphs(store, [data])  # into the empty store
            first = (time.perf_counter() - started) * 1000
            # A reload replaces the notice's facts: staged copy, writes, atomic swap.
            write = median_ms(lambda: load_graphs(store, [data]), repeat)
            total = median_ms(lambda: load_graphs(store, [read_notice()]), repeat)
        finally:
            store.close()
    print(f"## parse + load of the bundled notice (median of {repeat})")
    print(f"parse {parse:.1f} ms | first load into an empty store {first:.1f} ms | reload {write:.1f} ms | "
          f"parse + reload {total:.1f} ms ({len(data.nodes)} nodes, {len(data.edges)} edges)\n")


SHANGHAI = [f"activity:2023:附件3/九/{i}" for i in (1, 2, 3)]
NOTICE_LINKS = ("HAS_THEME", "HAS_SLOGAN", "HAS_CONTENT_ITEM", "HAS_KEY_ARRANGEMENT", "HAS_REQUIREMENT",
                "ORGANIZED_BY", "HAS_CONTACT")


def raw_who_runs(r: GraphRepository) -> Any:
    return r.nodes(_sampling_actor_ids(r))


def raw_actor(r: GraphRepository) -> Any:
    details = r.activity_details(SHANGHAI)
    linked = {p["id"] for d in details.values() for p in d["participants"]}
    linked |= {link["id"] for d in details.values() for link in d["links"]}
    return r.nodes(["region:310000"]), r.activity_facts(), r.actors(), r.nodes(SHANGHAI), r.nodes(sorted(linked))


def raw_find_actor(r: GraphRepository) -> Any:
    return r.activity_facts(), r.actors(), r.nodes(["organizer:市场监管总局"])


def raw_actors_by_kind(r: GraphRepository) -> Any:
    return r.activity_facts(), r.nodes([a["id"] for a in r.actors(["REGION"])][:20])


def raw_activities(r: GraphRepository) -> Any:
    ids = [f["id"] for f in r.activity_facts() if "LAUNCH_CEREMONY" in f["types"]]
    details = r.activity_details(ids)
    return r.actors(), r.nodes(ids), r.nodes([p["id"] for d in details.values() for p in d["participants"]])


def raw_neighborhood(r: GraphRepository) -> Any:
    return r.nodes(walk.neighborhood(r, "campaign:双随机、一公开", 2, 50).nodes)


def raw_path(r: GraphRepository) -> Any:
    sub = walk.shortest_path(r, "organizer:国务院国资委", "organizer:全国工商联", 4)
    return r.nodes(["organizer:国务院国资委", "organizer:全国工商联"]), r.nodes(sub.nodes if sub else [])


def raw_notice(r: GraphRepository) -> Any:
    return r.notices(), r.outgoing(["notice:2023"], NOTICE_LINKS), r.activity_facts(), r.actors()


OPS: list[tuple[str, dict[str, Any], Callable[[GraphRepository], Any]]] = [
    ("who_runs", {"types": ["SUPERVISION_SAMPLING"]}, raw_who_runs),
    ("actor", {"id": "region:310000"}, raw_actor),
    ("search", {"text": "监督抽查", "first": 10}, lambda r: r.search("监督抽查", 10)),
    ("find_actor", {"name": "国家市场监督管理总局"}, raw_find_actor),
    ("actors_by_kind", {"kinds": ["REGION"], "first": 20}, raw_actors_by_kind),
    ("activities", {"filter": {"types": ["LAUNCH_CEREMONY"]}, "first": 20}, raw_activities),
    ("neighborhood", {"id": "campaign:双随机、一公开", "depth": 2, "limit": 50}, raw_neighborhood),
    ("path", {"from": "organizer:国务院国资委", "to": "organizer:全国工商联", "maxHops": 4}, raw_path),
    ("notice", {}, raw_notice),
    ("stats", {}, lambda r: r.stats()),
]


def _sampling_actor_ids(repo: GraphRepository) -> list[str]:
    facts = repo.activity_facts()
    return sorted({a["id"] for f in facts if "SUPERVISION_SAMPLING" in f["types"] for a in f["actors"]})


async def _amedian_ms(fn: Callable[[], Any], repeat: int) -> float:
    await fn()
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        await fn()
        samples.append((time.perf_counter() - t) * 1000)
    return statistics.median(samples)


def bench_operations(repeat: int) -> None:
    asyncio.run(_bench_operations(repeat))


async def _bench_operations(repeat: int) -> None:
    with tempfile.TemporaryDirectory() as d:
        settings = Settings(data_dir=Path(d), log_level="WARNING")
        store = open_store(settings)
        try:
            load_graphs(store, [read_notice()])
            repo = GraphRepository(store)
            transport = httpx.ASGITransport(app=create_app(settings, store=store))
            async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
                print(f"## contract operations, embedded store (median of {repeat}, ms)")
                print("| operation | GraphQL request | raw store calls | ratio | store round trips |")
                print("|---|---:|---:|---:|---:|")
                for name, variables, raw in OPS:
                    query = (CONTRACT / f"{name}.graphql").read_text(encoding="utf-8")

                    async def request(q: str = query, v: dict[str, Any] = variables) -> None:
                        body = (await client.post("/graphql", json={"query": q, "variables": v})).json()
                        assert "errors" not in body, body

                    await request()
                    before = store.round_trips
                    await request()
                    trips = store.round_trips - before
                    gql = await _amedian_ms(request, repeat)
                    base = median_ms(lambda f=raw: f(repo), repeat)
                    print(f"| {name} | {gql:.2f} | {base:.2f} | {gql / base:.2f}× | {trips} |")
        finally:
            store.close()
    print()


async def _load(url: str, body: dict[str, Any], seconds: float, concurrency: int) -> tuple[int, list[float]]:
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds
    async with httpx.AsyncClient(timeout=10) as client:
        async def worker() -> None:
            while time.perf_counter() < deadline:
                t = time.perf_counter()
                r = await client.post(url, json=body)
                r.raise_for_status()
                latencies.append((time.perf_counter() - t) * 1000)
        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return len(latencies), latencies


def bench_http(seconds: float, concurrency: int = 8) -> None:
    port = free_port()
    with tempfile.TemporaryDirectory() as d:
        env = {**os.environ, "QGRAPH_DATA": d, "QGRAPH_LOG_LEVEL": "WARNING"}
        proc = subprocess.Popen([sys.executable, "-m", "graph_api.cli", "serve", "--port", str(port)], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(300):
                try:
                    if httpx.get(f"http://127.0.0.1:{port}/ready", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                time.sleep(0.1)
            query = (CONTRACT / "who_runs.graphql").read_text(encoding="utf-8")
            body = {"query": query, "variables": {"types": ["SUPERVISION_SAMPLING"]}}
            count, lat = asyncio.run(_load(f"http://127.0.0.1:{port}/graphql", body, seconds, concurrency))
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)
    lat.sort()
    p95 = lat[int(len(lat) * 0.95)]
    print(f"## HTTP load, cross-link query (who_runs), 1 uvicorn worker, {concurrency} clients, {seconds:g} s")
    print(f"{count / seconds:.0f} requests/s | median {statistics.median(lat):.1f} ms | p95 {p95:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    bench_load(args.repeat)
    bench_operations(args.repeat)
    bench_http(args.seconds)


if __name__ == "__main__":
    main()
