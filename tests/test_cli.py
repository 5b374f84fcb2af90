"""The qgraph command as a user runs it: serve, stop, restart, load, status, failures."""

from __future__ import annotations

import json
import os
import pty
import re
import signal
import socket
import subprocess
import unicodedata
from pathlib import Path

import httpx
import pytest

import graph_api.settings
from graph_api.store.embedded import STATE_FILE, free_port
from loaders.model import NODE_KINDS
from tests.processes import QGRAPH, env_for, graphql, run, serve, stats, stop, wait_gone

_env, _run, _serve, _stats = env_for, run, serve, stats


def _typename(port: int) -> dict[str, object]:
    return graphql(port, "{ __typename }")


def test_serve_stop_restart_keeps_data_and_leaves_no_process(tmp_path: Path) -> None:
    port = free_port()
    proc = _serve(tmp_path, port)
    try:
        assert _typename(port) == {"data": {"__typename": "Query"}}
        first = _stats(port)
        assert first["nodes"] > 300
        redis_pid = json.loads((tmp_path / STATE_FILE).read_text())["pid"]
    finally:
        stop(proc)
    assert proc.returncode == 0  # a clean stop (graph_api/serving.py)
    assert wait_gone(redis_pid, 30)
    proc = _serve(tmp_path, port)
    try:
        assert _stats(port) == first
    finally:
        stop(proc, signal.SIGINT)
    assert proc.returncode == 0


def test_load_while_serving_is_seen_atomically(tmp_path: Path) -> None:
    port = free_port()
    proc = _serve(tmp_path, port)
    try:
        before = _stats(port)
        derived = tmp_path / "notice-2024.txt"
        from tests.test_loading import derived_notice

        derived.write_text(derived_notice(), encoding="utf-8")
        result = _run(["load", str(derived)], _env(tmp_path))
        assert result.returncode == 0, result.stderr
        assert "notice:2024" in result.stdout
        after = _stats(port)
        assert after["nodes"] > before["nodes"]
        body = httpx.post(f"http://127.0.0.1:{port}/graphql", json={"query": "{ notice { year } }"}).json()
        assert body["data"]["notice"]["year"] == 2024
    finally:
        stop(proc)


def test_port_in_use_is_one_clear_line(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        result = _run(["serve", "--port", str(port)], _env(tmp_path))
    assert result.returncode != 0
    assert result.stderr.strip().splitlines()[-1].startswith("qgraph: error: cannot listen on")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("env", "args", "message"),
    [
        ({"QGRAPH_DB": "mysql://db"}, ["status"], "QGRAPH_DB: unknown scheme 'mysql'"),
        ({"QGRAPH_DB": "falkordb://127.0.0.1:1", "QGRAPH_CONNECT_TIMEOUT": "1"}, ["status"], "FalkorDB does not answer"),
        ({"QGRAPH_DB": "bolt://127.0.0.1:1", "QGRAPH_CONNECT_TIMEOUT": "1"}, ["status"], "Neo4j does not answer"),
        # a routing driver logs the failure before raising it: still the one line
        ({"QGRAPH_DB": "neo4j://127.0.0.1:1", "QGRAPH_CONNECT_TIMEOUT": "1"}, ["status"], "Neo4j does not answer"),
        ({"QGRAPH_QUERY_TIMEOUT": "soon"}, ["status"], "QGRAPH_QUERY_TIMEOUT: expected a number"),
    ],
)
def test_failures_are_one_line_without_traceback(tmp_path: Path, env: dict[str, str], args: list[str], message: str) -> None:
    result = _run(args, _env(tmp_path, **env))
    assert result.returncode != 0
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("qgraph: error: ") and message in line


def test_bad_input_files_name_the_problem(tmp_path: Path) -> None:
    cases = {
        "empty.txt": (b"", "the file is empty"),
        "binary.bin": (b"\x00\x01\x02PK", "binary file"),
        "latin.txt": (b"abc \x80\x80\xff\n", "line 1 is neither UTF-8 nor GB18030 text"),
        "nul.txt": ("一、活动主题\n\n增强质量\x00意识\n".encode(), "line 3, column 5 holds the control character U+0000"),
        "prose.txt": ("今天天气很好，我们去公园。\n".encode(), "no recognizable notice structure"),
    }
    for name, (raw, message) in cases.items():
        path = tmp_path / name
        path.write_bytes(raw)
        result = _run(["load", str(path)], _env(tmp_path / "data"))
        assert result.returncode == 2, (name, result.stderr)
        assert message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "data").exists()  # nothing opened, nothing written


SETTING_NAMES = re.findall(r"^``(QGRAPH_\w+)``", graph_api.settings.__doc__ or "", re.M)
PLACEHOLDER = re.compile(r"<(?:bool|str|int|float|list|Path)[^>]*>")


