"""The embedded server's process: spawned to die with its parent, stopped gracefully.

Linux ties ``PR_SET_PDEATHSIG`` to the *thread* that forked the child (see
:mod:`graph_api.store.embedded` for why one long-lived thread spawns it).
"""

from __future__ import annotations

import contextlib
import ctypes
import signal
import subprocess
from pathlib import Path

from graph_api.store.endpoint import Endpoint, server_command
from graph_api.store.netns import enter_private_network

_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:  # pragma: no cover - runs in the child
    # The server gets SIGTERM if this process dies without closing it: no orphans.
    with contextlib.suppress(Exception):
        ctypes.CDLL("libc.so.6").prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def _die_with_parent_in_private_network() -> None:  # pragma: no cover - runs in the child
    _die_with_parent()
    enter_private_network()


def spawn_server(
    data_dir: Path,
    endpoint: Endpoint,
    *,
    bolt_port: int | None,
    persistent: bool,
    private_network: bool,
    replica_of: Endpoint | None = None,
) -> subprocess.Popen[bytes]:
    """Start ``redis-server`` with FalkorDB on ``endpoint`` (a replica of ``replica_of`` when
    given); it dies with this process."""
    return subprocess.Popen(
        server_command(data_dir, endpoint, bolt_port=bolt_port, persistent=persistent, replica_of=replica_of),
        cwd=data_dir,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=_die_with_parent_in_private_network if private_network else _die_with_parent,
        start_new_session=True,  # a Ctrl-C in the terminal reaches us, not the server
    )


def terminate(process: subprocess.Popen[bytes]) -> None:
    """Stop a server gracefully (killed after 30 s), then close its pipes."""
    if process.poll() is None:
        # SIGTERM is Redis's graceful shutdown (AOF fsync, socket removed). A SHUTDOWN
        # command would do the same, but redis-py retries the dropped connection for ~5 s.
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    close_pipes(process)


def close_pipes(process: subprocess.Popen[bytes]) -> None:
    """Close the server's stderr pipe (read only when it fails to start)."""
    if process.stderr:
        with contextlib.suppress(OSError):
            process.stderr.close()
