"""The ``qgraph`` command: serve, load, status, export, schema (and notices, unload in
:mod:`graph_api.cli_notices`)."""

from __future__ import annotations

import contextlib
import logging
import os
import re
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Annotated, Any, NoReturn

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from graph_api import cli_notices
from graph_api.errors import ConfigError, QGraphError
from graph_api.logs import configure_logging
from graph_api.settings import Settings, load_settings
from loaders.model import KIND_BY_LABEL, NODE_KINDS

BINARY_FORMATS = frozenset({"csv"})  # a zip of nodes.csv and edges.csv

# A settings table row in graph_api/settings.py's docstring, e.g.
# ``QGRAPH_PORT``            bind port, default 8000
SETTING_ROW = re.compile(r"^``(QGRAPH_\w+)``\s+(.*)$")


def settings_help() -> str:
    """The settings table of ``graph_api/settings.py``, as ``qgraph --help`` lists it (once)."""
    import graph_api.settings

    rows: list[tuple[str, str]] = []  # (name, text); continuation lines have no name
    for line in (graph_api.settings.__doc__ or "").splitlines():
        if m := SETTING_ROW.match(line):
            rows.append((m[1], m[2].strip()))
        elif rows and line.startswith(" ") and line.strip():
            rows.append(("", line.strip()))
    width = max(len(name) for name, _ in rows)
    lines = [f"  {name.ljust(width)}  {text.replace('``', '')}" for name, text in rows]
    # "\b" keeps Click from re-wrapping the table.
    return "Settings come from the environment, for every command:\n\n\b\n" + "\n".join(lines)


app = typer.Typer(
    name="qgraph",
    help="GraphQL knowledge graph over the national 质量月 (Quality Month) notice.",
    epilog=settings_help(),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,
)
out = Console(highlight=False)
err = Console(stderr=True, highlight=False)
_verbose = {"on": False}


@app.callback()
def _options(
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="log JSON lines on stderr from every command, not only serve")
    ] = False,
) -> None:
    _verbose["on"] = verbose


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@contextlib.contextmanager
def _terminable() -> Iterator[None]:
    """SIGTERM unwinds like Ctrl-C, so the embedded store is shut down cleanly."""
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _settings(serving: bool = False) -> Settings:
    """The settings; logs go to stderr from ``serve``, from the others only when asked."""
    settings = load_settings()
    quiet = "INFO" if serving or _verbose["on"] else "WARNING"
    configure_logging(settings.log_level or quiet)
    if not (serving or _verbose["on"]):
        # The driver logs a routing failure, then raises it: the CLI's one error line says it.
        logging.getLogger("neo4j").setLevel(logging.CRITICAL)
    return settings


@app.command(help="Serve GraphQL at http://HOST:PORT/graphql (and the explorer at /).")
def serve(
    host: Annotated[
        str | None, typer.Option(metavar="HOST", help="bind address [default: QGRAPH_HOST or 127.0.0.1]")
    ] = None,
    port: Annotated[
        int | None,
        typer.Option(metavar="PORT", min=1, max=65535, help="bind port [default: QGRAPH_PORT or 8000]"),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(metavar="N", min=1, help="worker processes behind one port [default: QGRAPH_WORKERS or 1]"),
    ] = None,
) -> None:
    from graph_api.serving import run_service

    settings = _settings(serving=True)
    settings = settings.with_(host=host or settings.host, port=port or settings.port)
    run_service(settings, workers or settings.workers, announce=err.print)


@app.command(
    help="Load notice files (default: the bundled 2023 notice) in one transaction.\n\n"
    "FILE: a notice text file; every file is read and checked before the store is touched."
)
def load(
    files: Annotated[
        # described in the command's help: Typer would print a `<list[Path]>` placeholder here
        list[Path] | None, typer.Argument(metavar="FILE", hidden=True, show_default=False)
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="load even when many lines could not be placed")] = False,
) -> None:
    from graph_api.loading import load_graphs, parse_sources, source_of
    from graph_api.store import open_store

    settings = _settings()
    paths: list[Path | None] = list(files) if files else [None]
    # Every file is read and checked before the store is opened: bad input touches nothing.
    started = time.perf_counter()
    with err.status("parsing…") as status:
        sources = [source_of(p, settings.max_file_bytes) for p in paths]
        datas = parse_sources(sources, settings, force=force, progress=lambda name: status.update(f"parsed {name}"))
    parse_seconds = time.perf_counter() - started
    with _terminable():
        store = open_store(settings)
        try:
            with err.status("writing…") as status:
                summary = load_graphs(
                    store, datas, settings.write_batch, lambda done, total: status.update(f"writing: {done}/{total}")
                )
        finally:
            store.close()
    counts = [{KIND_BY_LABEL[label].kind: n for label, n in d.counts().items()} for d in datas]
    table = _kind_table([d.notice_id for d in datas], counts)
    table.add_row("edges", "关系", *[str(len(d.edges)) for d in datas])
    table.add_row("unplaced", "未能归位的句子", *[str(len(d.unplaced)) for d in datas])
    out.print(f"parsed in {parse_seconds:.2f}s, written in {summary.seconds:.2f}s")
    out.print(table)
    for data in datas:
        notice = next((n for n in data.nodes if n.id == data.notice_id), None)
        name = notice.props.get("name") if notice else None
        out.print(f"{summary.outcome(data)} {data.notice_id}" + (f" ({name})" if name else ""))
        if data.encoding not in {"UTF-8", "utf-8"}:
            out.print(f"note: {data.source_name} was decoded as {data.encoding}")
        for u in data.unplaced:
            out.print(f"unplaced: {data.source_name}:{u.line} [{u.section}] {u.reason}: {u.text[:60]}")


