"""A Word (.docx) notice's text: its paragraphs and table cells in order (python-docx).

Word's automatic list numbering ("一、", "（一）", "1." typed by Word, not by the author) is not
part of a paragraph's text; it is rendered here from the numbering definitions so the
structure reader sees the same markers as in a typed notice.
"""

from __future__ import annotations

import io
import re
from typing import Any

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from loaders.errors import LoadError
from loaders.formats.docx_budget import slim
from loaders.layout import cn_numeral

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WORD_LEVELS = frozenset(str(i) for i in range(9))  # Word's list levels: ilvl 0-8
SMALL_INT = re.compile(r"\d{1,4}")
# Paragraphs and table rows read; a notice has a few hundred (the text reader allows 50,000 lines).
MAX_BLOCKS = 50_000
CHINESE_FORMATS = ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographTraditional")


class _Numbering:
    """Counters of Word's automatic numbering, one per list and level.

    Levels are read once per abstract definition, and only Word's nine (``ilvl`` 0-8): a file
    declaring 2,000 lists over a 2,000-level definition costs 2,000 references, not 4 million."""

    def __init__(self, document: Any) -> None:
        self.lists: dict[str, dict[str, tuple[str, str, int]]] = {}  # numId → ilvl → (format, text, start)
        self.counters: dict[str, dict[int, int]] = {}
        self.styles: dict[str | None, Any] = {}  # style id → its paragraph properties
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {a.get(f"{W}abstractNumId"): _levels(a) for a in root.iter(f"{W}abstractNum")}
        for num in root.iter(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            levels = abstract.get(ref.get(f"{W}val")) if ref is not None else None
            if levels:
                self.lists[str(num.get(f"{W}numId"))] = levels

    def marker(self, paragraph: Paragraph) -> str:
        """The number Word shows before ``paragraph`` ("一、", "（二）", "3."), or ""."""
        num_pr = _num_pr(paragraph, self.styles)
        if num_pr is None:
            return ""
        num_id, ilvl = num_pr
        level = self.lists.get(num_id, {}).get(ilvl)
        if level is None or level[0] in ("bullet", "none"):
            return ""
        depth = int(ilvl)
        counters = self.counters.setdefault(num_id, {})
        counters[depth] = counters.get(depth, level[2] - 1) + 1
        for deeper in [d for d in counters if d > depth]:
            del counters[deeper]
        value = counters[depth]
        number = cn_numeral(value) if level[0] in CHINESE_FORMATS else str(value)
        return level[1].replace(f"%{depth + 1}", number)


def _levels(definition: Any) -> dict[str, tuple[str, str, int]]:
    levels = {}
    for lvl in definition.iter(f"{W}lvl"):
        ilvl = lvl.get(f"{W}ilvl")
        if ilvl not in WORD_LEVELS:
            continue
        fmt, text, start = lvl.find(f"{W}numFmt"), lvl.find(f"{W}lvlText"), lvl.find(f"{W}start")
        levels[ilvl] = (
            fmt.get(f"{W}val") if fmt is not None else "decimal",
            text.get(f"{W}val") if text is not None else "",
            _small_int(start.get(f"{W}val") if start is not None else None, 1),
        )
    return levels


def _small_int(value: str | None, default: int) -> int:
    """A list's start number; anything but 1-4 digits (a 5,000-digit "number") is the default."""
    return int(value) if value is not None and SMALL_INT.fullmatch(value) else default


def _num_pr(paragraph: Paragraph, styles: dict[str | None, Any]) -> tuple[str, str] | None:
    """(numId, ilvl) of a paragraph's list, from its own properties or else its style's;
    ``styles`` caches each style's properties (python-docx looks a style up in ~2 ms)."""
    style_id = paragraph._p.style
    if style_id not in styles:
        style = paragraph.style
        styles[style_id] = style.element.pPr if style is not None else None
    for element in (paragraph._p.pPr, styles[style_id]):
        num_pr = element.find(f"{W}numPr") if element is not None else None
        if num_pr is not None:
            num_id, ilvl = num_pr.find(f"{W}numId"), num_pr.find(f"{W}ilvl")
            if num_id is not None:
                level = ilvl.get(f"{W}val") if ilvl is not None else None
                return str(num_id.get(f"{W}val")), str(level or "0")
    return None


def docx_text(raw: bytes) -> str:
    """Each paragraph on its own line, a blank line between; table rows one cell a line."""
    document = docx.Document(io.BytesIO(slim(raw)))
    numbering = _Numbering(document)
    lines: list[str] = []
    for count, block in enumerate(document.iter_inner_content(), start=1):
        if count > MAX_BLOCKS:
            message = f"this DOCX file holds more than {MAX_BLOCKS:,} paragraphs and tables; a notice has hundreds"
            raise LoadError(message, line=1, kind="DOCX", limit="paragraphs")
        if isinstance(block, Paragraph):
            lines.append(numbering.marker(block) + block.text)
        elif isinstance(block, Table):
            for row in block.rows:
                lines.extend(cell.text for cell in row.cells)
    return "\n\n".join(line.strip() for line in lines if line.strip()) + "\n"
