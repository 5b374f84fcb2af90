"""The structure parser's state, and how numbered items gather their lines.

:class:`ParserState` is what one pass over a notice's lines remembers (the section and annex it
is in, the item still open, what the next line should be); :mod:`loaders.annex_lines` and
:mod:`loaders.structure` read the lines through it.
"""

from __future__ import annotations

from dataclasses import replace

from loaders.errors import LoadError
from loaders.layout import cn_numeral
from loaders.normalize import Normalized
from loaders.notice_parts import Item, NoticeStructure, Span


class ParserState:
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

    def second_notice(self, line: Span, what: str) -> LoadError:
        """The error for a line that starts another notice in the same text."""
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
        """The line continues the heading-only item still open, if there is one."""
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
