"""What the embedded store's data directory is known to hold, kept beside the store's own files.

Redis starts empty when its append-only file is missing, and says nothing. Without a note of
its own the service would then take the empty store for a new one and load the bundled notice
over it, hiding that the loaded notices were lost. So every completed load writes
``loaded.json`` (graph, version, time); a store that starts empty where that note says a graph
was loaded is reported with the files to look at and the ways out, never papered over.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from graph_api.errors import QGraphError
from graph_api.store.protocol import GraphStore
from graph_api.store.repository import GraphRepository

HELD_FILE = "loaded.json"
AOF_DIR = "appendonlydir"  # redis-server's append-only files, under the data directory


class StoreDataMissing(QGraphError):
    """The store came up empty where a graph had been loaded: its files are missing or damaged."""

    code = "DATA_MISSING"
    public = True


def _data_dir(store: GraphStore) -> Path | None:
    server = getattr(store, "server", None)
    return getattr(server, "data_dir", None)


def note_load(store: GraphStore) -> None:
    """After a load or an unload: note whether the embedded store now holds a graph."""
    data_dir = _data_dir(store)
    if data_dir is None:
        return
    note = data_dir / HELD_FILE
    if GraphRepository(store).is_empty():
        note.unlink(missing_ok=True)
        return
    held = {"graph": getattr(store, "graph_name", ""), "version": store.version(), "at": datetime.now(UTC).isoformat()}
    temporary = note.with_suffix(".tmp")
    temporary.write_text(json.dumps(held), encoding="utf-8")
    temporary.replace(note)


def held_note(store: GraphStore) -> dict[str, Any] | None:
    """The note of the last load into this embedded store's data directory, if any."""
    data_dir = _data_dir(store)
    if data_dir is None or not (data_dir / HELD_FILE).is_file():
        return None
    try:
        held: dict[str, Any] = json.loads((data_dir / HELD_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return held


def check_not_lost(store: GraphStore) -> None:
    """Raise :class:`StoreDataMissing` when the embedded store is empty but held a graph."""
    held = held_note(store)
    if held is None or not GraphRepository(store).is_empty():
        return
    data_dir = _data_dir(store)
    raise StoreDataMissing(
        f"the data directory {data_dir} held a loaded graph (version {held.get('version', '?')}, "
        f"loaded {held.get('at', '?')}) but the store started empty: its append-only file "
        f"({data_dir}/{AOF_DIR}) is missing or damaged. Restore the data directory from a backup, "
        f"or rebuild it with `qgraph load FILE…`; then remove {data_dir}/{HELD_FILE} only if an empty "
        "store is what you want. The bundled notice is not loaded over it",
        key="QGRAPH_DATA",
    )
