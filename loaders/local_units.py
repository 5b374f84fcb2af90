"""The units of a local notice's body item and its trailing role bracket.

An item's units are its sentences' carriers: the run-in text after "1.", its numbered points,
an annex's paragraphs; the bracket "（牵头单位：…；配合单位：…）" (or 责任单位) says who leads and
who supports (see :mod:`loaders.local_items`, which reads the units into activities).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from loaders import layout as L
from loaders.structure import Item

# The trailing role bracket, half- or full-width (normalized to full width), names may hold
# nested brackets. Examples: "（牵头单位：省市场监管局；配合单位：省委宣传部）", "（责任单位：县教育局、县市场监管局）"
ROLE_BRACKET = re.compile(r"（\s*(?:牵头|责任|配合)(?:单位|部门)\s*：")
ROLE_PART = re.compile(r"(牵头|责任|配合)(?:单位|部门)\s*：\s*([^；]+)")
NAME_SEPARATORS = re.compile(r"[、，,]")


@dataclass(frozen=True)
class Roles:
    """What a role bracket says: the leads and the supporters, as written."""

    leads: tuple[str, ...] = ()
    supports: tuple[str, ...] = ()


def role_bracket(text: str) -> tuple[str, Roles]:
    """Split the trailing role bracket off an item's text: (text without it, roles)."""
    starts = [m.start() for m in ROLE_BRACKET.finditer(text)]
    if not starts:
        return text, Roles()
    body, inner = text[: starts[-1]], text[starts[-1] + 1 :].rstrip("。 ").removesuffix("）")
    leads: list[str] = []
    supports: list[str] = []
    for m in ROLE_PART.finditer(inner):
        names = [n.strip() for n in NAME_SEPARATORS.split(m.group(2)) if n.strip()]
        if m.group(1) == "牵头":
            leads += names
        elif m.group(1) == "配合":
            supports += names
        elif names:  # 责任单位: the first named leads ("排在第一位的为牵头单位")
            leads.append(names[0])
            supports += names[1:]
    return body, Roles(tuple(leads), tuple(supports))


def item_units(item: Item, paragraphs: bool = False) -> Iterator[tuple[str, int, str]]:
    """The units of a body item: (section path, start offset, text); a heading without a full
    stop is no unit, its numbered lines are; a line that is not numbered continues the unit
    before it when that one stops mid-sentence (a page break inside a word)."""
    units: list[list[object]] = []
    pos = item.span.start
    for number, raw in enumerate(item.span.text.split("\n")):
        line, start = raw.strip(), pos + (len(raw) - len(raw.lstrip()))
        pos += len(raw) + 1
        if not line:
            continue
        if number == 0:
            body = line[item.marker_end :]
            if "。" in body:
                units.append([item.section, start + item.marker_end, body])
            continue
        if m := L.ITEM.match(line):
            marker = line[: len(line) - len(m.group("body"))].strip()
            units.append([f"{item.section}/{marker}", start + len(line) - len(m.group("body")), m.group("body")])
        elif units and L.ROLE_LINE.match(line):  # its role list on a line of its own
            bracketed = line if line.startswith(("（", "(")) else f"（{line.rstrip('。；')}）"
            units[-1][2] = str(units[-1][2]) + bracketed
        elif units and not str(units[-1][2]).endswith(("。", "）")):
            units[-1][2] = str(units[-1][2]) + line
        elif paragraphs:  # an annex's paragraph under its heading ("一、武康街道" / "武康街道会同…")
            units.append([item.section, start, line])
    for section, at, text in units:
        yield str(section), int(str(at)), str(text)
