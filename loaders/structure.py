"""The structure of a notice: title, body sections and items, contact, attachments, annexes.

Works on normalized text (see :mod:`loaders.normalize`) line by line, in one pass; the line
shapes are in :mod:`loaders.layout`. Every piece keeps its span. A line that fits nowhere is
kept in ``unplaced`` (reported, never guessed into a section); a second notice in the same
text is refused with its line.
"""

from __future__ import annotations

from dataclasses import replace

from loaders import layout as L
from loaders.contact import read_contact
from loaders.errors import LoadError
from loaders.layout import cn_number, cn_numeral
from loaders.normalize import Normalized
from loaders.notice_parts import Item, NoticeStructure, Span, text_lines
from loaders.slogans import DASH, inline_slogans
from loaders.tables import header_columns, read_row

__all__ = ["Item", "NoticeStructure", "Span", "cn_number", "parse_structure"]

# An unnumbered slogan is a short line without sentence punctuation.
MAX_SLOGAN = 30
# Annex roles, read from an annex's title; the annex number is the fallback.
ANNEX_ROLE_BY_NUMBER = {1: "organizers", 2: "associations", 3: "regions", 4: "slogans"}


def annex_role(number: int, title: str) -> str:
    """What an annex lists, from its title: "…联合主办单位开展的主要活动" → organizers."""
    if "口号" in title:
        return "slogans"
    if "主办单位" in title or "部门" in title:
        return "organizers"
    if "联合会" in title or "协会" in title or "学会" in title:
        return "associations"
    if "各地" in title or "地方" in title or "各省" in title:
        return "regions"
    return ANNEX_ROLE_BY_NUMBER.get(number, "other")


