"""Search at 1× and at N× in one process: both stores loaded side by side and the contract's
search request sent to each in turn, so a busy machine slows both alike (issue 19's
“search 100×/1× ≤ 1.5×”, steadier than comparing two scales measured minutes apart).

Usage: python bench/search_growth.py [--copies 100] [--repeat 61] [--text 监督抽查] [--first 10]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import operation
from scale import scaled_notices

from graph_api.app import create_app
from graph_api.loading import load_graphs
from graph_api.settings import Settings
from graph_api.store import open_store


async def _measure(apps: dict[int, Any], variables: dict[str, Any], repeat: int) -> dict[int, list[float]]:
    query = operation("search")
    samples: dict[int, list[float]] = {copies: [] for copies in apps}
    clients = {
        c: httpx.AsyncClient(transport=httpx.ASGITransport(app=a), base_url="http://bench") for c, a in apps.items()
    }
    try:
        for client in clients.values():  # warm-up, and a check that the answer is an answer
            body = (await client.post("/graphql", json={"query": query, "variables": variables})).json()
            if "errors" in body:
                raise RuntimeError(f"GraphQL errors: {body['errors']}")
        for _ in range(repeat):
            for copies, client in clients.items():
                started = time.perf_counter()
                await client.post("/graphql", json={"query": query, "variables": variables})
                samples[copies].append((time.perf_counter() - started) * 1000)
    finally:
        for client in clients.values():
            await client.aclose()
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=61)
    parser.add_argument("--text", default="监督抽查")
    parser.add_argument("--first", type=int, default=10)
    args = parser.parse_args()
    stores, apps = [], {}
    with tempfile.TemporaryDirectory(prefix="qgraph-search-") as d:
        try:
            for copies in (1, args.copies):
                settings = Settings(data_dir=Path(d) / str(copies), log_level="WARNING", load_if_empty=False)
                store = open_store(settings)
                stores.append(store)
                started = time.perf_counter()
                load_graphs(store, scaled_notices(copies))
                print(f"… {copies}×: loaded in {time.perf_counter() - started:.1f} s", file=sys.stderr)
                apps[copies] = create_app(settings.with_(cache_mb=0.0), store=store)
            variables = {"text": args.text, "first": args.first}
            samples = asyncio.run(_measure(apps, variables, args.repeat))
        finally:
            for store in stores:
                store.close()
    low, high = (statistics.median(samples[c]) for c in (1, args.copies))
    print(f"| search {variables} | 1× | {args.copies}× | {args.copies}×/1× |\n|---|---:|---:|---:|")
    ratio = high / low
    print(f"| in process, cache off, median of {args.repeat} in turn | {low:.2f} ms | {high:.2f} ms | {ratio:.2f}× |")


if __name__ == "__main__":
    main()
