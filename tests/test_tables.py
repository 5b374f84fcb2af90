"""Annex tables: header, rows with cells tab- or space-aligned or run together by normalization."""

from __future__ import annotations

from loaders.tables import TableRow, header_columns, read_row

COLUMNS = ["序号", "活动名称", "主要内容", "牵头单位", "时间"]


def test_header_splits_off_a_title_run_into_it() -> None:
    assert header_columns("2025年全省“质量月”重点活动安排表序号\t活动名称\t主要内容\t牵头单位\t时间") == (
        "2025年全省“质量月”重点活动安排表",
        COLUMNS,
    )
    assert header_columns("序号  活动名称  责任单位  完成时间") == ("", ["序号", "活动名称", "责任单位", "完成时间"])
    assert header_columns("一、活动主题") is None


def test_rows_tab_aligned_space_aligned_and_run_together() -> None:
    assert read_row("1\t全省职工质量技能竞赛\t组织职工比武\t省总工会\t9月—11月", COLUMNS) == TableRow(
        1, "全省职工质量技能竞赛", "组织职工比武", "省总工会", "9月—11月"
    )
    assert read_row("12  “质量开放日”活动  开放实验室  县市场监管局  9月中旬", COLUMNS) == TableRow(
        12, "“质量开放日”活动", "开放实验室", "县市场监管局", "9月中旬"
    )
    # normalization closed the gaps: "1全省…", "省市场监管局9月上旬"
    assert read_row("1全省启动仪式\t在德清县举办启动仪式\t省市场监管局9月上旬", COLUMNS) == TableRow(
        1, "全省启动仪式", "在德清县举办启动仪式", "省市场监管局", "9月上旬"
    )
    assert read_row("质量筑基 品质浙江", COLUMNS) is None
