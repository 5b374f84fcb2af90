"""What reading one PDF may cost, checked as pdfminer.six produces it.

pdfminer inflates a stream whole (``zlib.decompress``), walks every entry an xref stream
declares and lays out every character of a page before it returns: a 619-byte file can
declare two billion objects, a 1 MB stream inflate to 1 GB, a 4.6 KB page hold a million
characters. Each is stopped here when its budget is met, with the limit in the refusal:

- decoded streams: pdfminer's Flate and LZW decoders are replaced (once, on import) by ones
  that stop at ``MAX_STREAM_BYTES`` per stream and ``MAX_DECODED_BYTES`` per document;
- objects an xref declares: checked after the document's xrefs are read, before any walk;
- characters: counted as the layout device receives them, per page and per document.
"""

from __future__ import annotations

import threading
import zlib
from collections.abc import Iterator
from typing import Any

import pdfminer.pdftypes
from pdfminer.converter import PDFPageAggregator
from pdfminer.lzw import LZWDecoder
from pdfminer.pdfdocument import PDFDocument, PDFXRefStream

from loaders.errors import LoadError

MB = 1024 * 1024
MAX_STREAM_BYTES = 64 * MB  # one decoded stream (a page's content is KBs, an embedded CJK font ~10 MB)
MAX_DECODED_BYTES = 256 * MB  # all decoded streams of one document
MAX_DECLARED_OBJECTS = 1_000_000  # a notice's PDF holds a few thousand objects
MAX_PAGE_CHARS = 20_000  # a dense A4 page holds ~4,000 characters
MAX_TEXT_CHARS = 500_000  # a notice is ~30,000 characters; 200 dense pages ~800,000 …

_state = threading.local()  # bytes decoded so far by this thread's current document


def _refuse(what: str, limit: str) -> LoadError:
    return LoadError(f"this PDF file {what}; a notice's PDF holds far less", line=1, kind="PDF", limit=limit)


def _count(n: int) -> None:
    total = getattr(_state, "decoded", 0) + n
    _state.decoded = total
    if total > MAX_DECODED_BYTES:
        raise _refuse(f"decodes to more than {MAX_DECODED_BYTES // MB} MB of streams", "decoded bytes")


class _BoundedZlib:
    """``zlib`` as pdfminer's stream decoder sees it, with ``decompress`` bounded."""

    error = zlib.error

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)

    @staticmethod
    def decompress(data: bytes, wbits: int = zlib.MAX_WBITS, bufsize: int = 0) -> bytes:
        inflater = zlib.decompressobj(wbits)
        out = _inflate_with(inflater, data)
        if not inflater.eof:
            raise zlib.error("incomplete or truncated stream")  # pdfminer then tries its repair
        return out


def _inflate_with(inflater: Any, data: bytes) -> bytes:
    out: bytes = inflater.decompress(data, MAX_STREAM_BYTES + 1)
    if len(out) > MAX_STREAM_BYTES:
        raise _refuse(f"has a stream that inflates to more than {MAX_STREAM_BYTES // MB} MB", "stream size")
    _count(len(out))
    return out


def _repair_corrupted(data: bytes) -> bytes:
    """pdfminer's repair of a stream with a bad checksum (all it could inflate), bounded."""
    inflater = zlib.decompressobj()
    try:
        return _inflate_with(inflater, data)
    except zlib.error:
        return b""


def _lzw(data: bytes) -> bytes:
    import io

    out, size = [], 0
    for chunk in LZWDecoder(io.BytesIO(data)).run():
        size += len(chunk)
        if size > MAX_STREAM_BYTES:
            raise _refuse(f"has a stream that decodes to more than {MAX_STREAM_BYTES // MB} MB", "stream size")
        out.append(chunk)
    _count(size)
    return b"".join(out)


def install() -> None:
    """Bound pdfminer's stream decoders (idempotent)."""
    # module globals that pdfminer's PDFStream.decode calls
    replacements = {"zlib": _BoundedZlib(), "decompress_corrupted": _repair_corrupted, "lzwdecode": _lzw}
    for name, replacement in replacements.items():
        setattr(pdfminer.pdftypes, name, replacement)


def start_document() -> None:
    """A new document's stream budget (per thread)."""
    _state.decoded = 0


def check_xrefs(document: PDFDocument) -> None:
    """Refuse a document whose xref streams declare more objects than a notice holds."""
    declared = 0
    for xref in document.xrefs:
        if isinstance(xref, PDFXRefStream):
            declared += sum(max(int(n), 0) for _, n in xref.ranges)
    if declared > MAX_DECLARED_OBJECTS:
        raise _refuse(f"declares {declared:,} objects in its cross-reference stream", "declared objects")


class CountingAggregator(PDFPageAggregator):
    """pdfminer's layout device, refusing a page or a document with more characters than a
    notice holds as the characters arrive (before the page's layout analysis)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.page_chars = 0
        self.total_chars = 0
        self.page_number = 0

    def begin_page(self, page: Any, ctm: Any) -> None:
        self.page_chars = 0
        self.page_number += 1
        super().begin_page(page, ctm)

    def render_char(self, *args: Any, **kwargs: Any) -> float:
        self.page_chars += 1
        self.total_chars += 1
        if self.page_chars > MAX_PAGE_CHARS:
            raise LoadError(
                f"page {self.page_number} of this PDF file holds more than {MAX_PAGE_CHARS:,} characters; "
                "a printed page holds a few thousand",
                line=1, kind="PDF", limit="characters per page",
            )  # fmt: skip
        if self.total_chars > MAX_TEXT_CHARS:
            raise _refuse(f"holds more than {MAX_TEXT_CHARS:,} characters", "characters")
        advance: float = super().render_char(*args, **kwargs)
        return advance


def declared_pages(document: PDFDocument) -> int:
    """The page count the page tree declares (0 when it does not say)."""
    from pdfminer.pdftypes import resolve1

    pages = resolve1(document.catalog.get("Pages"))
    count = resolve1(pages.get("Count")) if isinstance(pages, dict) else None
    return count if isinstance(count, int) else 0


def page_iter(document: PDFDocument) -> Iterator[Any]:
    """The document's pages, lazily (pdfminer's page-tree walk)."""
    from pdfminer.pdfpage import PDFPage

    yield from PDFPage.create_pages(document)
