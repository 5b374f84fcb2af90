"""Crafted hostile notice files, built in memory at test time (nothing binary is committed).

Each builder returns the file's bytes; bombs are built without holding what they inflate to:
a deflate block of a repeated chunk, ended by a full flush, is the same bytes every time, so
a stream of N chunks is that block N times (its checksum summed chunk by chunk).
"""

from __future__ import annotations

import html
import io
import struct
import zipfile
import zlib
from collections.abc import Callable

from loaders.reader import bundled_notice
from tests.fixtures_formats import as_docx, as_html, paragraphs

MB = 1024 * 1024
CHUNK = 16 * MB
TEXT = bundled_notice()[1].decode()
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _repeated_deflate(byte: bytes, size: int) -> tuple[bytes, int, int]:
    """(raw deflate, crc32, adler32) of ``size`` bytes of ``byte``, never held whole."""
    chunk = byte * CHUNK
    times, rest = divmod(size, CHUNK)
    assert rest == 0
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    tail = c.flush()
    crc, adler = 0, 1
    for _ in range(times):
        crc, adler = zlib.crc32(chunk, crc), zlib.adler32(chunk, adler)
    return block * times + tail, crc, adler


def _zlib_stream(byte: bytes, size: int) -> bytes:
    raw, _, adler = _repeated_deflate(byte, size)
    return b"\x78\xda" + raw + struct.pack(">I", adler)


def pdf_file(objects: list[bytes], *, version: bytes = b"1.4", xref: bool = True) -> bytes:
    """A PDF of numbered objects (1 is the catalog), with an xref table unless told not to."""
    out = bytearray(b"%PDF-" + version + b"\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    start = len(out)
    if xref:
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
        out += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    else:
        start = offsets[-1]  # the last object is an xref stream
    return bytes(out + b"startxref\n%d\n%%%%EOF\n" % start)


def _stream(data: bytes, extra: bytes = b"/Filter /FlateDecode") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _one_page_pdf(content: bytes, page_extra: bytes = b"") -> bytes:
    return pdf_file([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> " + page_extra + b">>",
        _stream(content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])  # fmt: skip


def pdf_million_characters() -> bytes:
    """A one-page PDF of a few KB whose text layer is 1,000,000 characters."""
    return _one_page_pdf(zlib.compress(b"BT /F1 1 Tf 10 800 Td (" + b"A" * 1_000_000 + b") Tj ET", 9))


def pdf_stream_bomb() -> bytes:
    """A 1 MB PDF whose content stream inflates to 1 GB (of spaces)."""
    return _one_page_pdf(_zlib_stream(b" ", 1024 * MB))


def pdf_xref_bomb() -> bytes:
    """A PDF of a few hundred bytes whose xref stream declares 2,000,000,000 entries."""
    entries = b"\x00\x00\x00\x00\xff\xff\x01" + b"\x01\x00\x00\x00\x09\x00\x00"
    return pdf_file(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [] /Count 0 >>",
            _stream(entries, b"/Type /XRef /Size 2000000000 /W [1 4 2] /Root 1 0 R"),
        ],
        version=b"1.5",
        xref=False,
    )


def pdf_many_pages(pages: int = 10_000) -> bytes:
    """A PDF of ``pages`` pages of one tiny word each (typeset by reportlab)."""
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    for _ in range(pages):
        pdf.drawString(100, 700, "a")
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def pdf_nested_arrays(depth: int = 100_000) -> bytes:
    """A page whose dictionary holds arrays nested ``depth`` deep."""
    return _one_page_pdf(zlib.compress(b"BT /F1 12 Tf 10 800 Td (x) Tj ET"), b"/Nest " + b"[" * depth + b"]" * depth)


def pdf_huge_number() -> bytes:
    """A content stream with a 5,000-digit number (Python refuses to read such an int)."""
    return _one_page_pdf(zlib.compress(b"BT /F1 12 Tf " + b"9" * 5000 + b" 0 Td (x) Tj ET"))


def _docx_members(base: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(base)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(members: dict[str, bytes], raw_members: dict[str, tuple[bytes, int, int]] | None = None) -> bytes:
    """A ZIP of ``members`` (deflated here) and of already-deflated ``raw_members``
    (name → (raw deflate, crc32, size)), written by hand: zipfile cannot take deflated data."""
    entries = {n: (zlib.compress(d, 9)[2:-4], zlib.crc32(d), len(d)) for n, d in members.items()}
    entries.update(raw_members or {})
    out, central = bytearray(), bytearray()
    for name, (data, crc, size) in entries.items():
        encoded = name.encode()
        fields = struct.pack("<HHHHHIIIHH", 20, 0, 8, 0, 0, crc, len(data), size, len(encoded), 0)
        central += b"PK\x01\x02" + struct.pack("<H", 20) + fields + struct.pack("<HHHII", 0, 0, 0, 0, len(out))
        central += encoded
        out += b"PK\x03\x04" + fields + encoded + data
    end = struct.pack("<HHHHIIH", 0, 0, len(entries), len(entries), len(central), len(out), 0)
    return bytes(out + central + b"PK\x05\x06" + end)


def docx_huge_image() -> bytes:
    """The notice as a Word file holding a 2 GB image part (declared and real), ~2 MB on disk."""
    members = _docx_members(as_docx(TEXT))
    rels = "word/_rels/document.xml.rels"
    members[rels] = members[rels].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdBomb" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"'
        b' Target="media/image1.png"/></Relationships>',
    )
    types = "[Content_Types].xml"
    members[types] = members[types].replace(b"<Default ", b'<Default Extension="png" ContentType="image/png"/><Default ', 1)
    image, crc, _ = _repeated_deflate(b"\x00", 2048 * MB)
    return _zip(members, {"word/media/image1.png": (image, crc, 2048 * MB)})


def docx_document_bomb() -> bytes:
    """A Word file whose word/document.xml inflates to 3 GB."""
    members = _docx_members(as_docx("一、活动主题\n"))
    del members["word/document.xml"]
    body, crc, _ = _repeated_deflate(b" ", 3072 * MB)
    return _zip(members, {"word/document.xml": (body, crc, 3072 * MB)})


def _document_xml(body: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W_NS}"><w:body>'
            f"{body}</w:body></w:document>").encode()  # fmt: skip


