"""A PDF notice's text layer (pdfminer.six), with lines the typesetting wrapped joined again.

A line that reaches the right edge of the text continues on the next line, also across a
page, unless it ends a sentence and the next line opens a new element ("（二）…", "三、…").
Any other line ends its paragraph. Paragraphs are separated by a blank line; words a page
break split across paragraphs are joined by the text reader's own repair (normalize).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from pdfminer.layout import LAParams, LTPage, LTTextContainer, LTTextLine
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfparser import PDFParser

from loaders.errors import LoadError
from loaders.formats import pdf_budget
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
    """The text layer, one paragraph a line, blank lines between paragraphs (within the
    budgets of :mod:`loaders.formats.pdf_budget`)."""
    pdf_budget.start_document()
    document = PDFDocument(PDFParser(io.BytesIO(raw)))
    pdf_budget.check_xrefs(document)
    message = f"this PDF file has more than {MAX_PAGES} pages: not one notice"
    too_many = LoadError(message, line=1, kind="PDF", limit="pages")
    if pdf_budget.declared_pages(document) > MAX_PAGES:
        raise too_many
    resources = PDFResourceManager()
    device = pdf_budget.CountingAggregator(resources, laparams=LAParams())
    interpreter = PDFPageInterpreter(resources, device)
    lines: list[_Line] = []
    for number, page in enumerate(pdf_budget.page_iter(document), start=1):
        if number > MAX_PAGES:
            raise too_many
        interpreter.process_page(page)
        lines += _page_lines(device.get_result())
    paragraphs: list[str] = []
    current: list[str] = []
    for i, line in enumerate(lines):
        current.append(line.text)
        if i + 1 == len(lines) or not _continues(line, lines[i + 1]):
            paragraphs.append("".join(current).strip())
            current = []
    return "\n\n".join(paragraphs) + "\n"


pdf_budget.install()
