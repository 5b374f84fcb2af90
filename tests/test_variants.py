"""The bundled notice rewritten in other years' layouts loads into the same graph.

Each variant is generated from the bundled text the way other copies of a notice differ: web
copies with half-width punctuation, "（一）" headings on their own line, "1." numbering in the
annexes, a title/文号/salutation above and signature/date/主题词/印发 lines and site chrome
around, slogans without dashes, page numbers between pages; and all of them at once, as a web
page in traditional script.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from loaders.layout import cn_number
from loaders.reader import bundled_notice, parse_notice
from loaders.records import GraphData
from tests.fixtures_formats import as_html, as_traditional

TEXT = bundled_notice()[1].decode()


def _graph(data: GraphData) -> tuple[Any, ...]:
    nodes = sorted(n.id for n in data.nodes)
    edges = sorted((e.source, e.type, e.target, str(e.props.get("role"))) for e in data.edges)
    return nodes, edges, data.unplaced


def half_width(text: str) -> str:
    return text.translate(str.maketrans({"，": ",", "：": ":", "（": "(", "）": ")", "；": ";", "。": "."}))


def headings_on_their_own_line(text: str) -> str:
    return re.sub(r"^(（[一二三四五六七八九十]+）)([^。\n]+)。", r"\1\2\n", text, flags=re.M)


def digits_in_the_annexes(text: str) -> str:
    i = text.index("附件 1\n")
    return text[:i] + re.sub(
        r"^([一二三四五六七八九十]+)、", lambda m: f"{cn_number(m.group(1))}.", text[i:], flags=re.M
    )


def framed(text: str) -> str:
    head = (
        "首页 > 政务公开 > 通知公告\n市场监管总局等部门关于开展2023年全国“质量月”活动的通知\n国市监质发〔2023〕75号\n"
        "各省、自治区、直辖市和新疆生产建设兵团市场监管局（厅、委）：\n\n"
    )
    tail = (
        "\n\n市场监管总局 中央宣传部 最高人民法院\n2023年8月29日\n主题词：质量 活动 通知\n"
        "市场监管总局办公厅 2023年8月30日印发\n【打印本页】【关闭窗口】\n"
    )
    return head + text + tail


def slogans_without_dashes(text: str) -> str:
    return re.sub(r"^- (\d+\.)", r"\1", text, flags=re.M)


def page_numbers(text: str) -> str:
    out: list[str] = []
    for i, line in enumerate(text.split("\n"), start=1):
        out.append(line)
        if i % 40 == 0:
            out += ["", f"— {i // 40} —", ""]
    return "\n".join(out)


VARIANTS: list[Callable[[str], str]] = [
    half_width,
    headings_on_their_own_line,
    digits_in_the_annexes,
    framed,
    slogans_without_dashes,
    page_numbers,
]


@pytest.fixture(scope="module")
def text_graph() -> tuple[Any, ...]:
    return _graph(parse_notice(TEXT.encode(), "quality-month-2023.txt"))


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.__name__)
def test_a_layout_variant_loads_into_the_same_graph(variant: Callable[[str], str], text_graph: tuple[Any, ...]) -> None:
    assert _graph(parse_notice(variant(TEXT).encode(), "variant.txt")) == text_graph


def test_every_variant_at_once_as_a_traditional_web_page(text_graph: tuple[Any, ...]) -> None:
    text = TEXT
    for variant in VARIANTS:
        text = variant(text)
    data = parse_notice(as_html(as_traditional(text)), "variant.html")
    assert data.encoding == "HTML, traditional script read as simplified (OpenCC t2s)"
    assert _graph(data) == text_graph
