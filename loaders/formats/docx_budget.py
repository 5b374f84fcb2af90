"""What reading one Word file may cost, checked in its ZIP directory before anything inflates.

python-docx reads every part of a package into memory, images included: a 2 MB file can hold
a 2 GB image, or a ``document.xml`` that inflates to 3 GB, or millions of paragraphs. Here the
ZIP's central directory is checked first (member count, each XML part's declared size and
inflate ratio, their total); media and other binary parts are never inflated (python-docx
gets them empty: the text does not need them); the XML parts that are inflated (bounded by
their declared size, their CRC checked by :mod:`zipfile`) are counted for tags before
any XML parser sees them.
"""

from __future__ import annotations

import io
import zipfile

from loaders.errors import LoadError

MB = 1024 * 1024
MAX_MEMBERS = 1_000  # a Word file has 10-40 parts, a few hundred with many images
MAX_XML_PART_BYTES = 32 * MB  # a notice's document.xml is well under 1 MB
MAX_XML_TOTAL_BYTES = 64 * MB
# XML deflates 5-20 times; a part inflating far more is built to: checked for parts over 1 MB.
MAX_INFLATE_RATIO, RATIO_CHECKED_FROM = 100, MB
MAX_TAGS = 1_000_000  # start and end tags; a 100-page Word file has ~400,000
TEXT_PARTS = (".xml", ".rels")  # what python-docx parses; everything else is media or binary


def _refuse(what: str, limit: str) -> LoadError:
    return LoadError(f"this DOCX file {what}; a notice's Word file holds far less", line=1, kind="DOCX", limit=limit)


def slim(raw: bytes) -> bytes:
    """The package with its XML parts checked and its binary parts emptied, stored uncompressed
    for python-docx; a LoadError naming the limit when a budget is met."""
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise _refuse(f"holds {len(members):,} parts (more than {MAX_MEMBERS:,})", "parts")
        total = 0
        for info in members:
            if not info.filename.lower().endswith(TEXT_PARTS):
                continue
            if info.file_size > MAX_XML_PART_BYTES:
                raise _refuse(
                    f"part {info.filename} inflates to {info.file_size / MB:,.0f} MB "
                    f"(more than {MAX_XML_PART_BYTES // MB} MB)",
                    "part size",
                )
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > RATIO_CHECKED_FROM and ratio > MAX_INFLATE_RATIO:
                raise _refuse(
                    f"part {info.filename} inflates {ratio:,.0f} times (more than {MAX_INFLATE_RATIO})", "inflate ratio"
                )
            total += info.file_size
            if total > MAX_XML_TOTAL_BYTES:
                raise _refuse(f"has XML parts over {MAX_XML_TOTAL_BYTES // MB} MB in all", "XML size")
        out = io.BytesIO()
        tags = 0
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as slimmed:
            for info in members:
                if info.is_dir():
                    continue
                data = archive.read(info) if info.filename.lower().endswith(TEXT_PARTS) else b""
                tags += data.count(b"<")
                if tags > MAX_TAGS:
                    raise _refuse(f"holds more than {MAX_TAGS:,} XML tags", "tags")
                slimmed.writestr(info.filename, data)
    return out.getvalue()
