"""The bundled notice as a web page, a Word file, a PDF, in GB18030 and in traditional script
loads into the same graph as the text file (fixtures generated from the text by the test)."""

from __future__ import annotations

from typing import Any

import pytest

from loaders import formats
from loaders.errors import LoadError
from loaders.formats.html import html_text
from loaders.reader import bundled_notice, parse_notice
from loaders.records import GraphData
from tests.fixtures_formats import as_docx, as_html, as_pdf, as_traditional

RAW = bundled_notice()[1]
TEXT = RAW.decode()


def _graph(data: GraphData) -> tuple[Any, ...]:
    nodes = sorted((n.id, n.props.get("title") or n.props.get("name") or n.props.get("text")) for n in data.nodes)
    edges = sorted((e.source, e.type, e.target, str(e.props.get("role"))) for e in data.edges)
    return nodes, edges, data.unplaced


@pytest.fixture(scope="module")
def text_graph() -> tuple[Any, ...]:
    return _graph(parse_notice(RAW, "quality-month-2023.txt"))


@pytest.mark.parametrize(
    ("maker", "suffix", "encoding"),
    [
        (as_html, "html", "HTML"),
        (as_docx, "docx", "DOCX"),
        (as_pdf, "pdf", "PDF"),
        (lambda t: as_pdf(t, page_numbers=True), "pdf-numbered", "PDF"),
        (lambda t: t.encode("gb18030"), "txt", "GB18030"),
    ],
)
def test_every_format_loads_into_the_same_graph(maker, suffix, encoding, text_graph) -> None:  # type: ignore[no-untyped-def]
    data = parse_notice(maker(TEXT), f"notice-without-extension-{suffix}")  # told by content
    assert data.encoding == encoding
    assert _graph(data) == text_graph


def test_traditional_script_reads_as_simplified_and_keeps_the_original(text_graph) -> None:  # type: ignore[no-untyped-def]
    data = parse_notice(as_traditional(TEXT).encode(), "traditional.txt")
    assert _graph(data) == text_graph
    assert data.encoding == "UTF-8, traditional script read as simplified (OpenCC t2s)"
    act = next(n for n in data.nodes if n.id == "activity:2023:附件1/十一/3")
    assert act.props["src_text"].startswith("围绕道路运输车辆")
    assert act.props["src_original"].startswith("圍繞道路運輸車輛")
    assert (act.props["src_line"], act.props["src_column"]) == (106, 58)


def test_web_page_chrome_is_dropped() -> None:
    text = html_text(as_html(TEXT))
    assert "当前位置" not in text and "版权所有" not in text and "分享到" not in text and "统计代码" not in text
    assert text.startswith("署，深入推动全民质量行动")


def test_a_page_declaring_gb2312_but_sent_as_utf8_reads_right() -> None:
    page = as_html(TEXT).decode("gb18030").encode("utf-8")  # the meta still says gb2312
    assert html_text(page).startswith("署，深入推动全民质量行动")


def test_a_pdf_without_a_text_layer_is_refused_in_one_line() -> None:
    import io

    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    pdf.rect(100, 100, 200, 200)  # a scan is an image: no text to read
    pdf.save()
    with pytest.raises(LoadError, match=r"scan\.pdf: this PDF file holds no text \(a scanned image needs OCR first\)"):
        parse_notice(out.getvalue(), "scan.pdf")


def test_formats_are_told_by_content_not_name() -> None:
    assert formats.sniff(as_pdf("一、活动主题\n")) == "PDF"
    assert formats.sniff(as_docx("一、活动主题\n")) == "DOCX"
    assert formats.sniff(as_html("一、活动主题\n")) == "HTML"
    assert formats.sniff(RAW) is None


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"%PDF-1.4\n%broken\n", "cannot read this PDF file"),
        (b"PK\x03\x04broken", "is a ZIP archive"),
        (b"<html><body><script>x</script></body></html>", "this HTML file holds no text"),
    ],
)
def test_damaged_files_get_one_clear_error_line(raw: bytes, message: str) -> None:
    with pytest.raises(LoadError, match=message) as info:
        parse_notice(raw, "bad")
    assert "\n" not in info.value.message and info.value.message.startswith("bad: ")


def _auto_numbered_docx(fmt: str, text: str) -> bytes:
    """A Word file whose annex items are numbered by Word's list numbering, not typed."""
    import io

    import docx

    document = docx.Document()
    for line in ("一、活动主题", "质量第一", "附件1", "2024年全国“质量月”联合主办单位开展的主要活动"):
        document.add_paragraph(line)
    for item in ("市场监管总局举办质量大会。", "中央宣传部开展质量宣传活动。"):
        document.add_paragraph(item, style="List Number")
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for lvl in document.part.numbering_part.element.iter(f"{w}lvl"):  # every list: the given format
        lvl.find(f"{w}numFmt").set(f"{w}val", fmt)
        lvl.find(f"{w}lvlText").set(f"{w}val", text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize(("fmt", "text", "marker"), [("decimal", "%1.", "2."), ("chineseCounting", "%1、", "二、")])
def test_word_list_numbering_is_read_as_typed_numbers(fmt: str, text: str, marker: str) -> None:
    data = parse_notice(_auto_numbered_docx(fmt, text), "auto.docx")
    acts = {n.id: n.props["src_text"] for n in data.nodes if n.label == "Activity"}
    assert acts == {
        "activity:2024:附件1/一/1": "市场监管总局举办质量大会。",
        "activity:2024:附件1/二/1": "中央宣传部开展质量宣传活动。",
    }
    assert data.unplaced == ()
