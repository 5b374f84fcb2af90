"""``qgraph notices`` and ``qgraph unload``: the loaded notices as a managed collection."""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Annotated

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from graph_api.notices import NoticeInfo
from graph_api.settings import Settings

PIPE_WIDTH = 400


def notices_table(found: list[NoticeInfo]) -> Table:
    """One row per notice, aligned like ``qgraph status``'s counts."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for name in ("notice", "year", "issuer", "source", "loaded at (UTC)"):
        table.add_column(name, overflow="fold")
    for name in ("nodes", "edges", "activities"):
        table.add_column(name, justify="right")
    for n in found:
        issuer = n.issuer + (f" +{len(n.issuers) - 1}" if len(n.issuers) > 1 else "")
        table.add_row(n.id, str(n.year or ""), issuer, n.source, n.loaded_at, str(n.nodes), str(n.edges),
                      str(n.activities))
    return table


def register(
    app: typer.Typer,
    settings_of: Callable[[], Settings],
    terminable: Callable[[], AbstractContextManager[None]],
    out: Console,
) -> None:
    """Add ``notices`` and ``unload`` to the ``qgraph`` app (its settings, signal handling, output)."""

    @app.command(help="List the loaded notices: id, year, issuer, source file, load time and what each brought.")
    def notices(
        as_json: Annotated[bool, typer.Option("--json", help="one JSON document instead of a table")] = False,
    ) -> None:
        from graph_api.notices import list_notices
        from graph_api.store import open_store

        settings = settings_of()
        with terminable():
            store = open_store(settings)
            try:
                found = list_notices(store)
            finally:
                store.close()
        if as_json:
            out.print_json(json.dumps({"notices": [n.as_json() for n in found]}, ensure_ascii=False))
        elif not found:
            out.print("no notice loaded (qgraph load FILE adds one)")
        else:
            # In a pipe, rows stay whole lines (a terminal folds long cells to its width).
            wide = out if out.is_terminal else Console(width=PIPE_WIDTH, highlight=False)
            wide.print(notices_table(found))


    @app.command(
        help="Unload one notice, all or nothing; the others stay exactly as they were.\n\n"
        "NOTICE: its id (notice:2024) or year (2024), as `qgraph notices` lists it."
    )
    def unload(notice: Annotated[str, typer.Argument(metavar="NOTICE", show_default=False)]) -> None:
        from graph_api.notices import unload_notice
        from graph_api.store import open_store

        settings = settings_of()
        with terminable():
            store = open_store(settings)
            try:
                removed = unload_notice(store, notice)
            finally:
                store.close()
        out.print(f"unloaded {removed.id} ({removed.nodes} nodes, {removed.edges} edges; from {removed.source or '?'})",
                  markup=False, soft_wrap=True)
