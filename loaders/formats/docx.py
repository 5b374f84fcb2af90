"""A Word (.docx) notice's text: its paragraphs and table cells in order (python-docx)."""

from __future__ import annotations

import io

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph


def docx_text(raw: bytes) -> str:
    """Each paragraph on its own line, a blank line between; table rows one cell a line."""
    document = docx.Document(io.BytesIO(raw))
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            for row in block.rows:
                lines.extend(cell.text for cell in row.cells)
    return "\n\n".join(line.strip() for line in lines if line.strip()) + "\n"
