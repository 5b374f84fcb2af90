"""Every GraphQL operation runs on its own event loop, on a daemon thread, under a deadline.

The server's event loop only parses the HTTP request and waits for the operation's future,
so whatever CPU an operation burns (validation, filter evaluation, building a large answer),
``/health`` keeps answering, the deadline answers ``TIMEOUT`` on time, and SIGTERM is handled
at once: uvicorn's loop is never the one that is busy, and the daemon thread does not hold
the process at exit. On SIGTERM a request still waiting answers ``UNAVAILABLE`` within a
quarter second, so uvicorn's graceful shutdown does not wait out the deadline. One shared
loop keeps the per-version snapshot cache and its lock on one loop; store calls still leave
it for worker threads (``context.call``).
"""

from __future__ import annotations

import asyncio
import signal
import sys
import threading
import time
from collections.abc import Coroutine
from types import FrameType
from typing import Any, TypeVar

from graph_api.errors import RETRY_AFTER_SECONDS, QGraphError

try:  # signal.getsignal without its conversion to an enum, which costs ~7 µs per request
    from _signal import getsignal as _current_handler  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - CPython always has it
    _current_handler = signal.getsignal

# How often a waiting request looks whether the process is stopping.
STOP_CHECK_SECONDS = 0.25
# How long a busy operation thread may hold the GIL while the server's loop waits for it
# (Python's default is 5 ms; each await of the server's loop may wait that long once more).
SWITCH_INTERVAL_SECONDS = 0.001

T = TypeVar("T")


class RequestTimeout(QGraphError):
    """A request ran past ``QGRAPH_REQUEST_TIMEOUT``."""

    code = "TIMEOUT"


class ShuttingDown(QGraphError):
    """The process received SIGTERM while the request ran."""

    code = "UNAVAILABLE"
    public = True  # its message says nothing internal: shown as is


class OperationLoop:
    """A lazily started event loop on a daemon thread, shared by every app of the process."""

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._lock = threading.Lock()
        self.stopping = threading.Event()

    @property
    def loop(self) -> asyncio.AbstractEventLoop:
        """The running loop (started on first use)."""
        with self._lock:
            if self._loop is None or self._loop.is_closed():
                loop = asyncio.new_event_loop()
                ready = threading.Event()

                def run() -> None:
                    asyncio.set_event_loop(loop)
                    loop.call_soon(ready.set)
                    loop.run_forever()

                sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL_SECONDS))
                threading.Thread(target=run, name="qgraph-graphql", daemon=True).start()
                ready.wait()
                self._loop = loop
            return self._loop

    def watch_sigterm(self) -> None:
        """Chain a SIGTERM handler before the server's own (uvicorn's, installed when it
        starts serving), so waiting requests end at once. Main thread only; idempotent."""
        if threading.current_thread() is not threading.main_thread():
            return
        if getattr(_current_handler(signal.SIGTERM), "qgraph_stop", False):
            return
        previous = signal.getsignal(signal.SIGTERM)

        def stop(signum: int, frame: FrameType | None) -> None:
            self.stopping.set()
            if callable(previous):
                previous(signum, frame)

        stop.qgraph_stop = True  # type: ignore[attr-defined]
        signal.signal(signal.SIGTERM, stop)

    async def run(self, operation: Coroutine[Any, Any, T], timeout: float) -> T:
        """Run ``operation`` on the operation loop; ``RequestTimeout`` once ``timeout`` passes,
        ``ShuttingDown`` on SIGTERM (the operation is cancelled at its next await)."""
        future = asyncio.run_coroutine_threadsafe(operation, self.loop)
        waiting = asyncio.wrap_future(future)
        deadline = time.monotonic() + timeout
        try:
            while not waiting.done():
                left = deadline - time.monotonic()
                if left <= 0:
                    raise RequestTimeout(
                        f"the request ran past its deadline of {timeout:g} s (QGRAPH_REQUEST_TIMEOUT)",
                        limit="QGRAPH_REQUEST_TIMEOUT",
                    )
                if self.stopping.is_set():
                    raise ShuttingDown("the service is shutting down; retry", retryAfter=RETRY_AFTER_SECONDS)
                await asyncio.wait({waiting}, timeout=min(left, STOP_CHECK_SECONDS))
            return waiting.result()
        finally:
            if not waiting.done():
                waiting.cancel()  # cancels the operation on its loop


OPERATIONS = OperationLoop()
