"""Hostile inputs: the loader finishes in linear time and bounded memory, or refuses clearly.

Each input is generated; the assertion is on the result (it completes, with exact counts, or
is refused naming the line), not on wall time. A quadratic step would make these tests run
for minutes; the timeout guard in the test names a 20 s budget so a regression fails loudly.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from loaders.errors import LoadError
from loaders.normalize import normalize
from loaders.notice import build_graph

HEAD = (
    "市场监管总局等25个部门定于2023年9月联合开展全国“质量月”活动。\n\n一、活动主题\n\n增强质量意识\n\n"
    "三、重点安排\n\n（一）开展执法打假系列活动。覆盖10类产品。\n\n附件 1\n\n联合主办单位开展的主要活动\n\n"
)


@contextmanager
def budget(seconds: int) -> Iterator[None]:
    """Fail the test (instead of hanging the suite) if the block runs longer than ``seconds``."""

    def expired(signum: int, frame: object) -> None:
        raise TimeoutError(f"took longer than {seconds} s: not linear")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_ten_megabytes_on_one_line_normalize_without_backtracking() -> None:
    text = "质量" * 5_000_000
    with budget(20):
        doc = normalize(text)
    assert len(doc.text) == 10_000_000 and doc.repairs == ()


def test_one_huge_annex_item_with_many_clauses_completes() -> None:
    text = HEAD + "一、市场监管总局开展" + "质量活动，提升质量，" * 100_000 + "。\n"
    with budget(20):
        data = build_graph(text)
    assert data.counts()["Activity"] == 1


def test_many_sentences_and_arrangement_links_stay_linear() -> None:
    text = HEAD + "一、公安部" + "侦破一批大案要案。" * 20_000 + "\n"
    with budget(20):
        data = build_graph(text)
    assert data.counts()["Activity"] == 20_000
    assert sum(1 for e in data.edges if e.type == "IMPLEMENTS") == 20_000


def test_a_long_enumeration_before_a_count_is_read_backwards_in_a_window() -> None:
    text = HEAD + "一、交通运输部围绕" + "甲乙、" * 200_000 + "等10类产品，开展质量监督抽查。\n"
    with budget(20):
        data = build_graph(text)
    products = [n for n in data.nodes if n.label == "ProductCategory"]
    assert [p.props["name"] for p in products] == ["10类产品"] and products[0].props["examples"] == []


def test_a_hundred_thousand_lines_of_items_and_noise_complete() -> None:
    lines = "".join(f"{n}.市场监管总局开展质量活动{n}。\n" + "无结构的一行字\n" * 99 for n in range(1, 1000))
    with budget(30):
        data = build_graph(HEAD + lines)
    assert data.counts()["Activity"] == 999
    assert len(data.unplaced) == 999 * 99


def test_many_blank_line_gaps_are_repaired_in_one_pass() -> None:
    text = "开展质量提升行动，推动" + "\n\n质量提升行动，推动" * 200_000
    with budget(20):
        doc = normalize(text)
    assert len(doc.repairs) == 200_000 and "\n" not in doc.text


@pytest.mark.parametrize(
    ("second", "line", "what"),
    [
        ("一、活动主题\n\n质量第一\n", 17, "section 活动主题 again"),
        ("附件 1\n\n又一份\n", 17, "an annex number again"),
        ("关于开展2024年全国“质量月”活动的通知\n", 17, "a title"),
    ],
)
def test_a_second_notice_in_one_file_is_refused_naming_its_line(second: str, line: int, what: str) -> None:
    text = HEAD + "一、市场监管总局开展质量活动。\n\n" + second
    with pytest.raises(LoadError, match=f"line {line}: a second notice starts here \\({what}") as info:
        build_graph(text)
    assert info.value.details["line"] == line
