"""A PDF notice's text layer (pdfminer.six), with lines the typesetting wrapped joined again.

A line that reaches the right edge of the text continues on the next line, also across a
page, unless it ends a sentence and the next line opens a new element ("（二）…", "三、…").
Any other line ends its paragraph. Paragraphs are separated by a blank line; words a page
break split across paragraphs are joined by the text reader's own repair (normalize).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTPage, LTTextContainer, LTTextLine

from loaders.errors import LoadError
from loaders.layout import ARTIFACT
from loaders.normalize import STRUCTURE_START

# A notice is a few pages; a longer PDF is not one notice (and would take minutes to read).
MAX_PAGES = 200
# A line ending within this many character widths of the right edge was wrapped.
WRAP_SLACK_CHARS = 1.5
SENTENCE_END = ("。", "：", "；", "！", "？", "）", "”")


@dataclass(frozen=True)
class _Line:
    text: str  # without its line break; inner and edge spaces kept
    at_edge: bool


def _page_lines(page: LTPage) -> list[_Line]:
    lines: list[LTTextLine] = []
    for element in page:
        if isinstance(element, LTTextContainer):
            lines.extend(line for line in element if isinstance(line, LTTextLine))
    # Page numbers and running heads ("— 3 —") are not text; a paragraph runs on past them.
    lines = [line for line in lines if line.get_text().strip() and not ARTIFACT.match(line.get_text().strip())]
    if not lines:
        return []
    lines.sort(key=lambda line: (-round(line.y1), line.x0))
    right = max(line.x1 for line in lines)
    out = []
    for line in lines:
        text = line.get_text().rstrip("\r\n")
        width = (line.x1 - line.x0) / max(len(text.strip()), 1)
        out.append(_Line(text, line.x1 >= right - WRAP_SLACK_CHARS * width))
    return out


def _continues(line: _Line, after: _Line) -> bool:
    if not line.at_edge:
        return False
    return not (line.text.rstrip().endswith(SENTENCE_END) and STRUCTURE_START.match(after.text.strip()))


def pdf_text(raw: bytes) -> str:
    """The text layer, one paragraph a line, blank lines between paragraphs."""
    lines: list[_Line] = []
    for number, page in enumerate(extract_pages(io.BytesIO(raw), laparams=LAParams()), start=1):
        if number > MAX_PAGES:
            raise LoadError(f"more than {MAX_PAGES} pages: not one notice", line=1)
        lines += _page_lines(page)
    paragraphs: list[str] = []
    current: list[str] = []
    for i, line in enumerate(lines):
        current.append(line.text)
        if i + 1 == len(lines) or not _continues(line, lines[i + 1]):
            paragraphs.append("".join(current).strip())
            current = []
    return "\n\n".join(paragraphs) + "\n"
