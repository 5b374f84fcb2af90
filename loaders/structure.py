"""The structure of a notice: body sections 一…四 and their items, contact, 附件1–4, 主送/抄送.

Works on normalized text (see :mod:`loaders.normalize`); every piece keeps its span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph_api.errors import LoadError
from loaders.normalize import Normalized

CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

# Body section heading. Example: "三、重点安排"
SECTION_HEADING = re.compile(r"^([一二三四五六七八九十]+)、(\S{2,8})$")
# Body item. Example: "（五）深化重点产品监督抽查。加强产品质量国家监督抽查…"
BODY_ITEM = re.compile(r"^（([一二三四五六七八九十]+)）(.+)$")
# Annex heading. Example: "附件1" (after normalization closes "附件 1")
ANNEX_HEADING = re.compile(r"^附件(\d+)$")
# Annex item. Example: "十一、交通运输部开展工程质量提升行动…"
ANNEX_ITEM = re.compile(r"^([一二三四五六七八九十]+)、(.+)$")
# Slogan. Example: "- 1.大力增强质量意识 加快建设质量强国"
SLOGAN = re.compile(r"^-?\s*(\d+)\.(.+)$")
# Distribution. Example: "主送：各省、自治区…" / "抄送：国家药监局，有关联合会、协会。"
RECIPIENTS = re.compile(r"^主送[：:](.+)$")
COPIED_TO = re.compile(r"^抄送[：:](.+)$")
# Contact block. Examples: "联系人：市场监管总局质量发展局 蔡煜刚", "电 话：010—82262033、…",
# "邮 箱：caiyugang@samr.gov.cn"
CONTACT_PERSON = re.compile(r"^联系人[：:]\s*(\S+)\s+(\S+)$")
CONTACT_PHONE = re.compile(r"^电\s*话[：:]\s*(.+)$")
CONTACT_EMAIL = re.compile(r"^邮\s*箱[：:]\s*(\S+@\S+)$")
# Attachment list. Example: "- 附件：1. 2023年全国“质量月”联合主办单位开展的主要活动"
ATTACHMENT_ENTRY = re.compile(r"^(?:-\s*附件[：:])?\s*(\d+)\.\s*(.+)$")
# Year and declared department count. Example: "市场监管总局等25个部门定于2023年9月联合开展"
DECLARED_COUNT = re.compile(r"等(\d+)个部门")
YEAR = re.compile(r"(?:定于|^)(\d{4})年")
PUBLIC_MARK = re.compile(r"^[（(]此件公开发布[）)]$")

SECTION_KINDS = {"活动主题": "theme", "活动内容": "content", "重点安排": "arrangement", "工作要求": "requirement"}


def cn_number(numeral: str) -> int:
    """Chinese numerals up to 99: "九" → 9, "十一" → 11, "二十三" → 23, "三十" → 30."""
    if numeral == "十":
        return 10
    if "十" in numeral:
        tens, _, units = numeral.partition("十")
        return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[units] if units else 0)
    return CN_DIGITS[numeral]


@dataclass(frozen=True)
class Span:
    """A piece of normalized text and where it stands."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Item:
    """A numbered item: its section path (``三/（五）``, ``附件3/九``), ordinal, title, text."""

    section: str
    ordinal: int
    title: str
    span: Span


@dataclass
class NoticeStructure:
    """Everything the structure parser found, as spans."""

    year: int
    declared_count: int | None = None
    preamble: Span | None = None
    themes: list[Span] = field(default_factory=list)
    content_items: list[Item] = field(default_factory=list)
    key_arrangements: list[Item] = field(default_factory=list)
    requirements: list[Item] = field(default_factory=list)
    closing: list[Span] = field(default_factory=list)
    contact_name: str | None = None
    contact_office: str | None = None
    contact_phones: list[str] = field(default_factory=list)
    contact_email: str | None = None
    contact_span: Span | None = None
    attachments: list[str] = field(default_factory=list)
    annex_titles: dict[int, str] = field(default_factory=dict)
    annexes: dict[int, list[Item]] = field(default_factory=dict)
    slogans: list[tuple[int, Span]] = field(default_factory=list)
    recipients: Span | None = None
    copied_to: Span | None = None
    public: bool = False
    unplaced: list[Span] = field(default_factory=list)


def _lines(text: str) -> list[Span]:
    spans, pos = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = pos + raw.index(stripped)
            spans.append(Span(start, start + len(stripped), stripped))
        pos += len(raw) + 1
    return spans


def _item(section: str, numeral: str, line: Span, body: str) -> Item:
    title = body.split("。", 1)[0]
    return Item(f"{section}/{numeral}", cn_number(numeral.strip("（）")), title, line)


