"""Read a notice file: size, encoding and characters checked before any parsing.

Every refusal is a :class:`LoadError` that names the file and, where there is one, the line.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

from loaders import formats
from loaders.errors import LoadError
from loaders.formats.script import to_simplified
from loaders.notice import build_graph
from loaders.records import GraphData

BUNDLED = "quality-month-2023.txt"
DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # a notice is ~30 KB as text, a few MB as PDF
# A notice has a few hundred lines (the 2023 one 251); far more is not one notice, and
# refusing it before parsing keeps a load's memory bounded whatever the bytes hold.
MAX_LINES = 50_000

# Characters no notice text holds: C0 controls other than tab, newline, carriage return and
# form feed (PDF extractors emit \f at page breaks), DEL, and lone UTF-16 surrogates.
# e.g. "市场监管总局\x00" (a NUL from a broken conversion) is refused with its line number.
FORBIDDEN_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\ud800-\udfff]")
# Byte signatures of document formats that are not plain text.
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (a .docx Word file is one)"),
    (b"\xd0\xcf\x11\xe0", "an old-style Office document (.doc)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
)
# (BOM, codec, name shown to people); UTF-32 before UTF-16: its LE BOM starts with FF FE.
BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32LE"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32BE"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8 with BOM"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16BE"),
)
# Share of NUL bytes on one parity of the first KBs that marks UTF-16 without a BOM
# (ASCII digits, newlines and punctuation are 00-padded there).
UTF16_NUL_SHARE = 0.05
UTF16_WITHOUT_BOM = {"utf-16-le": "UTF-16LE (no BOM)", "utf-16-be": "UTF-16BE (no BOM)"}
UTF16_PLAUSIBLE = 0.9  # share of plausible characters that settles the byte order
# What a Chinese notice is made of: ASCII, CJK ideographs, CJK and full-width punctuation.
PLAUSIBLE_CHARS = re.compile("[\t\n\r\x20-\x7e\u2000-\u206f\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
SNIFF_BYTES = 4096
# Control characters in the first KBs beyond which a file is called binary, not text with a
# stray control character (which is refused with its line and column instead).
BINARY_MIN_CONTROLS, BINARY_CONTROL_SHARE = 3, 0.01


def bundled_notice() -> tuple[str, bytes]:
    """The notice shipped inside the package: (name, bytes)."""
    data = resources.files("loaders") / "data" / BUNDLED
    return BUNDLED, data.read_bytes()


def read_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, bytes]:
    """(name, bytes) of a file, refused by its size before it is read."""
    name = str(path)
    try:
        size = Path(path).stat().st_size
        if size > max_bytes:
            raise LoadError(_too_large(name, size, max_bytes), source=name)
        raw = Path(path).read_bytes()
    except IsADirectoryError:
        raise LoadError(f"{name}: is a directory, not a notice file", source=name) from None
    except OSError as exc:
        raise LoadError(f"{name}: cannot read: {exc.strerror or exc}", source=name) from None
    return name, raw


def _too_large(name: str, size: int, max_bytes: int) -> str:
    return (
        f"{name}: {size / 1048576:.1f} MB is over the {max_bytes / 1048576:g} MB limit for one notice "
        "(QGRAPH_MAX_FILE_MB)"
    )


def detect_encoding(raw: bytes, name: str) -> tuple[str, str]:
    """(codec, name shown to people) of a notice's bytes, or a LoadError naming what it is."""
    for bom, codec, label in BOMS:
        if raw.startswith(bom):
            return codec, label
    for signature, what in BINARY_SIGNATURES:
        if raw.startswith(signature):
            raise LoadError(f"{name}: this is {what}, not notice text", source=name, line=1)
    head = raw[:SNIFF_BYTES]
    if head.count(0) > UTF16_NUL_SHARE * len(head) / 2:
        plausible = {codec: _plausibility(raw, codec) for codec in UTF16_WITHOUT_BOM}
        codec = max(plausible, key=plausible.__getitem__)
        if plausible[codec] >= UTF16_PLAUSIBLE:
            return codec, UTF16_WITHOUT_BOM[codec]
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    else:
        return "utf-8", "UTF-8"  # a stray NUL in UTF-8 text is refused later, with its line
    if head.count(0):
        raise LoadError(f"{name}: this is a binary file, not notice text", source=name, line=1)
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        line = raw.count(b"\n", 0, utf8_error.start) + 1
        raise LoadError(
            f"{name}: line {line} is neither UTF-8 nor GB18030 text (byte {utf8_error.start})",
            source=name,
            line=line,
        ) from None
    if not re.search("[\u4e00-\u9fff]", text):
        raise LoadError(f"{name}: not text in an encoding a notice comes in (UTF-8, UTF-16, GB18030)", source=name)
    return "gb18030", "GB18030"


