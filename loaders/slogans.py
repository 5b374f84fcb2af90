"""Slogans written inline in a local notice's body rather than in an annex.

Example: "活动期间，各单位统一使用“质量强市 成都先行”“品质成都 共建共享”等宣传口号" gives two.
"""

from __future__ import annotations

import re

from loaders.notice_parts import Item, Span

# A run of quoted slogans before 等(宣传)口号.
INLINE_SLOGANS = re.compile(r"((?:“[^“”。，]{4,24}”、?){1,12})等?(?:宣传|活动)?口号")
QUOTED = re.compile(r"“([^“”]+)”")
# A slogan line's dash: "——坚持质量第一 建设质量强省"
DASH = "——"


def inline_slogans(items: list[Item]) -> list[tuple[int, Span]]:
    """Slogans quoted in the body's items, numbered in order of appearance."""
    out: list[tuple[int, Span]] = []
    for item in items:
        for run in INLINE_SLOGANS.finditer(item.span.text):
            for q in QUOTED.finditer(run.group(1)):
                start = item.span.start + run.start(1) + q.start(1)
                out.append((len(out) + 1, Span(start, start + len(q.group(1)), q.group(1))))
    return out