def test_help_lists_the_settings_once_without_placeholders(tmp_path: Path) -> None:
    top = _run(["--help"], _env(tmp_path))
    assert top.returncode == 0
    assert len(SETTING_NAMES) > 20
    assert [s for s in SETTING_NAMES if len(re.findall(rf"\b{s}\b", top.stdout)) != 1] == []
    for command in ("serve", "load", "status", "export", "schema"):
        result = _run([command, "--help"], _env(tmp_path))
        assert result.returncode == 0, result.stderr
        assert "QGRAPH_DB " not in result.stdout and "QGRAPH_MAX_PAGE" not in result.stdout, command
        assert PLACEHOLDER.findall(result.stdout + top.stdout) == [], command
        assert "\x1b[" not in result.stdout  # no colour codes


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _kind_rows(output: str) -> dict[str, list[str]]:
    """Rows of a kind table: kind name → the cells after it."""
    kinds = {k.kind for k in NODE_KINDS}
    return {line.split()[0]: line.split()[1:] for line in output.splitlines() if line.split()[:1] and line.split()[0] in kinds}


def test_load_and_status_print_aligned_tables_with_the_registry_kind_names(tmp_path: Path) -> None:
    env = _env(tmp_path)
    del env["QGRAPH_LOG_LEVEL"]
    load = _run(["load"], env)
    assert load.returncode == 0, load.stderr
    result = _run(["status"], env)
    assert result.returncode == 0, result.stderr
    # logs come from serve only: nothing on stderr from load or status
    assert load.stderr == "" and result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[:5] == [
        f"store      embedded ({tmp_path})",
        "graph      quality_graph",
        "notices    2023",
        "nodes      331",
        "edges      633",
    ]
    assert lines[5].startswith("last load  ")
    status_rows, load_rows = _kind_rows(result.stdout), _kind_rows(load.stdout)
    assert list(status_rows) == list(load_rows) == [k.kind for k in NODE_KINDS if k.kind in status_rows]
    assert status_rows["REGION"] == ["地区", "32"] and load_rows["KEY_ARRANGEMENT"] == ["重点安排", "9"]
    table = [line for line in lines if line.split()[:1] and line.split()[0] in status_rows]
    assert len({_display_width(line) for line in table}) == 1  # right-aligned counts, CJK counted double
    assert "\x1b[" not in result.stdout


def test_verbose_turns_the_logs_on(tmp_path: Path) -> None:
    env = _env(tmp_path)
    del env["QGRAPH_LOG_LEVEL"]
    result = _run(["--verbose", "load"], env)
    assert result.returncode == 0, result.stderr
    logs = [json.loads(line) for line in result.stderr.splitlines()]
    assert logs and all(entry["level"] == "info" for entry in logs), result.stderr


def test_export_refuses_a_zip_on_a_terminal(tmp_path: Path) -> None:
    leader, follower = pty.openpty()
    try:
        result = subprocess.run([*QGRAPH, "export", "--format", "csv"], env=_env(tmp_path / "data"), stdout=follower,
                                stderr=subprocess.PIPE, text=True, timeout=60)
    finally:
        os.close(follower)
        os.close(leader)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "qgraph: error: the csv export is a zip archive, not text for a terminal; use --out PATH or redirect it"
    )
    assert not (tmp_path / "data").exists()  # refused before the store was opened


def test_export_command_writes_each_format(tmp_path: Path) -> None:
    import networkx as nx

    assert _run(["load"], _env(tmp_path)).returncode == 0
    out = tmp_path / "g.graphml"
    result = _run(["export", "--format", "graphml", "--out", str(out)], _env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert nx.read_graphml(out).number_of_nodes() > 300
    stdout = _run(["export", "--format", "json"], _env(tmp_path))
    assert json.loads(stdout.stdout)["nodes"]
    bad = _run(["export", "--format", "pdf"], _env(tmp_path))
    assert bad.returncode == 2 and "unknown export format 'pdf'" in bad.stderr


@pytest.mark.parametrize(
    ("args", "env", "line"),
    [
        (["bogus"], {}, "qgraph: error: No such command 'bogus'. (see qgraph --help)"),
        (["serve", "--port", "99999"], {}, "qgraph: error: Invalid value for '--port': Input should be less than or equal to 65535 (see qgraph --help)"),
        (["serve", "--port", "0"], {}, "qgraph: error: Invalid value for '--port': Input should be greater than or equal to 1 (see qgraph --help)"),
        (["serve"], {"QGRAPH_PORT": "99999"}, "qgraph: error: QGRAPH_PORT: 99999 is not a TCP port (1-65535)"),
        (["serve", "--workers", "2"], {}, "qgraph: error: --workers 2 needs an external store: set QGRAPH_DB to a falkordb:// or neo4j:// URL, or serve with one worker (the embedded store belongs to one process)"),
        (["load", "--force", "/nonexistent.txt"], {}, "qgraph: error: /nonexistent.txt: cannot read: No such file or directory"),
    ],
)
def test_every_cli_failure_is_one_error_line(tmp_path: Path, args: list[str], env: dict[str, str], line: str) -> None:
    result = _run(args, _env(tmp_path, **env))
    assert result.returncode == 2
    assert result.stderr.strip() == line


def test_serve_on_a_data_dir_that_cannot_exist_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    result = _run(["serve", "--port", str(free_port())], _env(tmp_path / "file" / "data"))
    assert result.returncode == 1
    assert result.stderr.strip() == f"qgraph: error: data directory {tmp_path}/file/data is not usable: Not a directory"
