"""Watch a store while the service runs: notice outages, log each transition once, count them.

The embedded server restarts itself (its owner thread, :mod:`graph_api.store.embedded`); an
external FalkorDB or Neo4j that goes away is reconnected by its client on the next statement.
What this adds is knowing: a thread of its own pings the store every few seconds, so an outage
is logged (one line when it starts, one when it ends) even while no request comes in, and the
metrics count outages and restarts.

For the embedded server, the owner thread and this watch may each notice a death first; the
server records the exit's cause once (:meth:`EmbeddedServer.exit_cause`) and both report that
text, so the one "store unavailable" line names the exit code and the server log's last lines
whoever saw it. Each report carries the server's generation: news about a server that has been
replaced since (a ping that failed before the restart, logged after it) is dropped.
"""

from __future__ import annotations

import logging
import threading
import time

from graph_api.errors import QGraphError
from graph_api.store.protocol import GraphStore

log = logging.getLogger("graph_api.store")

WATCH_INTERVAL_SECONDS = 2.0
# After a failed ping, how long to wait for the embedded server's process to be seen ending:
# a killed server closes its socket a moment before its exit can be collected.
EXIT_WAIT_SECONDS = 1.0


class StoreWatch:
    """Pings ``store`` from its own thread; ``outages`` and ``restarts`` count what it saw."""

    def __init__(self, store: GraphStore, interval: float = WATCH_INTERVAL_SECONDS) -> None:
        self.store = store
        self.interval = interval
        self.outages = 0
        self.available = True
        self._down_since: float | None = None
        self._generation = 0  # the newest server generation reported
        self._dead = -1  # the newest generation known to have exited (none yet)
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
        server = self._server
        generation = server.generation if server is not None else 0
        try:
            self.store.health()
        except QGraphError as exc:
            cause = server.exit_cause(generation, EXIT_WAIT_SECONDS) if server is not None else None
            self._mark(False, cause or exc.internal or exc.message, generation, exited=cause is not None)
        else:
            self._mark(True, "", generation)

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            self.check()

    def _server_transition(self, transition: str, reason: str, generation: int) -> None:
        self._mark(transition == "up", reason, generation, exited=transition == "down")

    def _mark(self, available: bool, reason: str, generation: int, exited: bool = False) -> None:
        with self._lock:
            if generation < self._generation or (available and generation <= self._dead):
                return  # about a server that has exited or been replaced since
            self._generation = generation
            if exited:
                self._dead = generation
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
