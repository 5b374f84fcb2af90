"""A private network namespace: only loopback inside, reachable from here by a socket made in it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from graph_api.store.netns import connect_in, enter_private_network, private_network_problem

NO_NAMESPACES = private_network_problem()
pytestmark = pytest.mark.skipif(NO_NAMESPACES is not None, reason=NO_NAMESPACES or "")

# Lists the interfaces it sees, then echoes one line to the first client of 127.0.0.1:<port>.
ECHO = """
import socket, sys
print(sorted(line.split(":")[0].strip() for line in open("/proc/net/dev").readlines()[2:]), flush=True)
with socket.create_server(("0.0.0.0", 0)) as server:
    print(server.getsockname()[1], flush=True)
    client, _ = server.accept()
    client.sendall(client.recv(100).upper())
"""


def test_a_child_in_a_private_network_sees_only_loopback_and_is_reached_inside_it() -> None:
    child = subprocess.Popen([sys.executable, "-c", ECHO], stdout=subprocess.PIPE, text=True,
                             preexec_fn=enter_private_network)  # fmt: skip
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "['lo']"
        port = int(child.stdout.readline())
        with connect_in(child.pid, ("127.0.0.1", port), timeout=30) as sock:
            sock.sendall(b"bolt")
            assert sock.recv(100) == b"BOLT"
        assert child.wait(timeout=30) == 0
    finally:
        child.kill()
        child.wait()
