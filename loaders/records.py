"""Plain frozen records: what loaders produce and the store writes. No database here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from loaders.model import NODE_LABELS, REL_TYPES

PropValue = str | int | float | bool | list[str] | list[int] | None


def _frozen(props: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(props))


@dataclass(frozen=True)
class Provenance:
    """Where a fact was read: section path, span in the normalized text, sentence, lines."""

    section: str
    start: int
    end: int
    text: str
    line: int  # 1-based line of the sentence's first character in the original file's text
    column: int = 1  # 1-based column (characters) of that character in its original line
    original: str | None = None  # the sentence as the file wrote it, when it was converted (繁→简)

    def as_props(self) -> dict[str, Any]:
        """Flat properties for storing on a node or edge."""
        props: dict[str, Any] = {
            "src_section": self.section,
            "src_start": self.start,
            "src_end": self.end,
            "src_text": self.text,
            "src_line": self.line,
            "src_column": self.column,
        }
        if self.original is not None and self.original != self.text:
            props["src_original"] = self.original
        return props


@dataclass(frozen=True)
class NodeRecord:
    """One node: a stable id, a label from the allow-list, flat properties.

    ``owner`` is the notice id for facts that belong to one notice (they are replaced when
    that notice is reloaded); ``None`` for shared nodes (actors, documents, topics …).
    """

    id: str
    label: str
    props: Mapping[str, Any] = field(default_factory=dict)
    owner: str | None = None

    def __post_init__(self) -> None:
        if self.label not in NODE_LABELS:
            raise ValueError(f"label {self.label!r} is not in the graph model")
        object.__setattr__(self, "props", _frozen(self.props))


@dataclass(frozen=True)
class EdgeRecord:
    """One relationship between two node ids, with a type from the allow-list."""

    source: str
    target: str
    type: str
    props: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.type not in REL_TYPES:
            raise ValueError(f"relationship type {self.type!r} is not in the graph model")
        object.__setattr__(self, "props", _frozen(self.props))


@dataclass(frozen=True)
class Unplaced:
    """A sentence the loader read but could not turn into a fact."""

    line: int
    section: str
    text: str
    reason: str


@dataclass(frozen=True)
class GraphData:
    """Everything one notice contributes to the graph."""

    notice_id: str
    nodes: tuple[NodeRecord, ...]
    edges: tuple[EdgeRecord, ...]
    unplaced: tuple[Unplaced, ...] = ()
    source_name: str = ""
    line_count: int = 0  # non-blank lines of the input text
    char_count: int = 0  # non-blank characters of the input text: the base of the unplaced share
    encoding: str = "utf-8"  # how the input bytes were decoded

    @property
    def unplaced_chars(self) -> int:
        """Non-blank characters of the unplaced sentences."""
        return sum(len("".join(u.text.split())) for u in self.unplaced)

    def counts(self) -> dict[str, int]:
        """Node counts per label, sorted by label."""
        out: dict[str, int] = {}
        for node in self.nodes:
            out[node.label] = out.get(node.label, 0) + 1
        return dict(sorted(out.items()))
