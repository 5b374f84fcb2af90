"""A store that lost its files is reported, never papered over (graph_api/store/held.py)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from graph_api.loading import load_bundled_if_empty, load_graphs
from graph_api.settings import Settings
from graph_api.store.embedded import EmbeddedServer
from graph_api.store.falkordb_store import FalkorDBStore
from graph_api.store.held import HELD_FILE, StoreDataMissing
from graph_api.store.repository import GraphRepository
from loaders.records import GraphData
from tests.processes import QGRAPH, env_for, run


def open_store(data: Path) -> FalkorDBStore:
    return FalkorDBStore.embedded(EmbeddedServer(data, persistent=True))


def test_a_new_directory_gets_the_bundled_notice(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    try:
        assert load_bundled_if_empty(store, Settings(data_dir=tmp_path)) is not None
        assert (tmp_path / HELD_FILE).is_file()
        assert load_bundled_if_empty(store, Settings(data_dir=tmp_path)) is None
    finally:
        store.close()


def test_a_lost_append_only_file_is_reported_not_replaced(tmp_path: Path, notice: GraphData) -> None:
    store = open_store(tmp_path)
    load_graphs(store, [notice])
    store.close()
    shutil.rmtree(tmp_path / "appendonlydir")
    store = open_store(tmp_path)
    try:
        with pytest.raises(StoreDataMissing) as info:
            load_bundled_if_empty(store, Settings(data_dir=tmp_path))
        assert f"({tmp_path}/appendonlydir) is missing or damaged" in info.value.message
        assert "Restore the data directory from a backup" in info.value.message
        assert GraphRepository(store).is_empty()  # nothing was loaded over it
    finally:
        store.close()


def test_serve_stops_with_one_line_naming_the_files(tmp_path: Path) -> None:
    assert run(["load"], env_for(tmp_path)).returncode == 0
    shutil.rmtree(tmp_path / "appendonlydir")
    done = subprocess.run(
        [*QGRAPH, "serve", "--port", "1"], env=env_for(tmp_path), capture_output=True, text=True, timeout=60
    )
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("qgraph: error: the data directory") and "appendonlydir" in lines[0]
