"""Untrusted notice files are read in a bounded child process.

Each crafted hostile file (built in the test, tests/hostile_files.py) is refused with a message
naming the file kind and the limit met, or loads, within the default limits (1024 MB, 30 s),
with this process's peak memory under 1.5 GB; the normal notice in every format loads into
the same graph through the bounded reader; the service's reload uses the same reader.
"""

from __future__ import annotations

import resource
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph_api.app import create_app
from graph_api.settings import Settings
from graph_api.store.falkordb_store import FalkorDBStore
from loaders.bounded import ReadLimits, parse_bounded, read_bounded, read_in_child
from loaders.errors import LoadError
from loaders.formats import reason
from loaders.reader import build_notice, bundled_notice, parse_notice
from loaders.records import GraphData
from tests.conftest import reset
from tests.fixtures_formats import as_docx, as_html, as_pdf
from tests.hostile_files import CASES, HIDDEN, docx_huge_image, html_hidden_text, pdf_stream_bomb

DEFAULTS = ReadLimits()  # QGRAPH_PARSE_MEMORY_MB=1024, QGRAPH_PARSE_TIMEOUT=30
MAX_FILE = 20 * 1024 * 1024
PARENT_PEAK_MB = 1536
RAW = bundled_notice()[1]
TEXT = RAW.decode()
# What must never reach a person loading a file.
INTERNALS = ("recursion", "set_int_max_str_digits", "xmlCtxt", "Traceback", "MemoryError", "OCR")


def _graph(data: GraphData) -> tuple[Any, ...]:
    nodes = sorted((n.id, n.props.get("title") or n.props.get("name") or n.props.get("text")) for n in data.nodes)
    edges = sorted((e.source, e.type, e.target, str(e.props.get("role"))) for e in data.edges)
    return nodes, edges, data.unplaced


@pytest.fixture(scope="module")
def text_graph() -> tuple[Any, ...]:
    return _graph(parse_notice(RAW, "quality-month-2023.txt"))


def _parent_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.mark.parametrize(("case", "build", "refusal"), CASES, ids=[case for case, _, _ in CASES])
def test_a_hostile_file_is_refused_or_read_within_the_limits(case: str, build: Any, refusal: str | None) -> None:
    reading = read_in_child(build(), "hostile", MAX_FILE, DEFAULTS)
    assert reading.seconds < DEFAULTS.seconds
    assert _parent_peak_mb() < PARENT_PEAK_MB
    assert reading.child_peak_mb is not None and reading.child_peak_mb < DEFAULTS.memory_mb
    if refusal is None:
        assert reading.error is None and reading.text is not None
        return
    assert reading.error is not None, case
    message = reading.error.message
    assert refusal in message and message.startswith("hostile: ")
    assert reading.error.details["kind"] == case.split(":")[0]
    assert not [word for word in INTERNALS if word in message]


def test_a_word_file_s_2_gb_image_is_never_inflated_and_the_notice_loads(text_graph: tuple[Any, ...]) -> None:
    data = parse_bounded(docx_huge_image(), "image.docx", MAX_FILE, DEFAULTS)
    assert data.encoding == "DOCX" and _graph(data) == text_graph


def test_only_the_visible_text_of_a_web_page_is_read(text_graph: tuple[Any, ...]) -> None:
    read = read_bounded(html_hidden_text(), "hidden.html", MAX_FILE, DEFAULTS)
    assert HIDDEN not in read.text
    assert _graph(build_notice(read, "hidden.html")) == text_graph


@pytest.mark.parametrize(
    ("maker", "encoding"), [(as_html, "HTML"), (as_docx, "DOCX"), (as_pdf, "PDF"), (lambda t: t.encode(), "UTF-8")]
)
def test_the_notice_in_every_format_reads_into_the_same_graph_in_the_child(
    maker: Any, encoding: str, text_graph: tuple[Any, ...]
) -> None:
    data = parse_bounded(maker(TEXT), f"notice.{encoding.lower()}", MAX_FILE, DEFAULTS)
    assert data.encoding == encoding and _graph(data) == text_graph


def test_a_reader_over_its_memory_limit_is_refused_naming_the_setting() -> None:
    # The budgets refuse every crafted bomb before the limit; here the limit is below what
    # the PDF reader needs to start, so the child meets it.
    with pytest.raises(LoadError) as info:
        read_bounded(as_pdf(TEXT), "n.pdf", MAX_FILE, ReadLimits(memory_mb=64))
    assert info.value.message == "n.pdf: the PDF file needed more than 64 MB to read (QGRAPH_PARSE_MEMORY_MB)"
    assert info.value.details == {"source": "n.pdf", "kind": "PDF", "limit": "QGRAPH_PARSE_MEMORY_MB"}


def test_a_reader_over_its_time_limit_is_refused_naming_the_setting() -> None:
    reading = read_in_child(as_pdf(TEXT), "n.pdf", MAX_FILE, ReadLimits(seconds=0.05))
    assert reading.error is not None
    assert reading.error.message == "n.pdf: the PDF file took longer than 0.05 s to read (QGRAPH_PARSE_TIMEOUT)"
    assert reading.seconds < 0.05 + 2.5  # the child's own alarm, else the parent's kill


def test_library_internals_become_a_reader_s_words() -> None:
    digits = ValueError("Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits()")
    assert reason(digits) == "it holds a number thousands of digits long"
    assert reason(RecursionError("maximum recursion depth exceeded")) == "its objects are nested deeper than a reader follows"
    amplified = ValueError("Maximum entity amplification factor exceeded, see xmlCtxtSetMaxAmplification")
    assert reason(amplified) == "its markup expands far beyond its size"
    assert reason(KeyError("There is no item named 'word/document.xml' in the archive")).startswith('"There is no item')


@pytest.mark.parametrize(("raw", "kind"), [(b"<html><body><p hidden>x</p></body></html>", "HTML"), (as_docx(""), "DOCX")])
def test_ocr_is_suggested_only_for_a_pdf(raw: bytes, kind: str) -> None:
    with pytest.raises(LoadError) as info:
        parse_notice(raw, "empty")
    assert info.value.message == f"empty: this {kind} file holds no text"


def test_a_reload_reads_the_body_in_the_bounded_child_and_keeps_the_graph(
    falkor: FalkorDBStore, notice: GraphData, settings: Settings
) -> None:
    reset(falkor, notice)
    auth = {"authorization": "Bearer s3cret"}
    with TestClient(create_app(settings.with_(admin_token="s3cret"), store=falkor)) as client:
        before = client.post("/graphql", json={"query": "{ stats { nodes edges } }"}).json()
        bomb = client.post("/admin/reload", headers=auth, content=pdf_stream_bomb())
        assert bomb.status_code == 400 and bomb.json()["code"] == "BAD_INPUT"
        assert bomb.json()["error"] == (
            "request body: this PDF file has a stream that inflates to more than 64 MB; a notice's PDF holds far less"
        )
        assert bomb.json()["kind"] == "PDF" and bomb.json()["limit"] == "stream size"
        assert client.get("/health").json() == {"status": "ok"}
        assert client.post("/graphql", json={"query": "{ stats { nodes edges } }"}).json() == before
    assert _parent_peak_mb() < PARENT_PEAK_MB