def _plausibility(raw: bytes, codec: str) -> float:
    """Share of the decoded head that is ASCII, CJK or CJK punctuation (0 when it fails).

    The wrong byte order of UTF-16 still decodes, but turns newlines and digits into
    characters of unrelated scripts, so the right order scores near 1 and the wrong one not.
    """
    try:
        text = raw[: SNIFF_BYTES * 2].decode(codec, errors="strict" if len(raw) % 2 == 0 else "ignore")
    except UnicodeDecodeError:
        return 0.0
    if not text or FORBIDDEN_CHARS.search(text):
        return 0.0
    return len(PLAUSIBLE_CHARS.findall(text)) / len(text)


def decode(raw: bytes, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, str]:
    """(text, encoding name) of a notice's bytes after every check, or a LoadError."""
    if len(raw) > max_bytes:
        raise LoadError(_too_large(name, len(raw), max_bytes), source=name)
    if not raw.strip():
        raise LoadError(f"{name}: the file is empty", source=name, line=1)
    codec, label = detect_encoding(raw, name)
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise LoadError(f"{name}: line {line} is not valid {label}", source=name, line=line) from None
    text = text.removeprefix("\ufeff")
    controls = len(FORBIDDEN_CHARS.findall(text, 0, SNIFF_BYTES))
    if controls >= BINARY_MIN_CONTROLS and controls > BINARY_CONTROL_SHARE * min(len(text), SNIFF_BYTES):
        raise LoadError(f"{name}: this is a binary file, not notice text", source=name, line=1)
    bad = FORBIDDEN_CHARS.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        raise LoadError(
            f"{name}: line {line}, column {column} holds the control character U+{ord(bad.group()):04X}; "
            "a notice is plain text",
            source=name,
            line=line,
        )
    if not text.strip():
        raise LoadError(f"{name}: the file holds only white space", source=name, line=1)
    check_line_count(text, name)
    return text, label


def check_line_count(text: str, name: str) -> None:
    """Refuse a text with far more lines than one notice holds (keeps parsing memory bounded)."""
    lines = text.count("\n") + 1
    if lines > MAX_LINES:
        raise LoadError(
            f"{name}: {lines} lines is more than one notice holds (at most {MAX_LINES}); load one notice per file",
            source=name,
            line=MAX_LINES + 1,
        )


@dataclass(frozen=True)
class NoticeText:
    """A notice file read to text: the text to parse, the original when it was converted
    (traditional script), and what the file was ("UTF-8", "PDF", "GB18030, traditional …")."""

    text: str
    original: str | None
    encoding: str


def read_text(raw: bytes, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> NoticeText:
    """The text of a notice's bytes, whatever the format, after every check; or a LoadError.

    This is the part that reads untrusted formats: :mod:`loaders.bounded` runs it in a child
    process with a memory and a time limit."""
    if len(raw) > max_bytes:
        raise LoadError(_too_large(name, len(raw), max_bytes), source=name)
    extracted = formats.extract(raw, name)  # a web page, Word file or PDF: its text
    if extracted:  # what a document format carries is checked by its extractor, but for length
        check_line_count(extracted.text, name)
    text, encoding = (extracted.text, extracted.format) if extracted else decode(raw, name, max_bytes)
    text, original = to_simplified(text)  # traditional script: read simplified, keep the original
    if original is not None:
        encoding += ", traditional script read as simplified (OpenCC t2s)"
    return NoticeText(text, original, encoding)


def build_notice(read: NoticeText, name: str) -> GraphData:
    """Graph records of a notice's text (``name`` is shown in errors and provenance)."""
    try:
        data = build_graph(read.text, Path(name).name, read.original)
    except LoadError as exc:
        raise exc.named(name) from None
    lines = sum(1 for line in read.text.splitlines() if line.strip())
    return replace(data, line_count=lines, encoding=read.encoding)


def parse_notice(raw: bytes, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> GraphData:
    """Graph records of one notice's bytes, read in this process (trusted or test input;
    the service reads untrusted files with :func:`loaders.bounded.parse_bounded`)."""
    return build_notice(read_text(raw, name, max_bytes), name)


def read_notice(path: Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> GraphData:
    """Parse a notice file (default: the bundled 2023 notice) into graph records."""
    name, raw = bundled_notice() if path is None else read_file(path, max_bytes)
    return parse_notice(raw, name, max_bytes)