def parse_structure(doc: Normalized) -> NoticeStructure:
    """Read the notice's structure; raise LoadError naming the line when there is none."""
    lines = _lines(doc.text)
    if not lines:
        raise LoadError("the document is empty", line=1)
    notice = NoticeStructure(year=0)
    section: str | None = None
    annex: int | None = None
    expect: str | None = None  # "theme", "annex_title", "slogans"
    for line in lines:
        text = line.text
        if m := ANNEX_HEADING.match(text):
            annex, section, expect = int(m.group(1)), None, "annex_title"
            notice.annexes.setdefault(annex, [])
            continue
        if expect == "annex_title" and annex is not None:
            notice.annex_titles[annex] = text
            expect = None
            continue
        if expect == "theme":
            notice.themes.append(line)
            expect = None
            continue
        if m := RECIPIENTS.match(text):
            notice.recipients = Span(line.start + text.index(m.group(1)), line.end, m.group(1))
            continue
        if m := COPIED_TO.match(text):
            notice.copied_to = Span(line.start + text.index(m.group(1)), line.end, m.group(1))
            continue
        if annex is not None:
            if text.startswith("主题"):
                expect = "theme"
            elif text.startswith("口号"):
                expect = "slogans"
            elif expect == "slogans" and (m := SLOGAN.match(text)):
                start = line.start + text.index(m.group(2))
                notice.slogans.append((int(m.group(1)), Span(start, line.end, m.group(2).strip())))
            elif m := ANNEX_ITEM.match(text):
                notice.annexes[annex].append(_item(f"附件{annex}", m.group(1), line, m.group(2)))
            else:
                notice.unplaced.append(line)
            continue
        if m := SECTION_HEADING.match(text):
            section = SECTION_KINDS.get(m.group(2), m.group(2))
            expect = "theme" if section == "theme" else None
            continue
        if section is None and notice.preamble is None and not notice.content_items:
            notice.preamble = line
            if m := DECLARED_COUNT.search(text):
                notice.declared_count = int(m.group(1))
            continue
        if _contact_line(notice, line):
            section = None
            continue
        if m := ATTACHMENT_ENTRY.match(text):
            notice.attachments.append(m.group(2).strip())
            continue
        if PUBLIC_MARK.match(text):
            notice.public = True
            continue
        if m := BODY_ITEM.match(text):
            numeral = f"（{m.group(1)}）"
            target = {
                "content": notice.content_items,
                "arrangement": notice.key_arrangements,
                "requirement": notice.requirements,
            }.get(section or "")
            if target is not None:
                target.append(_item(_section_path(section), numeral, line, m.group(2)))
                continue
        if section == "requirement":
            notice.closing.append(line)
            continue
        notice.unplaced.append(line)
    if not (notice.themes or notice.annexes or notice.content_items):
        first = lines[0]
        raise LoadError(
            "no recognizable notice structure: expected headings such as '一、活动主题' or "
            f"'附件 1'; the text starts with {first.text[:30]!r}",
            line=doc.line_of(first.start),
        )
    notice.year = _find_year(doc, lines)
    return notice


def _section_path(section: str | None) -> str:
    return {"content": "二", "arrangement": "三", "requirement": "四"}.get(section or "", "?")


def _contact_line(notice: NoticeStructure, line: Span) -> bool:
    text = line.text
    if m := CONTACT_PERSON.match(text):
        notice.contact_office, notice.contact_name = m.group(1), m.group(2)
        notice.contact_span = line
        return True
    if m := CONTACT_PHONE.match(text):
        notice.contact_phones = _phones(m.group(1))
        return True
    if m := CONTACT_EMAIL.match(text):
        notice.contact_email = m.group(1)
        return True
    return False


def _phones(raw: str) -> list[str]:
    """"010—82262033、82260622（传真）" → ["010-82262033", "010-82260622（传真）"]."""
    parts = [p.strip() for p in re.split(r"[、，,]", raw) if p.strip()]
    out, area = [], ""
    for part in parts:
        part = re.sub(r"[—–－]", "-", part)
        if m := re.match(r"^(\d{3,4})-", part):
            area = m.group(1)
        elif area and re.match(r"^\d{7,8}", part):
            part = f"{area}-{part}"
        out.append(part)
    return out


def _find_year(doc: Normalized, lines: list[Span]) -> int:
    for line in lines[:80]:
        if m := YEAR.search(line.text):
            return int(m.group(1))
    raise LoadError(
        "cannot find the notice's year (expected a phrase like '定于2023年9月' or "
        "'2023年全国“质量月”')",
        line=doc.line_of(lines[0].start),
    )
