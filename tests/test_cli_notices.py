"""`qgraph notices` and `qgraph unload` as a user runs them, on the embedded store."""

from __future__ import annotations

import json
from pathlib import Path

from loaders.reader import bundled_notice
from tests.processes import env_for, run
from tests.test_loading import derived_notice


def test_notices_are_listed_and_one_is_unloaded(tmp_path: Path) -> None:
    env = env_for(tmp_path, QGRAPH_CONNECT_TIMEOUT="60")  # the embedded store starts slowly on a busy machine
    derived = tmp_path / "notice-2024.txt"
    derived.write_text(derived_notice(), encoding="utf-8")
    name, raw = bundled_notice()
    (tmp_path / name).write_bytes(raw)
    loaded = run(["load", str(tmp_path / name), str(derived)], env)  # one process: each is slow to start when busy
    assert loaded.returncode == 0, loaded.stderr

    table = run(["notices"], env)
    assert table.returncode == 0, table.stderr
    header, _rule, *rows = table.stdout.strip().splitlines()
    assert header.split() == ["notice", "year", "issuer", "source", "loaded", "at", "(UTC)", "nodes", "edges",
                              "activities"]
    assert [row.split()[:2] for row in rows] == [["notice:2024", "2024"], ["notice:2023", "2023"]]
    assert "市场监管总局 +" in rows[0] and "notice-2024.txt" in rows[0] and "quality-month-2023.txt" in rows[1]

    listed = json.loads(run(["notices", "--json"], env).stdout)["notices"]
    assert [(n["id"], n["source"], n["issuer"]) for n in listed] == [
        ("notice:2024", "notice-2024.txt", "市场监管总局"), ("notice:2023", "quality-month-2023.txt", "市场监管总局"),
    ]
    assert all(n["nodes"] > 100 and n["edges"] > 200 and n["loaded_at"] for n in listed)

    unloaded = run(["unload", "2024"], env)
    assert unloaded.returncode == 0, unloaded.stderr
    assert unloaded.stdout.startswith(f"unloaded notice:2024 ({listed[0]['nodes']} nodes, {listed[0]['edges']} edges")
    assert [n["id"] for n in json.loads(run(["notices", "--json"], env).stdout)["notices"]] == ["notice:2023"]

    unknown = run(["unload", "notice:1999"], env)
    assert unknown.returncode == 1
    assert unknown.stderr.strip() == "qgraph: error: no loaded notice 'notice:1999' (loaded: notice:2023)"
