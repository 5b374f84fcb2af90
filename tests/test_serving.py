"""``qgraph serve`` stops cleanly on SIGTERM and SIGINT: exit 0, no store process left."""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

import pytest

from graph_api.store.embedded import STATE_FILE, free_port
from tests.processes import QGRAPH, env_for, serve, stats, stop, store_pid, wait_gone, wait_until


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_stop_signal_while_serving_exits_0_and_stops_the_store(tmp_path: Path, sig: signal.Signals) -> None:
    port = free_port()
    proc = serve(tmp_path, port)
    try:
        assert stats(port)["nodes"] > 300
        pid = store_pid(tmp_path)
    finally:
        stop(proc, sig)
    stderr = proc.stderr.read() if proc.stderr else ""
    assert proc.returncode == 0, stderr[-2000:]
    assert wait_gone(pid, 30)
    assert not (tmp_path / STATE_FILE).exists()  # the owner stopped its store, not a crash
    assert "Traceback" not in stderr


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_stop_signal_while_starting_exits_0_and_stops_the_store(tmp_path: Path, sig: signal.Signals) -> None:
    # Sent as soon as the store runs: the bundled notice is loading, or serving has just begun.
    proc = subprocess.Popen([*QGRAPH, "serve", "--port", str(free_port())], env=env_for(tmp_path),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert wait_until(lambda: (tmp_path / STATE_FILE).exists() or proc.poll() is not None, 120)
        pid = store_pid(tmp_path)
    finally:
        stop(proc, sig)
    stderr = proc.stderr.read() if proc.stderr else ""
    assert proc.returncode == 0, stderr[-2000:]
    assert wait_gone(pid, 30)
    assert "Traceback" not in stderr
