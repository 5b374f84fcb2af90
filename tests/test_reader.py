"""Reading a notice's bytes: size, encodings named for what they are, control characters."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.errors import LoadError
from loaders.reader import bundled_notice, decode, parse_notice, read_file

TEXT = bundled_notice()[1].decode()


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (TEXT.encode("utf-8"), "UTF-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "UTF-8 with BOM"),
        (TEXT.encode("utf-16"), "UTF-16LE"),
        (TEXT.encode("utf-16-be"), "UTF-16BE (no BOM)"),
        (TEXT.encode("utf-16-le"), "UTF-16LE (no BOM)"),
        (TEXT.encode("gb18030"), "GB18030"),
    ],
)
def test_every_encoding_a_notice_comes_in_reads_the_same(raw: bytes, encoding: str) -> None:
    text, label = decode(raw, "n.txt")
    assert (text, label) == (TEXT, encoding)
    assert parse_notice(raw, "n.txt").encoding == encoding


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "n.txt: the file is empty"),
        (b" \n\t\n", "n.txt: the file is empty"),
        (b"%PDF-1.7\n%\xe2\xe3", "n.txt: this is a PDF document, not notice text"),
        (b"PK\x03\x04\x14\x00", "n.txt: this is a ZIP archive (a .docx Word file is one), not notice text"),
        (bytes(range(256)) * 4, "n.txt: this is a binary file, not notice text"),
        ("一、活动主题\n\n增强质量\x00意识\n".encode(), "n.txt: line 3, column 5 holds the control character U+0000"),
        ("一、活动主题\n\x1b[31m红\n".encode(), "n.txt: line 2, column 1 holds the control character U+001B"),
        (b"abc \x80\x80\xff\n", "n.txt: line 1 is neither UTF-8 nor GB18030 text (byte 4)"),
    ],
)
def test_what_is_not_notice_text_is_refused_naming_the_line(raw: bytes, message: str) -> None:
    with pytest.raises(LoadError) as caught:
        decode(raw, "n.txt")
    assert caught.value.message.startswith(message)


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"a\n" * 600_000)
    with pytest.raises(LoadError, match=r"big.txt: 1.1 MB is over the 1 MB limit for one notice \(QGRAPH_MAX_FILE_MB\)"):
        read_file(big, max_bytes=1024 * 1024)
    with pytest.raises(LoadError, match="is over the 1 MB limit"):
        decode(big.read_bytes(), "big.txt", max_bytes=1024 * 1024)


def test_a_directory_is_not_a_notice(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="is a directory"):
        read_file(tmp_path)


def test_parse_counts_the_lines_the_unplaced_share_is_taken_of() -> None:
    data = parse_notice(TEXT.encode(), "n.txt")
    assert data.line_count == sum(1 for line in TEXT.splitlines() if line.strip())


def test_far_more_lines_than_a_notice_holds_is_refused_before_parsing() -> None:
    with pytest.raises(LoadError, match=r"n.txt: 60001 lines is more than one notice holds \(at most 50000\)"):
        decode(b"a\n" * 60_000, "n.txt")


def test_an_extracted_document_is_held_to_the_same_line_bound() -> None:
    page = "<html><body>" + "<p>一行</p>" * 60_000 + "</body></html>"
    with pytest.raises(LoadError, match="lines is more than one notice holds"):
        parse_notice(page.encode(), "page.html")
