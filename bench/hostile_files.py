"""Read each crafted hostile file of tests/hostile_files.py through the bounded reader.

Prints, per case: the file's size, the outcome (the refusal, or what it loaded as), seconds,
the reader child's peak resident memory, and this process's own peak (the parent's).
With ``--serve``, posts each file to ``/admin/reload`` of a real `qgraph serve` (loopback,
own data directory) instead, and prints the status, seconds and the service's peak RSS.
Default limits (QGRAPH_PARSE_MEMORY_MB=1024, QGRAPH_PARSE_TIMEOUT=30).

Usage: python bench/hostile_files.py [--serve] [case substring]
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import stop, wait_ready  # noqa: E402
from graph_api.store.embedded import free_port  # noqa: E402
from loaders.bounded import ReadLimits, read_in_child  # noqa: E402
from tests.hostile_files import CASES  # noqa: E402

MB = 1024 * 1024


def _peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def in_process(wanted: str) -> None:
    print("| case | size | outcome | read s | child peak MB | parent peak MB |")
    print("|---|---:|---|---:|---:|---:|")
    for case, build, _ in CASES:
        if wanted not in case:
            continue
        raw = build()
        reading = read_in_child(raw, "f", 20 * MB, ReadLimits())
        outcome = f"refused: {reading.error.message}" if reading.error else f"read as {reading.text.encoding}"  # type: ignore[union-attr]
        parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        child = f"{reading.child_peak_mb:.0f}" if reading.child_peak_mb else "killed"
        print(f"| {case} | {len(raw) / 1024:,.1f} KB | {outcome} | {reading.seconds:.2f} | {child} | {parent:.0f} |")


def served(wanted: str) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("QGRAPH_")}
    env.update(QGRAPH_DATA=tempfile.mkdtemp(prefix="qgraph-hostile-files-"), QGRAPH_LOG_LEVEL="ERROR",
               QGRAPH_ADMIN_TOKEN="bench")  # fmt: skip
    server = subprocess.Popen([sys.executable, "-m", "graph_api.cli", "serve", "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        wait_ready(url, server)
        print("| case | status | answer | seconds | service peak MB |")
        print("|---|---:|---|---:|---:|")
        with httpx.Client(timeout=60) as client:
            for case, build, _ in CASES:
                if wanted not in case:
                    continue
                raw = build()
                started = time.monotonic()
                auth = {"authorization": "Bearer bench"}
                answer = client.post(f"{url}/admin/reload?force=1", content=raw, headers=auth)
                seconds = time.monotonic() - started
                body = answer.json()
                said = body.get("error") or f"loaded {body['loaded'][0]['notice']}"
                print(f"| {case} | {answer.status_code} | {said} | {seconds:.2f} | {_peak_mb(server.pid):.0f} |")
    finally:
        stop(server)


if __name__ == "__main__":
    args = sys.argv[1:]
    serve = "--serve" in args
    rest = [a for a in args if a != "--serve"]
    (served if serve else in_process)(rest[0] if rest else "")
