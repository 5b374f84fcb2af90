"""The pieces the structure parser reads a notice into: spans, numbered items, the structure."""

from __future__ import annotations

from dataclasses import dataclass, field

from loaders.tables import TableRow


@dataclass(frozen=True)
class Span:
    """A piece of normalized text and where it stands (``text`` may hold line breaks)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Item:
    """A numbered item: its section path (``三/（五）``, ``附件3/九``), ordinal, title, text."""

    section: str
    ordinal: int
    title: str
    span: Span
    marker_end: int = 0  # where the text after "（五）" / "十一、" / "1." begins in ``span.text``
    heading: str = ""  # the heading item this one is numbered under ("（一）中央宣传部" → "中央宣传部")
    has_subitems: bool = False  # a heading whose numbered lines are items of their own

    @property
    def body(self) -> str:
        """The item's text without its number."""
        return self.span.text[self.marker_end :]


@dataclass
class NoticeStructure:
    """Everything the structure parser found, as spans."""

    year: int
    title: str | None = None
    doc_number: str | None = None
    date: str | None = None
    signatories: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    printed: str | None = None
    declared_count: int | None = None
    preamble: Span | None = None
    themes: list[Span] = field(default_factory=list)
    content_items: list[Item] = field(default_factory=list)
    key_arrangements: list[Item] = field(default_factory=list)
    requirements: list[Item] = field(default_factory=list)
    section_names: dict[str, str] = field(default_factory=dict)
    closing: list[Span] = field(default_factory=list)
    contact_name: str | None = None
    contact_office: str | None = None
    contact_phones: list[str] = field(default_factory=list)
    contact_email: str | None = None
    contact_span: Span | None = None
    attachments: list[str] = field(default_factory=list)
    annex_titles: dict[int, str] = field(default_factory=dict)
    annex_roles: dict[int, str] = field(default_factory=dict)
    annexes: dict[int, list[Item]] = field(default_factory=dict)
    slogans: list[tuple[int, Span]] = field(default_factory=list)
    table_columns: dict[int, list[str]] = field(default_factory=dict)  # an annex table's header
    table_rows: dict[int, list[tuple[Span, TableRow]]] = field(default_factory=dict)
    recipients: Span | None = None
    copied_to: Span | None = None
    public: bool = False
    artifacts: list[Span] = field(default_factory=list)
    guidance: list[Span] = field(default_factory=list)  # 指导思想 / 总体要求
    period: list[Span] = field(default_factory=list)  # 活动时间, with its stages
    role_rule: Span | None = None  # "排在第一位的为牵头单位"
    instructions: list[Span] = field(default_factory=list)  # sentences addressed to whoever it concerns
    unplaced: list[Span] = field(default_factory=list)


def text_lines(text: str) -> list[Span]:
    """The non-blank lines of ``text``, stripped, with their offsets."""
    spans, pos = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = pos + raw.index(stripped)
            spans.append(Span(start, start + len(stripped), stripped))
        pos += len(raw) + 1
    return spans