def _notice_label(props: dict[str, Any]) -> str:
    """ "2023" for the national notice of 2023, "2023 广东省 (notice:2023:440000:…)" for a local one."""
    if not props.get("jurisdiction") and props.get("level", "NATIONAL") == "NATIONAL":
        return str(props["year"])
    return f"{props['year']} {props.get('jurisdiction') or 'local'} ({props['id']})"


@app.command(help="Show the store, what is loaded, and counts by kind.")
def status() -> None:
    from graph_api.store import open_store
    from graph_api.store.repository import GraphRepository

    settings = _settings()
    with _terminable():
        store = open_store(settings)
        try:
            store.health()
            repo = GraphRepository(store)
            meta = repo.meta()
            nodes, edges, by_kind = repo.stats()
            notices = repo.notices()
        finally:
            store.close()
    facts = {
        "store": f"{settings.backend} ({settings.db_url or settings.data_dir})",
        "graph": settings.graph_name,
        "notices": ", ".join(_notice_label(n) for n in notices) or "none loaded",
        "nodes": str(nodes),
        "edges": str(edges),
    }
    if meta:
        facts["last load"] = f"{meta['loaded_at']} (version {meta['version']})"
    width = max(map(len, facts))
    for key, value in facts.items():
        out.print(f"{key.ljust(width)}  {value}", markup=False, soft_wrap=True)
    out.print()
    out.print(_kind_table(["count"], [{row["kind"]: row["count"] for row in by_kind}]))


def _kind_table(columns: list[str], counts: list[dict[str, int]]) -> Table:
    """Counts per node kind, one row per kind of the registry that occurs, in registry order."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("kind")
    table.add_column("名称")
    for column in columns:
        table.add_column(column, justify="right")
    for kind in NODE_KINDS:
        if any(kind.kind in c for c in counts):
            table.add_row(kind.kind, kind.zh, *[str(c.get(kind.kind, 0)) for c in counts])
    return table


@app.command(help="Export the whole graph for visualization tools and data platforms.")
def export(
    format: Annotated[
        str, typer.Option("--format", "-f", metavar="FORMAT", help="graphml, json (Cytoscape.js), csv (zip) or cypher")
    ],
    out_path: Annotated[
        Path | None, typer.Option("--out", metavar="PATH", help="file to write [default: standard output]")
    ] = None,
) -> None:
    from graph_api.export import FORMATS, prepare, render
    from graph_api.store import open_store
    from graph_api.store.repository import GraphRepository

    if format not in FORMATS:
        raise ConfigError(f"unknown export format {format!r}; use one of {', '.join(FORMATS)}")
    if out_path is None and format in BINARY_FORMATS and sys.stdout.isatty():
        raise ConfigError(
            f"the {format} export is a zip archive, not text for a terminal; use --out PATH or redirect it"
        )
    settings = _settings()
    with _terminable():
        store = open_store(settings)
        try:
            graph = prepare(*GraphRepository(store).export())
        finally:
            store.close()
    data = render(graph, format)
    if out_path is None:
        sys.stdout.buffer.write(data)
    else:
        out_path.write_bytes(data)
        err.print(f"wrote {len(graph.nodes)} nodes and {len(graph.edges)} edges to {out_path}")


@app.command(help="Print the GraphQL schema (SDL).")
def schema() -> None:
    from graph_api.schema import schema_sdl

    sys.stdout.write(schema_sdl())


cli_notices.register(app, _settings, _terminable, out)


def _fail(message: str, code: int) -> NoReturn:
    message = " ".join(message.split())  # driver messages span lines; ours is one
    err.print(f"qgraph: error: {message}", highlight=False, markup=False, soft_wrap=True)
    sys.exit(code)


def main() -> None:
    """Entry point: one ``qgraph: error: …`` line and a non-zero exit for every failure."""
    try:
        code = app(standalone_mode=False)
    except typer.Abort:
        sys.exit(130)
    except typer.TyperException as exc:  # Click's usage errors, as Typer ships Click
        ctx = getattr(exc, "ctx", None)
        if type(exc).__name__ == "NoArgsIsHelpError" and ctx is not None:
            out.print(ctx.get_help(), highlight=False, markup=False)
            sys.exit(0)
        message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
        _fail(f"{message} (see qgraph --help)" if ctx is not None else message, getattr(exc, "exit_code", 2))
    except QGraphError as exc:
        message = f"{exc.message} ({exc.internal})" if exc.internal else exc.message
        _fail(message, 2 if exc.code in {"BAD_INPUT", "CONFIG"} else 1)
    except KeyboardInterrupt:
        sys.exit(130)
    except OSError as exc:
        _fail(f"{exc.strerror or exc}{f': {exc.filename}' if exc.filename else ''}", 1)
    except Exception as exc:
        if os.environ.get("QGRAPH_DEBUG"):
            raise
        _fail(f"internal error ({type(exc).__name__}: {exc}); QGRAPH_DEBUG=1 shows the traceback", 1)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
