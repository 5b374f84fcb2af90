"""Every GraphQL operation runs on its own event loop, on a daemon thread, under a deadline.

The server's event loop only parses the HTTP request and waits for the operation's future,
so whatever CPU an operation burns (validation, filter evaluation, building a large answer),
``/health`` keeps answering, the deadline answers ``TIMEOUT`` on time, and SIGTERM is handled
at once: uvicorn's loop is never the one that is busy, and the daemon thread does not hold
the process at exit. One shared loop keeps the per-version snapshot cache and its lock on one
loop; store calls still leave it for worker threads (``context.call``).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

from graph_api.errors import QGraphError

T = TypeVar("T")


class RequestTimeout(QGraphError):
    """A request ran past ``QGRAPH_REQUEST_TIMEOUT``."""

    code = "TIMEOUT"


class OperationLoop:
    """A lazily started event loop on a daemon thread, shared by every app of the process."""

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._lock = threading.Lock()

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

                threading.Thread(target=run, name="qgraph-graphql", daemon=True).start()
                ready.wait()
                self._loop = loop
            return self._loop

    async def run(self, operation: Coroutine[Any, Any, T], timeout: float) -> T:
        """Run ``operation`` on the operation loop; ``RequestTimeout`` once ``timeout`` passes
        (the operation is cancelled at its next await)."""
        future = asyncio.run_coroutine_threadsafe(operation, self.loop)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), timeout)
        except TimeoutError:
            future.cancel()
            raise RequestTimeout(
                f"the request ran past its deadline of {timeout:g} s (QGRAPH_REQUEST_TIMEOUT)",
                limit="QGRAPH_REQUEST_TIMEOUT",
            ) from None


OPERATIONS = OperationLoop()
