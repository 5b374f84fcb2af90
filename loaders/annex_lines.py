"""Annex lines: an annex's title and role, its table, slogans and numbered items."""

from __future__ import annotations

from loaders import layout as L
from loaders.layout import cn_number
from loaders.notice_parts import Span
from loaders.slogans import DASH
from loaders.structure_state import ParserState
from loaders.tables import header_columns, read_row

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


class AnnexLines(ParserState):
    """Reads the lines after an annex heading ("附件 1") into that annex."""

    def annex_line(self, line: Span) -> None:
        """One line of the current annex: its title, theme, slogans, a table line or an item."""
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
