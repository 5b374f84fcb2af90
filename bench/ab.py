"""Before/after over HTTP: servers from several code trees on one store, ``wrk`` in turns.

Each variant is ``label=ROOT[:WORKERS[:CACHE_MB]]``: uvicorn (uvloop + httptools) serving
``graph_api.app:create_app`` imported from ROOT (e.g. ``git archive <commit> | tar -x -C /tmp/old``
for the tree before a change), attached to one embedded store this script loads with the scaled
notice; CACHE_MB ``0`` turns the response cache off, ``default`` (or nothing) keeps it. The
variants take turns ``rounds`` times, so a busy machine weighs on all alike; beside requests/s
it prints each server's and the store's CPU time per request (from ``/proc``), which a busy
machine moves less than throughput.

Usage: python bench/ab.py [--rounds 3] [--seconds 5] [--scale 1] [--op who_runs] label=ROOT[:W[:MB]] …
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import tempfile
from collections.abc import Iterator
from pathlib import Path

import httpx
from common import operation
from floor import OPS
from scale import scaled_notices
from service import _named, _tree, server, wrk

from graph_api.loading import load_graphs
from graph_api.settings import Settings
from graph_api.store import open_store


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of ``pids`` so far."""
    ticks = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def _children_cpu() -> float:
    """CPU time of this process's finished children (each wrk run, once it has ended)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@contextlib.contextmanager
def serve(root: str, data: Path, workers: int, cache_mb: str | None) -> Iterator[tuple[str, int]]:
    """uvicorn serving the app of the tree at ``root`` over the store in ``data``."""
    with server(data, workers, None if cache_mb in (None, "", "default") else cache_mb, root=root) as served:
        yield served


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--op", default="who_runs", help="a contract operation")
    parser.add_argument("variants", nargs="+", metavar="label=ROOT[:WORKERS[:CACHE_MB]]")
    args = parser.parse_args()
    variables = {o.name: o.variables for o in OPS}
    query, values = operation(args.op), variables[args.op]
    with tempfile.TemporaryDirectory(prefix="qgraph-ab-") as d, contextlib.ExitStack() as stack:
        store = open_store(Settings(data_dir=Path(d), log_level="WARNING"))
        stack.callback(store.close)
        load_graphs(store, scaled_notices(args.scale))
        servers: dict[str, tuple[str, int]] = {}
        for variant in args.variants:
            label, spec = variant.split("=", 1)
            root, workers, cache_mb = [*spec.split(":"), "1", ""][:3]
            servers[label] = stack.enter_context(serve(root, Path(d), int(workers), cache_mb))
            with httpx.Client(base_url=servers[label][0], timeout=60) as client:
                for _ in range(20):  # warm: every worker (probably) ran it, a cache holds it
                    r = client.post("/graphql", json={"query": query, "variables": values})
                    assert r.status_code == 200 and "errors" not in r.json(), r.text
        store_pids = _named(_tree(os.getpid()), "redis-server")
        rps: dict[str, list[float]] = {label: [] for label in servers}
        for n in range(args.rounds):
            for label, (url, pid) in servers.items():
                pids = _tree(pid)
                before, store_before, wrk_before = cpu_seconds(pids), cpu_seconds(store_pids), _children_cpu()
                found, _ = wrk(url, args.op, values, args.seconds)
                requests = found * args.seconds
                server_us = (cpu_seconds(pids) - before) / requests * 1e6
                store_us = (cpu_seconds(store_pids) - store_before) / requests * 1e6
                wrk_us = (_children_cpu() - wrk_before) / requests * 1e6
                rps[label].append(found)
                print(f"round {n}: {label}: {found:,.0f} req/s; CPU per request: server {server_us:,.0f} µs, "
                      f"store {store_us:,.0f} µs, wrk {wrk_us:,.0f} µs", flush=True)  # fmt: skip
        print(f"load average {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")
        for label, found in rps.items():
            found.sort()
            print(f"{label}: median {found[len(found) // 2]:,.0f} req/s ({', '.join(f'{x:,.0f}' for x in found)})")


if __name__ == "__main__":
    main()
