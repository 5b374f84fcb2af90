"""The TCP listeners this test process and its children hold, read from ``/proc``.

Each process sees the sockets of its own network namespace in ``/proc/<pid>/net/tcp{,6}``;
its open file descriptors say which of them it holds. A listener counts as reachable from
outside the machine when it is bound to an address other than loopback in a namespace that
has an interface other than ``lo``.
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass
from pathlib import Path

TCP_LISTEN = "0A"


@dataclass(frozen=True)
class Listener:
    """One listening TCP socket: who holds it, where it is bound, in which namespace."""

    pid: int
    command: str
    address: str
    port: int
    netns: str
    interfaces: tuple[str, ...]

    @property
    def reachable_from_outside(self) -> bool:
        """Bound beyond loopback in a namespace with an interface other than ``lo``."""
        ip = ipaddress.ip_address(self.address)
        mapped = getattr(ip, "ipv4_mapped", None)
        loopback = ip.is_loopback or (mapped is not None and mapped.is_loopback)
        return not loopback and self.interfaces != ("lo",)


def process_tree(root: int) -> list[int]:
    """``root`` and every process descended from it."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


def _decode(hex_address: str) -> str:
    raw = bytes.fromhex(hex_address)
    # The kernel prints each 32-bit word in host (little-endian) order.
    words = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
    return str(ipaddress.ip_address(words))


def _sockets(pid: int) -> set[str]:
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        target = os.readlink(fd)
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    return inodes


def listeners(root: int | None = None) -> list[Listener]:
    """Every TCP listener held by ``root`` (default: this process) or its descendants."""
    found = []
    for pid in process_tree(root or os.getpid()):
        try:
            inodes = _sockets(pid)
            netns = os.readlink(f"/proc/{pid}/ns/net")
            dev = Path(f"/proc/{pid}/net/dev").read_text().splitlines()[2:]
            interfaces = tuple(sorted(line.split(":")[0].strip() for line in dev))
            command = Path(f"/proc/{pid}/comm").read_text().strip()
            tables = [Path(f"/proc/{pid}/net/{name}").read_text() for name in ("tcp", "tcp6")]
        except OSError:
            continue  # ended meanwhile
        for row in (line.split() for table in tables for line in table.splitlines()[1:]):
            local, state, inode = row[1], row[3], row[9]
            if state == TCP_LISTEN and inode in inodes:
                address, port = local.split(":")
                found.append(Listener(pid, command, _decode(address), int(port, 16), netns, interfaces))
    return found
