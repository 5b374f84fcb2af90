"""Slogans quoted inline in a local notice's body."""

from __future__ import annotations

from loaders.notice_parts import Item, Span
from loaders.slogans import inline_slogans


def test_quoted_slogans_before_koudao_are_read_in_order() -> None:
    text = "（一）营造氛围。活动期间，各单位统一使用“质量强市 成都先行”“品质成都 共建共享”等宣传口号。"
    [first, second] = inline_slogans([Item("四/（一）", 1, "营造氛围", Span(10, 10 + len(text), text))])
    assert (first[0], first[1].text, second[0], second[1].text) == (1, "质量强市 成都先行", 2, "品质成都 共建共享")
    assert first[1].start == 10 + text.index("质量强市")


def test_quotes_that_are_no_slogans_are_left_alone() -> None:
    text = "组织开展“质量开放日”活动。"
    assert inline_slogans([Item("四/（一）", 1, "", Span(0, len(text), text))]) == []
