"""Loading notices into a store: read and check every file, then write all of it at once.

A load is refused before anything reaches the store when a file is too large, not text, holds
control characters, is not a notice, or leaves too many lines unplaced (unless forced); the
graph that was there stays as it was.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from graph_api.errors import LoadError, document_errors
from graph_api.settings import Settings
from graph_api.store.held import check_not_lost, note_load
from graph_api.store.protocol import GraphStore, Progress
from graph_api.store.repository import GraphRepository
from graph_api.store.writer import load_steps
from loaders.bounded import ReadLimits, parse_bounded
from loaders.model import Label
from loaders.reader import bundled_notice, parse_notice, read_file
from loaders.records import GraphData

log = logging.getLogger(__name__)

UNPLACED_SHOWN = 3  # unplaced lines quoted in a refusal


@dataclass(frozen=True)
class LoadSummary:
    """What a load wrote, per notice, and how long parsing and writing took."""

    notices: tuple[GraphData, ...]
    seconds: float  # writing
    parse_seconds: float = 0.0
    replaced: frozenset[str] = frozenset()  # ids of the notices that were loaded before

    def outcome(self, data: GraphData) -> str:
        """ "replaced" when the store held this notice before the load, else "added"."""
        return "replaced" if data.notice_id in self.replaced else "added"


@dataclass(frozen=True)
class Source:
    """One notice to load: its name (shown in errors) and its bytes; ``trusted`` only for the
    bundled notice, which is read in-process instead of in a bounded child."""

    name: str
    raw: bytes
    trusted: bool = False


def source_of(path: Path | None, max_bytes: int) -> Source:
    """The bundled notice (``None``) or a file, checked for size before it is read."""
    with document_errors():
        name, raw = bundled_notice() if path is None else read_file(path, max_bytes)
    return Source(name, raw, trusted=path is None)


def parse_sources(
    sources: Sequence[Source],
    settings: Settings,
    *,
    force: bool = False,
    progress: Callable[[str], None] | None = None,
) -> list[GraphData]:
    """Parse and check every source first: one bad file stops the whole load. Each untrusted
    file is read in a child process within QGRAPH_PARSE_MEMORY_MB and QGRAPH_PARSE_TIMEOUT."""
    out = []
    limits = ReadLimits(settings.parse_memory_mb, settings.parse_timeout)
    for source in sources:
        with document_errors():
            if source.trusted:
                data = parse_notice(source.raw, source.name, settings.max_file_bytes)
            else:
                data = parse_bounded(source.raw, source.name, settings.max_file_bytes, limits)
        if not force:
            check_unplaced(data, source.name, settings.max_unplaced_share)
            check_activities(data, source.name)
        out.append(data)
        if progress:
            progress(source.name)
    return out


def check_unplaced(data: GraphData, name: str, max_share: float) -> None:
    """Refuse a notice whose unplaced text exceeds ``max_share`` of its characters (a long
    unplaced paragraph weighs what it holds, not one line)."""
    total = data.char_count or data.line_count
    lost = data.unplaced_chars if data.char_count else len(data.unplaced)
    if not total or lost / total <= max_share:
        return
    first = "; ".join(f"line {u.line}: {u.text[:40]}" for u in data.unplaced[:UNPLACED_SHOWN])
    raise LoadError(
        f"{name}: {lost} of {total} characters ({len(data.unplaced)} of {data.line_count} lines) could not be "
        f"placed ({lost / total:.0%}, over the {max_share:.0%} limit, QGRAPH_MAX_UNPLACED); "
        f"first: {first}; this does not read as a Quality Month notice. Load it anyway with --force",
        source=name,
        line=data.unplaced[0].line,
    )


def check_activities(data: GraphData, name: str) -> None:
    """Refuse a notice whose body yields no activity: nothing it asks anyone to do was understood."""
    if any(node.label == Label.ACTIVITY for node in data.nodes):
        return
    raise LoadError(
        f"{name}: no activity could be read from its body (neither annex items nor body items with an action); "
        "its actors and activities would be missing. Load it anyway with --force",
        source=name,
        line=1,
    )


def load_graphs(
    store: GraphStore, datas: Sequence[GraphData], batch: int = 500, progress: Progress | None = None
) -> LoadSummary:
    """Write parsed notices in one all-or-nothing transaction."""
    started = time.perf_counter()
    replaced = frozenset(GraphRepository(store).nodes([d.notice_id for d in datas]))
    store.write(load_steps(datas, batch), progress)
    seconds = time.perf_counter() - started
    note_load(store)
    for data in datas:
        log.info(
            "notice loaded",
            extra={
                "notice": data.notice_id,
                "source": data.source_name,
                "encoding": data.encoding,
                "nodes": len(data.nodes),
                "edges": len(data.edges),
                "unplaced": len(data.unplaced),
                "write_seconds": round(seconds, 3),
                "outcome": "replaced" if data.notice_id in replaced else "added",
            },
        )
    return LoadSummary(tuple(datas), seconds, replaced=replaced)


def load_sources(
    store: GraphStore,
    sources: Sequence[Source],
    settings: Settings,
    *,
    force: bool = False,
    progress: Callable[[str], None] | None = None,
) -> LoadSummary:
    """Parse and check every source, then write them all; the summary times both phases."""
    started = time.perf_counter()
    datas = parse_sources(sources, settings, force=force, progress=progress)
    parse_seconds = time.perf_counter() - started

    def written(done: int, total: int) -> None:
        if progress:
            progress(f"writing: step {done} of {total}")

    summary = load_graphs(store, datas, settings.write_batch, written)
    return LoadSummary(summary.notices, summary.seconds, parse_seconds, summary.replaced)


def load_bundled_if_empty(store: GraphStore, settings: Settings) -> LoadSummary | None:
    """Load the bundled notice when the graph holds nothing yet (and never held anything:
    a store that lost its files is reported instead, see :mod:`graph_api.store.held`)."""
    check_not_lost(store)
    if not GraphRepository(store).is_empty():
        return None
    return load_sources(store, [source_of(None, settings.max_file_bytes)], settings)