def docx_with_document(body: str) -> bytes:
    """A Word file with ``body`` (WordprocessingML) as its document."""
    members = _docx_members(as_docx("一、活动主题\n"))
    members["word/document.xml"] = _document_xml(body)
    return _zip(members)


def docx_million_paragraphs() -> bytes:
    """A ~1 MB Word file of 3.4 million (empty) paragraphs."""
    return docx_with_document("<w:p/>" * 3_400_000)


def docx_numbered_paragraphs() -> bytes:
    """A Word file of 200,000 distinct short paragraphs (inflating only ~10 times)."""
    return docx_with_document("".join(f"<w:p><w:r><w:t>{i}</w:t></w:r></w:p>" for i in range(200_000)))


def docx_numbering_bomb() -> bytes:
    """The notice as a Word file with 2,000 numbering definitions over a 2,000-level list, and
    2,000 numbered paragraphs at deep levels."""
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%{i + 1}."/></w:lvl>'
        for i in range(2000)
    )
    nums = "".join(f'<w:num w:numId="{n}"><w:abstractNumId w:val="0"/></w:num>' for n in range(1, 2001))
    numbering = f'<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum>{nums}</w:numbering>'
    text = "".join(f"<w:p><w:r><w:t>{html.escape(p)}</w:t></w:r></w:p>" for p in paragraphs(TEXT) if p)
    numbered = "".join(
        f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{i % 2000}"/><w:numId w:val="{i % 2000 + 1}"/></w:numPr></w:pPr></w:p>'
        for i in range(2000)
    )
    members = _docx_members(as_docx(TEXT))
    members["word/document.xml"] = _document_xml(text + numbered)
    members["word/numbering.xml"] = numbering.encode()
    return _zip(members)


def zip_many_members(count: int = 100_000) -> bytes:
    """A Word file's parts and ``count`` more tiny members."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in _docx_members(as_docx("一、活动主题\n")).items():
            archive.writestr(name, data)
        for i in range(count):
            archive.writestr(f"extra/part{i}.xml", b"<a/>")
    return out.getvalue()


def html_one_text_node() -> bytes:
    """A web page whose body is one 19 MB text node."""
    return b"<html><body><p>" + "质量".encode() * (19 * MB // 6) + b"</p></body></html>"


def html_nested(depth: int = 100_000) -> bytes:
    """A web page of ``depth`` nested elements around a line of text."""
    return b"<html><body>" + b"<div>" * depth + "一、活动主题".encode() + b"</div>" * depth + b"</body></html>"


HIDDEN = "隐藏的第二份通知不应被读到"


def html_hidden_text() -> bytes:
    """The notice as a web page, with text a browser does not show in every way a page hides it."""
    page = as_html(TEXT).decode("gb18030")
    hidden = "".join(
        f"{open_}{HIDDEN}{close}"
        for open_, close in (
            ("<p hidden>", "</p>"), ('<div style="display: none">', "</div>"), ('<span style="visibility:hidden">', "</span>"),
            ('<p aria-hidden="true">', "</p>"), ("<textarea>", "</textarea>"), ('<object data="x">', "</object>"),
            ("<template>", "</template>"), ("<noscript>", "</noscript>"),
        )
    )  # fmt: skip
    return page.replace('<div id="zoom" class="TRS_Editor">', '<div id="zoom" class="TRS_Editor">' + hidden).encode("gb18030")


# (case, builder, what the refusal says, or None when the file loads)
CASES: list[tuple[str, Callable[[], bytes], str | None]] = [
    ("PDF: one page, 1M characters", pdf_million_characters, "page 1 of this PDF file holds more than 20,000 characters"),
    ("PDF: stream inflating to 1 GB", pdf_stream_bomb, "this PDF file has a stream that inflates to more than 64 MB"),
    ("PDF: xref stream of 2e9 entries", pdf_xref_bomb, "declares 2,000,000,000 objects in its cross-reference stream"),
    ("PDF: 10,000 pages of tiny text", pdf_many_pages, "this PDF file has more than 200 pages: not one notice"),
    ("PDF: arrays nested 100,000 deep", pdf_nested_arrays, None),
    ("PDF: a 5,000-digit number", pdf_huge_number, None),
    ("DOCX: 2 GB image part", docx_huge_image, None),
    ("DOCX: document.xml inflating to 3 GB", docx_document_bomb, "part word/document.xml inflates to 3,072 MB"),
    ("DOCX: 3.4M paragraphs", docx_million_paragraphs, "part word/document.xml inflates"),
    ("DOCX: 200,000 distinct paragraphs", docx_numbered_paragraphs, "holds more than 1,000,000 XML tags"),
    ("DOCX: 2,000 lists over 2,000 levels", docx_numbering_bomb, None),
    ("DOCX: 100,000 members", zip_many_members, "holds 100,0"),
    ("HTML: one 19 MB text node", html_one_text_node, "characters of text without markup (more than 1,000,000)"),
    ("HTML: 100,000 nested elements", html_nested, "nests elements more than 200 deep"),
    ("HTML: hidden text", html_hidden_text, None),
]
