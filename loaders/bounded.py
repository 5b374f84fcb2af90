"""Untrusted notice files are read in a child process with a memory and a time limit.

A document's size says little about what reading it costs: a 4.6 KB PDF can hold a million
characters, a 2 MB Word file a 2 GB image. The format readers (lxml, python-docx, pdfminer.six,
OpenCC) and the text checks of :func:`loaders.reader.read_text` therefore run in a child
with an address-space limit (``RLIMIT_AS``) and a wall-clock limit: a bomb the readers' own
budgets miss kills only that child, and the caller gets a refusal naming the limit met.

Each file gets a fresh ``python -m loaders.bounded`` process (about 0.1 s to start for a text
file, 0.25 s with the PDF, Word and HTML readers imported). Forking the service itself would be
unsafe (its threads may hold locks the child inherits; ``subprocess`` starts the child with
vfork/exec, which is safe), and multiprocessing's ``forkserver``/``spawn`` re-run the caller's
main module in every child. The child gets the bytes on stdin and answers in JSON on stdout
(never pickle: a child that a hostile file subverted must not run code in the service).
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import signal
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from types import FrameType
from typing import Any

from loaders.errors import LoadError
from loaders.formats import kind_of
from loaders.reader import DEFAULT_MAX_BYTES, NoticeText, build_notice, read_text
from loaders.records import GraphData

KILL_GRACE_SECONDS = 2.0  # past the child's own alarm, the parent kills it
CPU_GRACE_SECONDS = 5  # the child's CPU limit past the wall clock: it dies even if orphaned


@dataclass(frozen=True)
class ReadLimits:
    """What one file's reading may take: address space in MB and wall-clock seconds."""

    memory_mb: int = 1024
    seconds: float = 30.0


@dataclass(frozen=True)
class Reading:
    """How a bounded read went: the text or the refusal, the time taken and the child's peak
    resident memory in MB (``None`` when the child was killed before it could say)."""

    text: NoticeText | None
    error: LoadError | None
    seconds: float
    child_peak_mb: float | None


class _Timeout(BaseException):  # not an Exception: no reader's ``except Exception`` may swallow it
    pass


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise _Timeout


def _peak_mb() -> float | None:
    """This process's peak resident memory (VmHWM: ``ru_maxrss`` would carry the parent's
    over the fork and exec), MB; None where /proc is not available."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def child_main() -> None:
    """The child: limits first, then the read; one JSON answer on stdout."""
    request = json.loads(sys.argv[1])
    memory = int(request["memory_mb"]) * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = int(request["seconds"]) + CPU_GRACE_SECONDS
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    signal.signal(signal.SIGALRM, _alarm)
    answer: dict[str, object]
    try:
        signal.setitimer(signal.ITIMER_REAL, float(request["seconds"]))
        raw = sys.stdin.buffer.read()
        answer = {"text": asdict(read_text(raw, request["name"], int(request["max_bytes"])))}
    except LoadError as exc:
        answer = {"refused": exc.message, "details": exc.details}
    except MemoryError:
        answer = {"limit": "memory"}
    except _Timeout:
        answer = {"limit": "time"}
    signal.setitimer(signal.ITIMER_REAL, 0)
    answer["peak_mb"] = _peak_mb()
    sys.stdout.write(json.dumps(answer, ensure_ascii=False))


def read_in_child(raw: bytes, name: str, max_bytes: int, limits: ReadLimits) -> Reading:
    """Read ``raw`` in a bounded child; never raises for what the file holds."""
    kind = kind_of(raw)
    what = "text" if kind == "text" else kind
    request = {"name": name, "max_bytes": max_bytes, "memory_mb": limits.memory_mb, "seconds": limits.seconds}
    started = time.monotonic()
    child = subprocess.Popen(
        [sys.executable, "-P", "-m", "loaders.bounded", json.dumps(request)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env={k: v for k, v in os.environ.items() if not k.startswith("QGRAPH_")},  # no tokens or passwords
    )
    try:
        out, _ = child.communicate(raw, timeout=limits.seconds + KILL_GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        child.kill()
        out, _ = child.communicate()
    seconds = time.monotonic() - started
    # No answer, or half of one: killed by the parent at the deadline, or by a limit before it.
    answer: dict[str, Any] = {"limit": "time" if seconds >= limits.seconds else "memory"}
    with contextlib.suppress(ValueError):
        answer = json.loads(out) if out else answer
    peak = answer.get("peak_mb")
    if "text" in answer:
        return Reading(NoticeText(**answer["text"]), None, seconds, peak)
    if "refused" in answer:
        return Reading(None, LoadError(str(answer["refused"]), **answer.get("details", {})), seconds, peak)
    if answer.get("limit") == "time":
        message = f"{name}: the {what} file took longer than {limits.seconds:g} s to read (QGRAPH_PARSE_TIMEOUT)"
        setting = "QGRAPH_PARSE_TIMEOUT"
    else:
        message = f"{name}: the {what} file needed more than {limits.memory_mb} MB to read (QGRAPH_PARSE_MEMORY_MB)"
        setting = "QGRAPH_PARSE_MEMORY_MB"
    return Reading(None, LoadError(message, source=name, kind=kind, limit=setting), seconds, peak)


def read_bounded(
    raw: bytes, name: str, max_bytes: int = DEFAULT_MAX_BYTES, limits: ReadLimits | None = None
) -> NoticeText:
    """The text of an untrusted notice file, read within ``limits``; a LoadError otherwise."""
    reading = read_in_child(raw, name, max_bytes, limits or ReadLimits())
    if reading.error is not None:
        raise reading.error
    assert reading.text is not None
    return reading.text


def parse_bounded(
    raw: bytes, name: str, max_bytes: int = DEFAULT_MAX_BYTES, limits: ReadLimits | None = None
) -> GraphData:
    """Graph records of an untrusted notice file: read in a bounded child, parsed here."""
    return build_notice(read_bounded(raw, name, max_bytes, limits), name)


if __name__ == "__main__":
    child_main()
