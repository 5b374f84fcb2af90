"""No listener a test starts is reachable from outside the machine (rule 9: loopback only)."""

from __future__ import annotations

import os
from pathlib import Path

from graph_api.store.embedded import EmbeddedServer, free_port
from tests.conftest import NO_PRIVATE_NETWORK
from tests.listeners import listeners
from tests.processes import external_falkordb, serve, stop


def test_no_listener_the_tests_start_is_reachable_from_outside(
    server: EmbeddedServer, bolt_port: int, tmp_path: Path
) -> None:
    """The session's FalkorDB (Bolt included), a ``qgraph serve`` and an external FalkorDB all
    run at once; every TCP listener this process tree holds is then on loopback, or in a
    network namespace whose only interface is ``lo``."""
    port, db_port = free_port(), free_port()
    external = external_falkordb(tmp_path / "external", db_port)
    proc = serve(tmp_path / "served", port)
    try:
        found = listeners()
    finally:
        stop(proc)
        external.kill()
        external.wait()
    assert [listener for listener in found if listener.reachable_from_outside] == []
    by_port = {listener.port: listener for listener in found}
    assert by_port[port].address == "127.0.0.1" and by_port[db_port].address == "127.0.0.1"
    # The embedded stores listen on unix sockets only: no TCP listener from their redis-servers
    # but the session server's Bolt one.
    assert {listener.port for listener in found if listener.command == "redis-server"} <= {db_port, bolt_port}
    if NO_PRIVATE_NETWORK is None:
        bolt = by_port[bolt_port]
        # FalkorDB binds Bolt to every interface: it is safe only because its namespace has no other.
        assert bolt.address in {"::", "0.0.0.0"} and bolt.interfaces == ("lo",)
        assert bolt.netns != os.readlink("/proc/self/ns/net")
