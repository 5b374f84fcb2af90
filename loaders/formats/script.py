"""Traditional script read as simplified (OpenCC), one character for one, original kept.

A notice in traditional script ("國家市場監督管理總局") is converted so names, types and search
match the simplified lexicon; the conversion keeps every character's position, so provenance
offsets, lines and columns point into the original text, which is kept beside.
"""

from __future__ import annotations

from functools import lru_cache

import opencc

# Characters whose simplified form differs, common in any notice: one of them is enough to
# try the conversion. Examples: 國 質 會 動 監 開 發 區 廠 標 準 關 於 與 產 業 應 檢 驗
TRADITIONAL_MARKS = frozenset("國質會動監開發區廠標準關於與產業應檢驗們這總員機構體務經濟辦")
# Share of characters the conversion changes above which the text is read as traditional.
MIN_CHANGED_SHARE = 0.01


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _convert_line(line: str) -> str:
    converted: str = _converter().convert(line)
    if len(converted) == len(line):
        return converted
    # A phrase conversion changed the length: convert character by character instead.
    return "".join(ch if len(c := _converter().convert(ch)) != 1 else c for ch in line)


def to_simplified(text: str) -> tuple[str, str | None]:
    """(text to read, original or None): converted only when the text is traditional script."""
    sample = text[:20000]
    if not any(ch in TRADITIONAL_MARKS for ch in sample):
        return text, None
    converted = "\n".join(_convert_line(line) for line in text.split("\n"))
    changed = sum(1 for a, b in zip(text, converted, strict=True) if a != b)
    if changed < MIN_CHANGED_SHARE * sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff"):
        return text, None
    return converted, text