class _Parser:
    """One pass over the lines; ``section`` is the body section kind the lines belong to."""

    def __init__(self, doc: Normalized) -> None:
        self.doc = doc
        self.n = NoticeStructure(year=0)
        self.section: str | None = None
        self.section_numeral = ""
        self.seen_sections: set[str] = set()
        self.annex: int | None = None
        self.expect: str | None = None  # "theme", "annex_title", "slogans", "attachments"
        self.open_item: tuple[list[Item], int] | None = None  # list and index of a heading-only item
        self.open_style = ""  # its numbering: "（一）", "1.", "（1）", "一、"
        self.points: tuple[int, str] | None = None  # (list, numbering) of points an item announced with "："

    # -- helpers -------------------------------------------------------------------------
    def second_notice(self, line: Span, what: str) -> LoadError:
        return LoadError(
            f"line {self.doc.line_of(line.start)}: a second notice starts here ({what}: {line.text[:30]!r}); "
            "load one notice per file",
            line=self.doc.line_of(line.start),
        )

    def add_item(self, target: list[Item], path: str, number: int, line: Span, body: str, style: str) -> None:
        """A numbered item; under an open heading of another numbering style, a point of it.

        In the body, "1." lines under "（一）加强质量宣传" belong to that item; in an annex they
        are items of their own under the heading ("（一）中央宣传部" / "1.组织开展…").
        """
        if self.open_item is not None and style != self.open_style:
            parent_list, index = self.open_item
            parent = parent_list[index]
            if not path.startswith("附件"):
                self.extend_open_item(line)
                return
            parent_list[index] = replace(parent, has_subitems=True)
            title = body.split("。", 1)[0].rstrip("：")
            section = f"{parent.section}/{cn_numeral(number)}"
            target.append(Item(section, number, title, line, len(line.text) - len(body), parent.body.strip("：")))
            return
        last = target[-1] if target and not path.startswith("附件") else None
        announced = last is not None and style != self.open_style and last.span.text.rstrip().endswith("：")
        if last is not None and (announced or (self.points is not None and self.points == (id(target), style))):
            # "（六）…重点安排如下：" then "1.锦江区…", "2.…": the points of the list it announces
            target[-1] = replace(last, span=Span(last.span.start, line.end, self.doc.text[last.span.start : line.end]))
            self.points = (id(target), style)
            return
        self.points = None
        title = body.split("。", 1)[0].rstrip("：")
        marker = cn_numeral(number) if path.startswith("附件") else f"（{cn_numeral(number)}）"
        target.append(Item(f"{path}/{marker}", number, title, line, len(line.text) - len(body)))
        # A heading without a full stop ("（一）深入学习贯彻质量强国建设部署") takes the lines after it.
        self.open_item = (target, len(target) - 1) if "。" not in body else None
        self.open_style = style

    def extend_open_item(self, line: Span) -> bool:
        if self.open_item is None:
            return False
        target, index = self.open_item
        item = target[index]
        span = Span(item.span.start, line.end, self.doc.text[item.span.start : line.end])
        target[index] = replace(item, span=span)
        return True

    def extend_last(self, line: Span) -> bool:
        """A role list on its own line belongs to the body item just read."""
        target = {"content": self.n.content_items, "arrangement": self.n.key_arrangements}.get(self.section or "")
        if not target:
            return False
        item = target[-1]
        target[-1] = replace(item, span=Span(item.span.start, line.end, self.doc.text[item.span.start : line.end]))
        return True

    # -- the pass ------------------------------------------------------------------------
    def line(self, line: Span) -> None:
        text = line.text
        if L.ARTIFACT.match(text):
            self.n.artifacts.append(line)
            return
        if self.global_line(line):
            self.open_item = None
            return
        if self.annex is not None:
            self.annex_line(line)
            return
        if self.head_line(line):
            return
        if self.expect == "attachments":
            if m := L.ATTACHMENT_ENTRY.match(text):
                self.n.attachments.append(m.group(2).strip())
                return
            self.expect = None
        if self.expect == "theme":
            self.n.themes.append(line)
            self.expect = None
            return
        if m := L.SECTION_HEADING.match(text):
            self.open_section(line, m.group(1), m.group(2), m.group(3))
            return
        if (m := L.INLINE_THEME.match(text)) and "theme" not in self.seen_sections:
            # "活动主题：质量第一 建设质量强国" without a numbered heading
            self.seen_sections.add("theme")
            self.n.themes.append(Span(line.start + text.rindex(m.group(1)), line.end, m.group(1)))
            return
        if L.is_signature(text) and (not self.seen_sections or self.n.contact_span or self.n.attachments):
            # Issuing departments, stacked one a line or in a row, above the title or in the
            # signature block: "市场监管总局 中央宣传部 …"
            self.n.signatories.extend(t for t in text.split() if t not in self.n.signatories)
            return
        if self.section is None and not self.seen_sections:
            self.preamble_line(line)
            return
        if self.contact_line(line):
            self.section = None
            return
        if m := L.ATTACHMENT_LIST.match(text):
            self.expect = "attachments"
            if m.group(2):
                self.n.attachments.append(m.group(2).strip())
            return
        if self.section in ("guidance", "period"):
            (self.n.guidance if self.section == "guidance" else self.n.period).append(line)
            return
        if self.section in ("content", "arrangement") and L.ROLE_RULE.search(text) and not L.ITEM.match(text):
            self.n.role_rule = line
            return
        if L.ROLE_LINE.match(text) and self.extend_last(line):
            return
        if m := L.ITEM.match(text):
            target = {
                "content": self.n.content_items,
                "arrangement": self.n.key_arrangements,
                "requirement": self.n.requirements,
            }.get(self.section or "")
            if target is not None:
                self.add_item(target, self.section_numeral, L.item_number(m), line, m.group("body"), L.item_style(m))
                return
        if self.extend_open_item(line):
            return
        if self.section == "requirement" and not self.n.contact_span:
            self.n.closing.append(line)
            return
        if L.is_signature(text):
            self.n.signatories.extend(text.split())
            return
        if self.section in ("content", "arrangement") and L.INSTRUCTION.match(text):
            self.n.instructions.append(line)
            return
        self.n.unplaced.append(line)

    def global_line(self, line: Span) -> bool:
        """Lines that mean the same wherever they stand: distribution, annex headings, marks."""
        text = line.text
        if m := L.ANNEX_HEADING.match(text):
            number = cn_number(m.group(1))
            if self.annex is not None and number <= self.annex:
                raise self.second_notice(line, "an annex number again")
            self.annex, self.section, self.expect = number, None, "annex_title"
            self.n.annexes.setdefault(number, [])
            if m.group(2):  # "附件1：…主要活动": the title on the heading's line
                self.n.annex_titles[number] = m.group(2)
                self.n.annex_roles[number] = annex_role(number, m.group(2))
                self.expect = None
            return True
        if m := L.RECIPIENTS.match(text):
            self.n.recipients = Span(line.start + text.index(m.group(1)), line.end, m.group(1))
            return True
        if m := L.COPIED_TO.match(text):
            self.n.copied_to = Span(line.start + text.index(m.group(1)), line.end, m.group(1))
            return True
        if L.PUBLIC_MARK.match(text):
            self.n.public = "公开" in text
            return True
        if m := L.KEYWORDS.match(text):
            self.n.keywords = m.group(1).split()
            return True
        if m := L.PRINTED.match(text):
            self.n.printed = text
            return True
        if m := L.DATE_LINE.match(text):
            self.n.date = text
            return True
        if L.TITLE.match(text):
            if self.seen_sections or self.n.title:
                raise self.second_notice(line, "a title")
            # A two-line title: the issuers on the line above, "关于开展…的通知" below.
            above = " ".join(self.n.signatories) if text.startswith("关于") and not self.seen_sections else ""
            self.n.title = above + text
            if (m := L.DECLARED_COUNT.search(text)) and self.n.declared_count is None:
                self.n.declared_count = cn_number(m.group(1))  # "市场监管总局等18部门关于…"
            return True
        if m := L.DOC_NUMBER.match(text):
            if self.seen_sections or self.n.doc_number:
                raise self.second_notice(line, "a document number")
            self.n.doc_number = text
            return True
        return False

    def head_line(self, line: Span) -> bool:
        """Before the first section: the salutation (主送 at the top)."""
        if not self.seen_sections and L.SALUTATION.match(line.text):
            if self.n.recipients is None:
                self.n.recipients = Span(line.start, line.end - 1, line.text[:-1])
            return True
        return False

    def preamble_line(self, line: Span) -> None:
        if m := L.DECLARED_COUNT.search(line.text):
            self.n.declared_count = cn_number(m.group(1))
            self.n.preamble = line
        elif self.n.preamble is None:
            self.n.preamble = line
        else:
            self.n.unplaced.append(line)

    def open_section(self, line: Span, numeral: str, name: str, inline: str | None) -> None:
        kind = L.SECTION_KINDS.get(name, name)
        if kind in self.seen_sections:
            raise self.second_notice(line, f"section {name} again")
        self.seen_sections.add(kind)
        self.section, self.section_numeral = kind, numeral
        self.n.section_names[kind] = f"{numeral}、{name}"
        self.open_item = None
        self.expect = "theme" if kind == "theme" else None
        if kind == "theme" and inline:
            start = line.start + line.text.rindex(inline)
            self.n.themes.append(Span(start, line.end, inline))
            self.expect = None

    def annex_line(self, line: Span) -> None:
        text, annex = line.text, self.annex
        assert annex is not None
        if (m := L.SECTION_HEADING.match(text)) and L.SECTION_KINDS.get(m.group(2)) in self.seen_sections:
            raise self.second_notice(line, f"section {m.group(2)} again")
        if self.table_line(annex, line):
            return
        if self.expect == "annex_title" and DASH in text and not text.startswith(DASH):
            # The title ran into the first "——" slogan line (repaired as one line).
            title = text[: text.index(DASH)]
            self.annex_line(Span(line.start, line.start + len(title), title))
            self.annex_line(Span(line.start + len(title), line.end, text[len(title) :]))
            return
        if self.expect == "annex_title":
            self.n.annex_titles[annex] = text
            self.n.annex_roles[annex] = annex_role(annex, text)
            self.expect = None
            return
        if self.expect == "theme":
            self.n.themes.append(line)
            self.expect = None
            return
        if m := L.THEME_LABEL.match(text):
            if m.group(1):
                start = line.start + text.rindex(m.group(1))
                self.n.themes.append(Span(start, line.end, m.group(1)))
            else:
                self.expect = "theme"
            return
        if L.SLOGAN_LABEL.match(text):
            self.expect = "slogans"
            return
        role = self.n.annex_roles.get(annex) or ANNEX_ROLE_BY_NUMBER.get(annex, "other")
        if L.is_signature(text):
            self.n.signatories.extend(t for t in text.split() if t not in self.n.signatories)
            return
        if self.expect == "slogans" or role == "slogans":
            if text.startswith(DASH):  # "——坚持质量第一 建设质量强省"
                line = Span(line.start + len(DASH), line.end, text[len(DASH) :].strip())
                text = line.text
            m = L.SLOGAN.match(text)
            if m is None and (len(text) > MAX_SLOGAN or any(ch in text for ch in "。：；")):
                self.n.unplaced.append(line)  # prose after the slogans is not a slogan
                return
            ordinal = cn_number(m.group(1) or m.group(2) or m.group(3)) if m else len(self.n.slogans) + 1
            body = m.group(4).strip() if m else text
            self.n.slogans.append((ordinal, Span(line.start + text.rindex(body), line.end, body)))
            return
        if m := L.ANNEX_ITEM.match(text):
            self.add_item(self.n.annexes[annex], f"附件{annex}", cn_number(m.group(1)), line, m.group(2), "一、")
            return
        if m := L.ITEM.match(text):
            annex_items = self.n.annexes[annex]
            self.add_item(annex_items, f"附件{annex}", L.item_number(m), line, m.group("body"), L.item_style(m))
            return
        if self.extend_open_item(line):
            return
        self.n.unplaced.append(line)

    def table_line(self, annex: int, line: Span) -> bool:
        """An annex table's header ("序号 活动名称 …", its title may run into it) or one of its rows."""
        if header := header_columns(line.text):
            title, columns = header
            self.n.table_columns[annex] = columns
            self.n.annex_roles[annex] = "table"
            if title and self.expect == "annex_title":
                self.n.annex_titles[annex] = title
            self.expect = None
            return True
        if annex in self.n.table_columns and (row := read_row(line.text, self.n.table_columns[annex])):
            self.n.table_rows.setdefault(annex, []).append((line, row))
            return True
        return False

    def contact_line(self, line: Span) -> bool:
        return read_contact(self.n, line)


