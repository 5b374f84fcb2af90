"""The structure of a notice: title, body sections and items, contact, attachments, annexes.

Works on normalized text (see :mod:`loaders.normalize`) line by line, in one pass; the line
shapes are in :mod:`loaders.layout`. Every piece keeps its span. A line that fits nowhere is
kept in ``unplaced`` (reported, never guessed into a section); a second notice in the same
text is refused with its line.
"""

from __future__ import annotations

from loaders import layout as L
from loaders.annex_lines import AnnexLines, annex_role
from loaders.contact import read_contact
from loaders.errors import LoadError
from loaders.layout import cn_number
from loaders.normalize import Normalized
from loaders.notice_parts import Item, NoticeStructure, Span, text_lines
from loaders.slogans import inline_slogans

__all__ = ["Item", "NoticeStructure", "Span", "cn_number", "parse_structure"]


class _Parser(AnnexLines):
    """The pass over the body: head lines, sections, items, contact, signature (annexes: :class:`AnnexLines`)."""

    # -- the pass ------------------------------------------------------------------------
    def line(self, line: Span) -> None:
        """Place one line: a mark, a head or global line, an annex line, a section, an item …"""
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
