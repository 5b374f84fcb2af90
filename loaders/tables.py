"""Annex tables of local notices: a header row, then one activity per row.

    序号	活动名称	主要内容	牵头单位	时间
    1	全省“质量月”活动启动仪式	在佛山市顺德区举办启动仪式，…	省市场监管局	9月上旬

Cells are tab- or space-aligned as copied text gives them; normalization may have closed the
gap between a number and a name ("1全省…") or between a body and a date ("省市场监管局9月上旬").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A header row. Examples: "序号\t活动名称\t主要内容\t牵头单位\t时间", "序号 活动名称 责任单位 完成时间"
HEADER = re.compile(r"序号\s*(?:活动|项目|工作)?(?:名称|内容)")
CELL_GAP = re.compile(r"\t+|\s{2,}")
ROW = re.compile(r"^(\d{1,3})(?:[.、．]|\s+|(?=[\u4e00-\u9fff“《]))\s*(.+)$")
# When a row's cell runs into its date: "省市场监管局9月上旬", "省总工会9月—11月", "9月每周三"
DATE_TAIL = re.compile(r"(\d{1,2}月\S*|全年|长期)$")
NAME_COLUMNS = ("活动名称", "名称", "项目名称", "工作名称")
CONTENT_COLUMNS = ("主要内容", "活动内容", "内容", "工作内容")
LEAD_COLUMNS = ("牵头单位", "责任单位", "牵头部门", "责任部门", "承办单位")
TIME_COLUMNS = ("时间", "完成时间", "活动时间", "时间安排")


@dataclass(frozen=True)
class TableRow:
    """One row: its number, activity name, content, lead bodies (as written), time."""

    number: int
    name: str
    content: str
    leads: str
    time: str


def header_columns(text: str) -> tuple[str, list[str]] | None:
    """ "…安排表序号\t活动名称\t…" → ("…安排表", ["序号", "活动名称", …]); None when no header."""
    m = HEADER.search(text)
    if m is None:
        return None
    columns = [c for c in CELL_GAP.split(text[m.start() :].strip()) if c]
    if len(columns) < 3:
        columns = text[m.start() :].split()
    return text[: m.start()].strip(), columns


def read_row(text: str, columns: list[str]) -> TableRow | None:
    """One row under ``columns``; None when the line is no numbered row."""
    m = ROW.match(text)
    if m is None:
        return None
    cells = [c.strip() for c in CELL_GAP.split(m.group(2)) if c.strip()]
    wanted = len(columns) - 1  # without 序号
    if len(cells) < wanted and cells and (d := DATE_TAIL.search(cells[-1])) and d.start() > 0:
        cells[-1:] = [cells[-1][: d.start()], d.group(1)]
    if len(cells) < 2:
        return None
    by_column = dict(zip(columns[1:], cells, strict=False))

    def cell(names: tuple[str, ...]) -> str:
        return next((by_column[n] for n in names if n in by_column), "")

    return TableRow(
        int(m.group(1)), cell(NAME_COLUMNS) or cells[0], cell(CONTENT_COLUMNS), cell(LEAD_COLUMNS), cell(TIME_COLUMNS)
    )
