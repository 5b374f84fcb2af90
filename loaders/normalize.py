"""Repair PDF-extracted notice text, keeping a map from every character back to the source.

Only deletions and one-for-one substitutions are made, so each normalized character keeps
the offset of the original character it came from; provenance spans point into the
normalized text and map back to original line numbers through :class:`Normalized`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# A line that starts a new element and must never be glued to the line before it.
# Examples: "二、活动内容", "（三）深入实施…", "附件 1", "- 1.大力…", "主送:各省…", "口号："
STRUCTURE_START = re.compile(
    r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|附件|- |\d+\.|主送|抄送|主题|口号"
    r"|联系人|电\s*话|邮\s*箱|\(此件|（此件)"
)
# A line that ends a sentence or a heading: nothing after a blank line continues it.
# Example: "…现就有关事项通知如下：" ends with "：".
SENTENCE_END = "。：:；;！!？?）)"
# Prose has clause punctuation; a title such as "增强质量意识 推进高质量发展" has none.
PROSE_MARK = re.compile(r"[，,。、；;]")
# The numbering in front of an item, which says nothing about whether the line is prose.
# Example: "七、" in "七、吉林省上线吉林省委党校干部网络课堂《质量强国建设".
ITEM_MARKER = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")
# A line this long without clause punctuation is still prose cut by a page, not a heading.
PROSE_MIN_LENGTH = 16
# ASCII punctuation that stands for its full-width form next to Chinese text.
# Example: "…知识竞赛活动,开展企业…" → "…知识竞赛活动，开展企业…"
HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"}
CJK = r"\u3400-\u9fff\uf900-\ufaff"
# White space between a digit or Latin letter and a Chinese character (either order), or
# between two digits' groups and Chinese: "2023 年" → "2023年", "剑网 2023" → "剑网2023",
# "QC 小组" → "QC小组", "覆盖 142 种" → "覆盖142种". Spaces between two Chinese words stay:
# "增强质量意识 推进高质量发展" is two phrases.
LOOSE_SPACE = re.compile(rf"(?<=[0-9A-Za-z])[ \t\u3000]+(?=[{CJK}])|(?<=[{CJK}])[ \t\u3000]+(?=[0-9A-Za-z])")
ASCII_PUNCT_NEAR_CJK = re.compile(rf"(?<=[{CJK}”“》）])[,;:()!?]|[,;:()!?](?=[{CJK}“《（])")


@dataclass(frozen=True)
class Repair:
    """A page-break repair: two fragments joined, and the original line where it happened."""

    line: int
    before: str
    after: str


@dataclass(frozen=True)
class Normalized:
    """Normalized text, the original offset of each of its characters, and the repairs."""

    text: str
    offsets: tuple[int, ...]
    line_starts: tuple[int, ...]
    repairs: tuple[Repair, ...]

    def line_of(self, position: int) -> int:
        """1-based original line number of a normalized position."""
        if not self.offsets:
            return 1
        original = self.offsets[min(max(position, 0), len(self.offsets) - 1)]
        return bisect.bisect_right(self.line_starts, original)


def _apply(text: str, offsets: list[int], edits: list[tuple[int, int, str]]) -> tuple[str, list[int]]:
    """Apply non-overlapping edits (start, end, replacement) that delete or substitute 1:1."""
    out: list[str] = []
    out_offsets: list[int] = []
    cursor = 0
    for start, end, replacement in sorted(edits):
        out.append(text[cursor:start])
        out_offsets.extend(offsets[cursor:start])
        assert len(replacement) in (0, end - start)
        out.append(replacement)
        if replacement:
            out_offsets.extend(offsets[start:end])
        cursor = end
    out.append(text[cursor:])
    out_offsets.extend(offsets[cursor:])
    return "".join(out), out_offsets


def _page_break_edits(text: str) -> tuple[list[tuple[int, int, str]], list[Repair]]:
    """Join prose lines that a page break split (``开展危`` + blank lines + ``害食品药品``)."""
    edits: list[tuple[int, int, str]] = []
    repairs: list[Repair] = []
    for match in re.finditer(r"([^\n]+)((?:[ \t]*\n){2,})(?=([^\n]+))", text):
        before, after = match.group(1), match.group(3)
        stripped = before.rstrip()
        if not stripped or stripped[-1] in SENTENCE_END:
            continue
        body = ITEM_MARKER.sub("", stripped)
        is_prose = PROSE_MARK.search(body) is not None or len(body) >= PROSE_MIN_LENGTH
        if not is_prose or STRUCTURE_START.match(after.lstrip()):
            continue
        gap_start = match.start(2) - (len(before) - len(stripped))
        edits.append((gap_start, match.end(2), ""))
        line = text.count("\n", 0, match.start(1)) + 1
        repairs.append(Repair(line, stripped[-6:], after.strip()[:6]))
    return edits, repairs


def normalize(raw: str) -> Normalized:
    """Repair page breaks, unify punctuation width, close spaces around digits."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    line_starts = [0] + [i + 1 for i, ch in enumerate(raw) if ch == "\n"]
    offsets = list(range(len(text)))
    if len(text) != len(raw):  # CRLF or BOM: rebuild offsets against the raw text

        def lone_cr(i: int) -> bool:
            return raw[i] == "\r" and raw[i + 1 : i + 2] != "\n"

        offsets = [i for i, ch in enumerate(raw) if ch not in "\r\ufeff" or lone_cr(i)]
        line_starts = [0] + [i + 1 for i, ch in enumerate(raw) if ch == "\n" or lone_cr(i)]
    edits, repairs = _page_break_edits(text)
    text, offsets = _apply(text, offsets, edits)
    text, offsets = _apply(
        text, offsets, [(m.start(), m.end(), "") for m in LOOSE_SPACE.finditer(text)]
    )
    text, offsets = _apply(
        text,
        offsets,
        [(m.start(), m.end(), HALF_TO_FULL[m.group()]) for m in ASCII_PUNCT_NEAR_CJK.finditer(text)],
    )
    return Normalized(text, tuple(offsets), tuple(line_starts), tuple(repairs))
