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


def test_annex_items_of_a_local_notice_are_read_in_its_jurisdiction() -> None:
    from tests.local_notices import COUNTY_2025

    annex = "\n附件1\n\n各乡镇（街道）重点活动\n\n一、武康街道\n\n武康街道会同县市场监管局举办质量知识竞赛。\n\n二、阜溪街道\n\n开展质量宣传进社区活动。\n"
    data = build_graph(COUNTY_2025 + annex, "dq")
    nodes = {n.id: n for n in data.nodes}
    runs = {
        nodes[e.target].props["title"]: sorted(
            (nodes[e.source].props["name"], e.props["role"]) for e in data.edges if e.type == "RUNS" and e.target == t
        )
        for e in data.edges
        if e.type == "RUNS" and (t := e.target).split(":")[-1].startswith("附件1")
    }
    assert runs == {
        "举办质量知识竞赛": [("德清县市场监督管理局", "PARTNER"), ("德清县武康街道", "LEAD")],
        "开展质量宣传进社区活动": [("德清县阜溪街道", "LEAD")],  # the heading leads a subjectless sentence
    }
