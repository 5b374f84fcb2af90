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

from loaders.errors import LoadError

# Markup near the start of a file that says it is a web page.
# Examples: "<!DOCTYPE html>", "<html lang=\"zh-CN\">", "<meta charset=\"gb2312\">", "<p>…</p>"
HTML_MARK = re.compile(rb"<\s*(?:!doctype\s+html|html|head|body|meta|div|p|table)[\s>/]", re.IGNORECASE)
SNIFF_BYTES = 4096
# Library messages that are internals, and what they mean to someone loading a notice.
# e.g. "Exceeds the limit (4300 digits) for integer string conversion …; use sys.set_int_max_str_digits()"
INTERNALS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"int_max_str_digits|integer string conversion"), "it holds a number thousands of digits long"),
    (re.compile(r"recursion", re.IGNORECASE), "its objects are nested deeper than a reader follows"),
    (re.compile(r"amplification|xmlCtxt|entit(y|ies)", re.IGNORECASE), "its markup expands far beyond its size"),
    (re.compile(r"huge|too large|too long", re.IGNORECASE), "it holds a text or value larger than a reader takes"),
    (re.compile(r"depth", re.IGNORECASE), "its elements are nested deeper than a reader follows"),
)
# Control characters an extractor may leave (form feeds stay: they mark PDF pages).
STRAY_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Extracted:
    """Text read out of a formatted file, and what the file was ("HTML", "DOCX", "PDF")."""

    text: str
    format: str


def kind_of(raw: bytes) -> str:
    """ "PDF", "DOCX", "HTML" or "text", from the first bytes only (nothing is unpacked)."""
    if raw.startswith(b"%PDF-"):
        return "PDF"
    if raw.startswith(b"PK\x03\x04"):
        return "DOCX"
    head = raw[:SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n")
    return "HTML" if head.startswith(b"<") and HTML_MARK.search(head) else "text"


def sniff(raw: bytes) -> str | None:
    """ "PDF", "DOCX", "HTML" or None (plain text, or something the text reader refuses)."""
    kind = kind_of(raw)
    if kind == "DOCX":
        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as archive:
                return "DOCX" if "word/document.xml" in archive.NameToInfo else None
        except zipfile.BadZipFile:
            return None
    return None if kind == "text" else kind


def reason(exc: Exception) -> str:
    """A library's reason for failing, in one line and in a reader's words: never an
    interpreter's or libxml2's internals (recursion depth, int digits, amplification)."""
    if isinstance(exc, RecursionError):
        return "its objects are nested deeper than a reader follows"
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    for pattern, words in INTERNALS:
        if pattern.search(text):
            return words
    return text


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
        raise exc.named(name) from None
    except MemoryError:
        raise  # the bounded reader reports it with its limit
    except Exception as exc:  # a damaged file: the library's own reason, in one line
        message = f"{name}: cannot read this {kind} file: {reason(exc)}"
        raise LoadError(message, source=name, line=1, kind=kind) from None
    text = STRAY_CONTROLS.sub("", text)
    if not text.strip():
        # Only a PDF can be a scan; a web page or Word file without text is just empty.
        hint = " (a scanned image needs OCR first)" if kind == "PDF" else ""
        raise LoadError(f"{name}: this {kind} file holds no text{hint}", source=name, kind=kind)
    return Extracted(text, kind)
