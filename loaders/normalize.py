"""Repair PDF-extracted notice text, keeping a map from every character back to the source.

Only deletions and one-for-one substitutions are made, so each normalized character keeps
the offset of the original character it came from; provenance spans point into the
normalized text and map back to original line numbers through :class:`Normalized`.
"""

from __future__ import annotations

import bisect
import re
from array import array
from dataclasses import dataclass

from loaders import layout

# A line that starts a new element and must never be glued to the line before it.
# Examples: "二、活动内容", "（三）深入实施…", "附件 1", "- 1.大力…", "主送:各省…", "口号："
STRUCTURE_START = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|附件|- |\d+[.、．]|主送|抄送|主题|口号"
    r"|联\s*系|电\s*话|电\s*子|邮\s*箱|传\s*真|\(此件|（此件|\d{4}年\d{1,2}月\d{1,2}日$)"
)
# A signature line: several organ names separated by spaces. Example: "市场监管总局 中央宣传部"
ORGAN = r"[\u4e00-\u9fff]{2,20}[部委局署院厅会社联]"
SIGNATURE_LINE = re.compile(rf"^{ORGAN}(?:[ \t\u3000]+{ORGAN})+$")
# A labelled line ("联 系 人：…", "电话：…") is a field of its own, never prose cut by a page.
LABEL_LINE = re.compile(r"^[^，。、；：:]{1,8}[：:]\S")
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
# Full-width digits and Latin letters (typeset notices use them) read as ASCII, one for one.
# Example: "２０２３年" → "2023年", "ＱＣ小组" → "QC小组".
FULL_WIDTH_ALNUM = str.maketrans(
    {chr(0xFF10 + i): str(i) for i in range(10)}
    | {chr(0xFF21 + i): chr(0x41 + i) for i in range(26)}
    | {chr(0xFF41 + i): chr(0x61 + i) for i in range(26)}
)
ASCII_PUNCT_NEAR_CJK = re.compile(rf"(?<=[{CJK}”“》）])[,;:()!?]|[,;:()!?](?=[{CJK}“《（])")
# A full stop typed as "." after Chinese text (not "1." numbering, not "samr.gov.cn").
# Example: "…联合开展全国质量月活动.现就…" → "…活动。现就…"
ASCII_STOP_AFTER_CJK = re.compile(rf"(?<=[{CJK}”）》])\.")
CJK_CHAR = re.compile(rf"[{CJK}]")


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
    offsets: array[int]  # compact: 8 bytes a character, not a Python int object each
    line_starts: tuple[int, ...]
    repairs: tuple[Repair, ...]

    def line_of(self, position: int) -> int:
        """1-based original line number of a normalized position."""
        if not self.offsets:
            return 1
        original = self.offsets[min(max(position, 0), len(self.offsets) - 1)]
        return bisect.bisect_right(self.line_starts, original)

    def column_of(self, position: int) -> int:
        """1-based column (in characters) in the original line of a normalized position."""
        if not self.offsets:
            return 1
        original = self.offsets[min(max(position, 0), len(self.offsets) - 1)]
        return original - self.line_starts[self.line_of(position) - 1] + 1


def _apply(text: str, offsets: array[int], edits: list[tuple[int, int, str]]) -> tuple[str, array[int]]:
    """Apply non-overlapping edits (start, end, replacement) that delete or substitute 1:1."""
    if not edits:
        return text, offsets
    out: list[str] = []
    out_offsets: array[int] = array("q")
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
    """Join prose lines that a page break split (``开展危`` + blank lines + ``害食品药品``).

    One pass over the lines (linear time): a line, then one or more blank or artifact lines
    (page numbers such as "— 3 —"), then a line that continues it; the gap is deleted.
    """
    edits: list[tuple[int, int, str]] = []
    repairs: list[Repair] = []
    before: tuple[int, int, str] | None = None  # (line number, end offset, text) of the last text line
    blanks = 0
    pos = 0
    for number, line in enumerate(text.split("\n"), start=1):
        start, pos = pos, pos + len(line) + 1
        if not line.strip(" \t") or layout.ARTIFACT.match(line.strip()):
            blanks += 1  # a page number or "……" between the halves is part of the gap
            continue
        if before is not None and blanks >= 1 and _continues(before[2], line):
            stripped = before[2].rstrip()
            edits.append((before[1] - (len(before[2]) - len(stripped)), start, ""))
            repairs.append(Repair(before[0], stripped[-6:], line.strip()[:6]))
        before, blanks = (number, start + len(line), line), 0
    return edits, repairs


