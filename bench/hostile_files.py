"""Read each crafted hostile file of tests/hostile_files.py through the bounded reader.

Prints, per case: the file's size, the outcome (the refusal, or what it loaded as), seconds,
the reader child's peak resident memory, and this process's own peak (the parent's).
Default limits (QGRAPH_PARSE_MEMORY_MB=1024, QGRAPH_PARSE_TIMEOUT=30).

Usage: python bench/hostile_files.py [case substring]
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from loaders.bounded import ReadLimits, read_in_child  # noqa: E402
from tests.hostile_files import CASES  # noqa: E402


def main() -> None:
    wanted = sys.argv[1] if len(sys.argv) > 1 else ""
    print("| case | size | outcome | build s | read s | child peak MB | parent peak MB |")
    print("|---|---:|---|---:|---:|---:|---:|")
    for case, build, _ in CASES:
        if wanted not in case:
            continue
        started = time.monotonic()
        raw = build()
        built = time.monotonic() - started
        reading = read_in_child(raw, "f", 20 * 1024 * 1024, ReadLimits())
        outcome = f"refused: {reading.error.message}" if reading.error else f"read as {reading.text.encoding}"  # type: ignore[union-attr]
        parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        child = f"{reading.child_peak_mb:.0f}" if reading.child_peak_mb else "killed"
        size = f"{len(raw) / 1024:,.1f} KB"
        print(f"| {case} | {size} | {outcome[:110]} | {built:.1f} | {reading.seconds:.2f} | {child} | {parent:.0f} |")
        del raw


if __name__ == "__main__":
    main()
