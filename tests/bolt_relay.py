"""A loopback relay into the test server's private network namespace, for the neo4j driver.

The session's FalkorDB runs in a network namespace of its own (its Bolt listener binds every
interface; there the only one is ``lo``). The driver only speaks TCP from this process's
namespace, so this relay listens on 127.0.0.1 here and forwards each connection, byte for byte,
to the Bolt port on the namespace's loopback, through a socket made inside it
(:func:`graph_api.store.netns.connect_in`).
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable

from graph_api.store.netns import connect_in

CHUNK = 65536


class BoltRelay:
    """``127.0.0.1:<port>`` here, forwarded to ``127.0.0.1:<target>`` in process ``pid()``'s namespace."""

    def __init__(self, pid: Callable[[], int | None], target: int) -> None:
        self._pid = pid
        self._target = target
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._listener.getsockname()[1])
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, name="bolt-relay", daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return  # closed
            threading.Thread(target=self._relay, args=(client,), name="bolt-relay-conn", daemon=True).start()

    def _relay(self, client: socket.socket) -> None:
        pid = self._pid()
        try:
            if pid is None:
                raise OSError("the server is not running")
            upstream = connect_in(pid, ("127.0.0.1", self._target), timeout=10)
        except OSError:
            client.close()
            return
        upstream.settimeout(None)
        for sock in (client, upstream):  # Bolt is chatty in small messages: no Nagle delay
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with self._lock:
            self._open.update((client, upstream))
        back = threading.Thread(target=_pump, args=(upstream, client), daemon=True)
        back.start()
        _pump(client, upstream)
        back.join()
        with self._lock:
            self._open.difference_update((client, upstream))
        client.close()
        upstream.close()

    def close(self) -> None:
        """Stop listening and end every relayed connection."""
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()
        with self._lock:
            for sock in self._open:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


def _pump(source: socket.socket, sink: socket.socket) -> None:
    """Copy ``source`` to ``sink`` until either ends; then end both (waking the other pump)."""
    try:
        while data := source.recv(CHUNK):
            sink.sendall(data)
    except OSError:
        pass
    finally:
        for sock in (source, sink):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
