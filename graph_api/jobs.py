"""Loads asked for over HTTP run as jobs: one at a time, on a thread of their own, under a deadline.

A reload must never take a thread the readers need (the store's read pool), never queue up
behind another reload (forty clients that each gave up after 3 s must not leave forty loads
running), and never outlive its deadline or its client by more than one write step. The job
gets a :class:`Cancel` it checks between steps; the deadline and a client that went away
both trip it, and the load then stops without touching the graph (a load is all-or-nothing).
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from graph_api.errors import QGraphError

T = TypeVar("T")
# How often a waiting request looks whether its client is still there.
CLIENT_CHECK_SECONDS = 0.5


class LoadBusy(QGraphError):
    """Another load runs; loads are not queued."""

    code = "CONFLICT"
    public = True


class LoadCancelled(QGraphError):
    """A load stopped before it changed the graph: deadline passed or client gone."""

    code = "TIMEOUT"
    public = True


class Cancel:
    """Tripped when a job must stop; the job calls :meth:`check` between its steps."""

    def __init__(self, deadline: float, limit: str) -> None:
        self._deadline = time.monotonic() + deadline
        self._seconds = deadline
        self._limit = limit
        self._why = ""
        self._lock = threading.Lock()

    def trip(self, why: str) -> None:
        """Ask the job to stop at its next check."""
        with self._lock:
            self._why = self._why or why

    @property
    def seconds_left(self) -> float:
        """Time until the deadline (for a step that can bound itself, like a parser child)."""
        return max(self._deadline - time.monotonic(), 0.0)

    def check(self, *_: object) -> None:
        """Raise :class:`LoadCancelled` when the job was asked to stop or its deadline passed.
        Takes and ignores any arguments, so it can stand in for a progress callback."""
        if time.monotonic() > self._deadline:
            self.trip(f"the load ran past its deadline of {self._seconds:g} s ({self._limit})")
        with self._lock:
            why = self._why
        if why:
            raise LoadCancelled(f"{why}; the graph was not changed", limit=self._limit)


class LoadJobs:
    """At most one load at a time, on a thread that serves nothing else."""

    def __init__(self, deadline: float, limit: str = "QGRAPH_LOAD_TIMEOUT") -> None:
        self.deadline = deadline
        self.limit = limit
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="qgraph-load")
        self._busy = threading.Lock()

    @property
    def busy(self) -> bool:
        """Whether a load runs now."""
        return self._busy.locked()

    async def run(self, job: Callable[[Cancel], T], client_gone: Callable[[], Awaitable[bool]]) -> T:
        """Run ``job`` on the load thread; :class:`LoadBusy` when one runs already. The job is
        cancelled at the deadline or as soon as ``client_gone`` answers true."""
        if not self._busy.acquire(blocking=False):
            raise LoadBusy("another load is running; try again when it has finished")
        cancel = Cancel(self.deadline, self.limit)

        def work() -> T:
            try:
                return job(cancel)
            finally:
                self._busy.release()

        try:
            future = asyncio.wrap_future(self._executor.submit(work))
        except BaseException:
            self._busy.release()
            raise
        while not future.done():
            done, _ = await asyncio.wait({future}, timeout=CLIENT_CHECK_SECONDS)
            if not done and await client_gone():
                cancel.trip("the client went away")
        return future.result()

    def close(self) -> None:
        """Stop taking jobs; a running one ends at its next check or its deadline."""
        self._executor.shutdown(wait=False, cancel_futures=True)