def parse_structure(doc: Normalized) -> NoticeStructure:
    """Read the notice's structure; raise LoadError naming the line when there is none."""
    lines = text_lines(doc.text)
    if not lines:
        raise LoadError("the document is empty", line=1)
    parser = _Parser(doc)
    for line in lines:
        parser.line(line)
    notice = parser.n
    if not (notice.themes or notice.annexes or notice.content_items):
        first = lines[0]
        raise LoadError(
            "no recognizable notice structure: expected headings such as '一、活动主题' or "
            f"'附件 1'; the text starts with {first.text[:30]!r}",
            line=doc.line_of(first.start),
        )
    if not notice.slogans:
        notice.slogans = inline_slogans([*notice.content_items, *notice.key_arrangements])
    notice.year = _find_year(doc, notice, lines)
    return notice


def _find_year(doc: Normalized, notice: NoticeStructure, lines: list[Span]) -> int:
    candidates = [notice.title or "", notice.preamble.text if notice.preamble else ""]
    for text in candidates:
        if m := L.YEAR_IN_PREAMBLE.search(text) or L.YEAR_OF_MONTH.search(text):
            return int(m.group(1))
    for line in lines[:80]:
        if m := L.YEAR_IN_PREAMBLE.search(line.text) or L.YEAR_OF_MONTH.search(line.text):
            return int(m.group(1))
    if notice.doc_number and (m := L.DOC_NUMBER.match(notice.doc_number)):
        return int(m.group(1))
    for line in lines[:80]:
        if m := L.YEAR_AT_START.match(line.text):
            return int(m.group(1))
    raise LoadError(
        "cannot find the notice's year (expected a phrase like '定于2023年9月' or '2023年全国“质量月”')",
        line=doc.line_of(lines[0].start),
    )
