"""Notice files that are not plain text: web pages, Word documents, PDFs, read to text.

The format is told by the bytes, not the file name: ``%PDF-`` is a PDF, a ZIP holding
``word/document.xml`` is a Word file, markup with ``<html``/``<body``/``<p`` is a web page.
Each reader returns the notice's text with one blank line between paragraphs, the layout
the text reader expects (see :mod:`loaders.normalize`).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from graph_api.errors import LoadError

# Markup near the start of a file that says it is a web page.
# Examples: "<!DOCTYPE html>", "<html lang=\"zh-CN\">", "<meta charset=\"gb2312\">", "<p>…</p>"
HTML_MARK = re.compile(rb"<\s*(?:!doctype\s+html|html|head|body|meta|div|p|table)[\s>/]", re.IGNORECASE)
SNIFF_BYTES = 4096
# Control characters an extractor may leave (form feeds stay: they mark PDF pages).
STRAY_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Extracted:
    """Text read out of a formatted file, and what the file was ("HTML", "DOCX", "PDF")."""

    text: str
    format: str


def sniff(raw: bytes) -> str | None:
    """ "PDF", "DOCX", "HTML" or None (plain text, or something the text reader refuses)."""
    if raw.startswith(b"%PDF-"):
        return "PDF"
    if raw.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as archive:
                return "DOCX" if "word/document.xml" in archive.namelist() else None
        except zipfile.BadZipFile:
            return None
    head = raw[:SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<") and HTML_MARK.search(head):
        return "HTML"
    return None


def extract(raw: bytes, name: str) -> Extracted | None:
    """The text of a web page, Word file or PDF; None when ``raw`` is none of them."""
    kind = sniff(raw)
    if kind is None:
        return None
    try:
        if kind == "PDF":
            from loaders.formats.pdf import pdf_text

            text = pdf_text(raw)
        elif kind == "DOCX":
            from loaders.formats.docx import docx_text

            text = docx_text(raw)
        else:
            from loaders.formats.html import html_text

            text = html_text(raw)
    except LoadError as exc:
        named = LoadError(f"{name}: {exc.message}")
        named.details = {**exc.details, "source": name}
        raise named from None
    except Exception as exc:  # a damaged file: the library's own reason, in one line
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise LoadError(f"{name}: cannot read this {kind} file: {reason}", source=name, line=1) from None
    text = STRAY_CONTROLS.sub("", text)
    if not text.strip():
        raise LoadError(f"{name}: this {kind} file holds no text (a scanned image needs OCR first)", source=name)
    return Extracted(text, kind)
