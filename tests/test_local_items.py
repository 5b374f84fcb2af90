"""Local body items: role brackets, 一是 clauses, run-in titles, qualified actors, events."""

from __future__ import annotations

from loaders.local_items import role_bracket, split_conjoined
from loaders.notice import build_graph
from loaders.records import GraphData
from tests.local_notices import COUNTY_2025, ZHEJIANG_2025


def _activities(data: GraphData) -> dict[str, tuple[str, list[tuple[str, str]]]]:
    nodes = {n.id: n for n in data.nodes}
    return {
        n.id.removeprefix(f"activity:{data.notice_id.removeprefix('notice:')}:"): (
            str(n.props["title"]),
            sorted(
                (str(nodes[e.source].props["name"]), str(e.props["role"]))
                for e in data.edges
                if e.type == "RUNS" and e.target == n.id
            ),
        )
        for n in data.nodes
        if n.label == "Activity"
    }


def test_role_bracket_half_and_full_width_with_nested_brackets() -> None:
    body, roles = role_bracket("开展活动。（牵头单位：市市场监管局、团市委；配合单位：各区（市）县人民政府）")
    assert body == "开展活动。"
    assert roles.leads == ("市市场监管局", "团市委") and roles.supports == ("各区（市）县人民政府",)
    body, roles = role_bracket("开展检查。（责任单位：县教育局、县市场监管局、泉塘街道）")
    assert roles.leads == ("县教育局",) and roles.supports == ("县市场监管局", "泉塘街道")


def test_two_named_activities_joined_by_he_are_two() -> None:
    assert split_conjoined("开展质量咨询和计量器具免费检定服务") == ["开展质量咨询", "计量器具免费检定服务"]
    assert split_conjoined("开展农资和日用消费品质量宣传咨询") == ["开展农资和日用消费品质量宣传咨询"]


def test_provincial_items_give_activities_with_qualified_roles() -> None:
    acts = {k: v for k, v in _activities(build_graph(ZHEJIANG_2025, "zj")).items() if not k.startswith("附件")}
    assert acts == {
        "二/（一）/1./1": ("在湖州市德清县举办2025年浙江省“质量月”活动启动仪式", [
            ("浙江省市场监督管理局", "LEAD"), ("湖州市人民政府", "SUPPORT"),
        ]),
        "二/（一）/2./一是/1": ("组织中小学开展质量安全第一课", [("浙江省市场监督管理局", "SUPPORT"), ("浙江省教育厅", "LEAD")]),
        "二/（一）/2./二是/1": ("举办质量科普知识竞赛", [("浙江省市场监督管理局", "SUPPORT"), ("浙江省教育厅", "LEAD")]),
        "二/（二）/1./1": ("组织检验检测机构为小微企业提供技术咨询服务", [
            ("浙江省市场监督管理局", "SUPPORT"), ("浙江省经济和信息化厅", "LEAD"),
        ]),
        "二/（二）/2./1": ("举办全省职工质量技能竞赛", [("浙江省总工会", "LEAD")]),
    }  # fmt: skip


def test_county_items_qualify_townships_and_link_the_launch_event() -> None:
    data = build_graph(COUNTY_2025, "dq")
    acts = _activities(data)
    assert acts["二/（一）/（1）/1"] == (
        "在武康街道举办2025年德清县“质量月”活动启动仪式",
        [("德清县市场监督管理局", "LEAD"), ("德清县武康街道", "SUPPORT")],
    )
    township = next(n for n in data.nodes if n.id == "region:德清县武康街道")
    assert (township.props["code"], township.props["aliases"]) == (None, ["武康街道"])
    events = {n.props["name"] for n in data.nodes if n.label == "Event"}
    assert events == {"2025年德清县“质量月”活动启动仪式"}
    issuers = [e.target for e in data.edges if e.type == "ORGANIZED_BY"]
    assert issuers == ["organizer:德清县市场监督管理局", "organizer:德清县教育局"]


def test_inline_slogans_dash_slogans_guidance_and_stages_are_placed() -> None:
    text = ZHEJIANG_2025.replace(
        "一、活动主题",
        "一、指导思想\n\n以质量强省建设为统领。\n\n二、活动时间\n\n2025年9月。分两个阶段：\n\n1.部署阶段。\n\n2.实施阶段。\n\n三、活动主题",
    )
    data = build_graph(text.replace("二、主要活动", "四、主要活动").replace("三、工作要求", "五、工作要求"), "zj")
    notice = next(n for n in data.nodes if n.label == "Notice").props
    assert (notice["guidance"], notice["period"], notice["stages"]) == (
        "以质量强省建设为统领。",
        "2025年9月。分两个阶段：",
        ["1.部署阶段。", "2.实施阶段。"],
    )
    assert notice["role_rule"] == "各项活动中，排在第一位的为牵头单位。"
    assert [n.props["text"] for n in data.nodes if n.label == "Slogan"] == [
        "质量筑基 品质浙江",
        "人人重视质量 处处追求卓越",
    ]
    assert data.unplaced == ()


def test_a_role_list_on_its_own_line_rules_the_item_above() -> None:
    text = COUNTY_2025.replace(
        "（2）质量宣传进校园。组织中小学开展质量安全第一课。（责任单位：县教育局、县市场监管局）",
        "（2）质量宣传进校园。组织中小学开展质量安全第一课。\n\n责任单位：县教育局、县市场监管局",
    )
    data = build_graph(text, "dq")
    assert _activities(data)["二/（一）/（2）/1"] == (
        "组织中小学开展质量安全第一课",
        [("德清县市场监督管理局", "SUPPORT"), ("德清县教育局", "LEAD")],
    )
    assert data.unplaced == ()


def test_subjects_partners_co_subjects_and_fenbie_in_a_city_notice() -> None:
    from tests.local_notices import HANGZHOU_2025

    acts = _activities(build_graph(HANGZHOU_2025, "hz"))
    assert acts == {
        "二/（一）/1": ("在西湖区举办2025年杭州市“质量月”活动启动仪式", [
            ("杭州市市场监督管理局", "LEAD"), ("杭州市西湖区人民政府", "PARTNER"),
        ]),
        "二/（一）/2": ("发布杭州市质量提升典型案例", [("杭州市市场监督管理局", "LEAD"), ("杭州市西湖区人民政府", "PARTNER")]),
        "二/（三）/1": ("对电动自行车、电梯等重点产品开展市级监督抽查", [("杭州市市场监督管理局", "LEAD")]),
        "二/（三）/2": ("打击制售假冒伪劣产品违法犯罪", [("杭州市公安局", "PARTNER"), ("杭州市市场监督管理局", "LEAD")]),
        "二/（四）/1": ("举办全市职工质量技能竞赛", [("共青团杭州市委员会", "PARTNER"), ("杭州市总工会", "LEAD")]),
        "二/（四）/2": ("举办质量管理小组成果发表会", [("余杭区", "LEAD")]),
        "二/（四）/3": ("举办质量管理小组成果发表会", [("临平区", "LEAD")]),
    }  # fmt: skip  # （二） asks 各区、县（市） to act: no activity of a named body