def _continues(before: str, after: str) -> bool:
    """Whether ``after`` (the next text line past blank lines) continues ``before``'s prose."""
    stripped = before.rstrip()
    if not stripped or stripped[-1] in SENTENCE_END:
        return False
    if LABEL_LINE.match(stripped) and not ITEM_MARKER.match(stripped):
        return False
    body = ITEM_MARKER.sub("", stripped)
    is_prose = PROSE_MARK.search(body) is not None or len(body) >= PROSE_MIN_LENGTH
    after = after.strip()
    complete = (
        layout.TITLE,
        layout.SECTION_HEADING,
        layout.PRINTED,
        layout.KEYWORDS,
        layout.DOC_NUMBER,
        SIGNATURE_LINE,
    )
    if not is_prose or any(p.match(stripped) for p in complete):
        return False
    if layout.SECTION_HEADING.match(after):
        return False
    heads = (layout.DOC_NUMBER, layout.SALUTATION, layout.ANNEX_HEADING, layout.DATE_LINE, SIGNATURE_LINE)
    return not STRUCTURE_START.match(after) and not any(p.match(after) for p in heads)


def _quote_edits(text: str) -> list[tuple[int, int, str]]:
    """Straight quotes around Chinese words, paired within a line: '"质量月"' → '“质量月”'."""
    edits: list[tuple[int, int, str]] = []
    pos = 0
    for line in text.split("\n"):
        if '"' in line and line.count('"') % 2 == 0 and CJK_CHAR.search(line):
            marks = [i for i, ch in enumerate(line) if ch == '"']
            for n, i in enumerate(marks):
                edits.append((pos + i, pos + i + 1, "“" if n % 2 == 0 else "”"))
        pos += len(line) + 1
    return edits


def _newline_starts(raw: str, lone_cr: bool) -> list[int]:
    """Offsets where each line of ``raw`` starts (a lone CR ends a line too when asked)."""
    pattern = r"\r\n|\r|\n" if lone_cr else r"\n"
    return [0, *(m.end() for m in re.finditer(pattern, raw))]


def normalize(raw: str) -> Normalized:
    """Repair page breaks, unify punctuation and digit width, close spaces around digits.

    Linear in the input: every step is one pass or one regular expression without
    backtracking over unbounded runs.
    """
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    if len(text) == len(raw):
        offsets = array("q", range(len(text)))
        line_starts = _newline_starts(raw, lone_cr=False)
    else:  # CRLF or BOM: map each kept character back to the raw text
        kept = re.finditer(r"\r\n|[^\r\ufeff]|\r", raw)
        offsets = array("q", (m.end() - 1 if m.group() == "\r\n" else m.start() for m in kept))
        line_starts = _newline_starts(raw, lone_cr=True)
    text = text.translate(FULL_WIDTH_ALNUM)
    edits, repairs = _page_break_edits(text)
    text, offsets = _apply(text, offsets, edits)
    text, offsets = _apply(text, offsets, [(m.start(), m.end(), "") for m in LOOSE_SPACE.finditer(text)])
    text, offsets = _apply(
        text,
        offsets,
        [(m.start(), m.end(), HALF_TO_FULL[m.group()]) for m in ASCII_PUNCT_NEAR_CJK.finditer(text)]
        + [(m.start(), m.end(), "。") for m in ASCII_STOP_AFTER_CJK.finditer(text)]
        + _quote_edits(text),
    )
    return Normalized(text, offsets, tuple(line_starts), tuple(repairs))
