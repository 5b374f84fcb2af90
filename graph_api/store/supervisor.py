"""Watch a store while the service runs: notice outages, log each transition once, count them.

The embedded server restarts itself (its owner thread, :mod:`graph_api.store.embedded`); an
external FalkorDB or Neo4j that goes away is reconnected by its client on the next statement.
What this adds is knowing: a thread of its own pings the store every few seconds, so an outage
is logged (one line when it starts, one when it ends) even while no request comes in, and the
metrics count outages and restarts.
"""

from __future__ import annotations

import logging
import threading
import time

from graph_api.errors import QGraphError
from graph_api.store.protocol import GraphStore

log = logging.getLogger("graph_api.store")

WATCH_INTERVAL_SECONDS = 2.0


class StoreWatch:
    """Pings ``store`` from its own thread; ``outages`` and ``restarts`` count what it saw."""

    def __init__(self, store: GraphStore, interval: float = WATCH_INTERVAL_SECONDS) -> None:
        self.store = store
        self.interval = interval
        self.outages = 0
        self.available = True
        self._down_since: float | None = None
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._server = getattr(store, "server", None)
        if self._server is not None:
            self._server.on_transition = self._server_transition

    @property
    def restarts(self) -> int:
        """How often the embedded server was restarted after it died (0 for external stores)."""
        return int(getattr(self._server, "restarts", 0))

    def start(self) -> None:
        """Start watching."""
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="qgraph-store-watch", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop watching (returns within one ping)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=self.interval + 30)
            self._thread = None
        if self._server is not None:
            self._server.on_transition = None

    def check(self) -> None:
        """Ping once now and record the outcome."""
        try:
            self.store.health()
        except QGraphError as exc:
            self._mark(False, exc.internal or exc.message)
        else:
            self._mark(True, "")

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            self.check()

    def _server_transition(self, transition: str, reason: str) -> None:
        self._mark(transition == "up", reason)

    def _mark(self, available: bool, reason: str) -> None:
        with self._lock:
            if available == self.available:
                return
            self.available = available
            if not available:
                self.outages += 1
                self._down_since = time.monotonic()
                log.warning("store unavailable", extra={"backend": self.store.backend, "reason": reason})
                return
            down = time.monotonic() - (self._down_since or time.monotonic())
            # Logged at the outage's level, so whoever sees the outage sees its end too.
            log.warning(
                "store available again",
                extra={"backend": self.store.backend, "down_seconds": round(down, 2), "restarts": self.restarts},
            )
