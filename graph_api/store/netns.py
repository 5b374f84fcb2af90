"""A private network namespace for a server whose listener cannot be bound to loopback.

FalkorDB's Bolt listener (module argument ``BOLT_PORT``) binds every interface, whatever
``--bind`` says. A server started in a network namespace of its own, with only ``lo`` up, has
no interface but loopback: nothing outside the namespace reaches it. Its unix socket still
works from outside (a path in the file system is not a network address), and a socket made in
the namespace (:func:`connect_in`) reaches its loopback ports.

Needs ``CAP_SYS_ADMIN`` (root); :func:`private_network_problem` says why not when it is missing.
"""

from __future__ import annotations

import ctypes
import fcntl
import os
import socket
import struct
import threading
from collections.abc import Callable
from typing import TypeVar

CLONE_NEWNET = 0x40000000
_SIOCGIFFLAGS, _SIOCSIFFLAGS, _IFF_UP = 0x8913, 0x8914, 0x1
T = TypeVar("T")
_IFREQ = "16sH22s"  # struct ifreq on Linux: the name, then a 24-byte union whose first field is the flags


def _libc_call(name: str, *args: int) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    if getattr(libc, name)(*args) != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{name}: {os.strerror(errno)}")


def _loopback_up() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        request = struct.pack(_IFREQ, b"lo", 0, b"")
        flags = struct.unpack(_IFREQ, fcntl.ioctl(sock, _SIOCGIFFLAGS, request))[1]
        fcntl.ioctl(sock, _SIOCSIFFLAGS, struct.pack(_IFREQ, b"lo", flags | _IFF_UP, b""))


def enter_private_network() -> None:
    """Move the calling thread (a child between fork and exec) into a new network namespace
    with loopback up and no other interface."""
    _libc_call("unshare", CLONE_NEWNET)
    _loopback_up()


def _in_thread(work: Callable[[], T]) -> T:
    """Run ``work`` on a thread of its own: a namespace change stays on that thread."""
    result: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            result.append(work())
        except BaseException as exc:
            failure.append(exc)

    thread = threading.Thread(target=run, name="qgraph-netns", daemon=True)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]
    return result[0]


def private_network_problem() -> str | None:
    """Why a private network namespace cannot be made here, or None when it can."""

    def probe() -> None:
        enter_private_network()

    try:
        _in_thread(probe)
    except OSError as exc:
        return f"no private network namespace ({exc.strerror}; needs root or CAP_SYS_ADMIN)"
    return None


def connect_in(pid: int, address: tuple[str, int], timeout: float) -> socket.socket:
    """A TCP connection made inside the network namespace of process ``pid``."""

    def connect() -> socket.socket:
        with open(f"/proc/{pid}/ns/net", "rb") as ns:
            _libc_call("setns", ns.fileno(), CLONE_NEWNET)
        return socket.create_connection(address, timeout=timeout)

    return _in_thread(connect)
