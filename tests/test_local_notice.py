"""A local notice's annex-table rows: repeats become second sources, new rows new activities."""

from __future__ import annotations

from loaders.notice import build_graph
from tests.local_notices import ZHEJIANG_2025


def test_a_row_repeating_a_body_activity_is_its_second_source() -> None:
    data = build_graph(ZHEJIANG_2025, "zj")
    acts = {n.id.rsplit(":", 1)[1]: n for n in data.nodes if n.label == "Activity"}
    assert acts["二/（一）/1./1"].props["also_in"] == ["附件1/1"]


def test_a_new_row_is_a_new_activity_led_by_its_lead() -> None:
    data = build_graph(ZHEJIANG_2025, "zj")
    row = next(n for n in data.nodes if n.label == "Activity" and n.props["src_section"] == "附件1/2")
    assert row.props["title"] == "全省质量管理小组成果发表赛"
    runs = [(e.source, e.props["role"]) for e in data.edges if e.type == "RUNS" and e.target == row.id]
    assert runs == [("organizer:浙江省总工会", "LEAD")]


def test_issuers_come_from_the_two_column_signature() -> None:
    data = build_graph(ZHEJIANG_2025, "zj")
    issuers = [e.target for e in data.edges if e.type == "ORGANIZED_BY"]
    assert issuers == [
        "organizer:浙江省市场监督管理局",
        "organizer:中共浙江省委宣传部",
        "organizer:浙江省经济和信息化厅",
        "organizer:浙江省教育厅",
        "organizer:浙江省总工会",
    ]
