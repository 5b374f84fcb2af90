"""Golden tests on the bundled notice: counts, actors, aliases, codes, relation facts."""

from loaders import lexicon
from loaders.reader import bundled_notice
from loaders.records import GraphData
from tests.golden import COUNTS, RELATION_FACTS

RAW = bundled_notice()[1].decode()


def _edges(data: GraphData) -> set[tuple[str, str, str, str | None]]:
    return {(e.source, e.type, e.target, e.props.get("role")) for e in data.edges}


def test_counts_per_kind(notice: GraphData) -> None:
    assert notice.counts() == COUNTS
    assert notice.unplaced == ()


def test_relation_facts_read_from_the_text(notice: GraphData) -> None:
    edges = _edges(notice)
    missing = [fact for fact in RELATION_FACTS if fact not in edges]
    assert len(RELATION_FACTS) >= 30
    assert missing == []


def test_regions_carry_gb_t_2260_codes(notice: GraphData) -> None:
    regions = {n.props["name"]: n.props["code"] for n in notice.nodes if n.label == "Region"}
    assert len(regions) == 32
    assert regions["上海市"] == "310000" and regions["广西壮族自治区"] == "450000"
    assert regions["新疆维吾尔自治区"] == "650000" and regions["新疆生产建设兵团"] is None


def test_aliases_resolve_to_one_actor() -> None:
    for alias, canonical in [("国家市场监督管理总局", "市场监管总局"), ("人民银行", "中国人民银行"),
                             ("中国机械联合会", "中国机械工业联合会"), ("QC小组", None)]:
        actor = lexicon.find_actor(alias)
        assert (actor.name if actor else None) == canonical


def test_theme_is_one_node_seen_twice(notice: GraphData) -> None:
    themes = [n for n in notice.nodes if n.label == "Theme"]
    assert len(themes) == 1
    assert themes[0].props["occurrences"] == 2 and themes[0].props["lines"] == [7, 236]


def test_declared_count_and_listed_organizers(notice: GraphData) -> None:
    n = next(n for n in notice.nodes if n.label == "Notice")
    organized = [e for e in notice.edges if e.type == "ORGANIZED_BY"]
    assert n.props["declared_organizer_count"] == 25
    assert sum(1 for e in organized if e.props["listed"]) == 23
    assert sorted(e.target for e in organized if not e.props["listed"]) == [
        "organizer:国家发展改革委", "organizer:教育部"]


def test_activities_carry_provenance_and_types(notice: GraphData) -> None:
    act = next(n for n in notice.nodes if n.id == "activity:2023:附件1/十一/3")
    assert act.props["title"] == "开展质量监督抽查"
    assert act.props["types"] == ["SUPERVISION_SAMPLING"]
    assert act.props["src_section"] == "附件1/十一" and act.props["src_line"] == 106
    assert act.props["src_text"].startswith("围绕道路运输车辆卫星导航车载终端")


def test_qc_group_topic_joins_its_aliases(notice: GraphData) -> None:
    about = {e.source for e in notice.edges if e.type == "ABOUT" and e.target == "topic:质量管理小组"}
    assert "activity:2023:附件1/十八/3" in about  # "第六届中央企业QC小组成果发表赛"
    assert "activity:2023:附件3/二十二/3" in about  # "“百千万”质量管理小组活动"


def test_placeholders_are_not_actors_and_roles_come_from_joint_words(notice: GraphData) -> None:
    ids = {n.id for n in notice.nodes}
    assert not {"organization:有关部门", "organization:金融机构", "organization:吉林省委党校"} & ids
    roles = {(e.source, e.props["role"]) for e in notice.edges
             if e.type == "RUNS" and e.target == "activity:2023:附件3/七/1"}
    assert roles == {("region:220000", "LEAD")}


def test_types_come_from_the_action_not_the_scene(notice: GraphData) -> None:
    types = {n.id.split(":")[-1]: n.props["types"] for n in notice.nodes if n.label == "Activity"}
    assert types["附件1/十八/1"] == ["FORUM"]  # held 在中国质量（成都）大会期间
    assert types["附件3/十一/2"] == ["PUBLICITY"]  # 质量奖获奖单位开展巡回宣讲
    assert "PILOT" not in types["附件1/十一/1"]  # 示范项目质量管理经验


def test_ids_are_stable_across_parses(notice: GraphData) -> None:
    from loaders.reader import read_notice

    again = read_notice()
    assert [n.id for n in again.nodes] == [n.id for n in notice.nodes]
    assert _edges(again) == _edges(notice)


def test_recipients_keep_parentheses_and_the_central_bank_prefix(notice: GraphData) -> None:
    props = next(n for n in notice.nodes if n.label == "Notice").props
    assert "农业农村（农牧）、畜牧兽医、渔业厅（局、委）" in props["recipients"]
    assert "中国人民银行各省会（首府）城市中心支行" in props["recipients"]
    assert props["recipient_scope"] == "各省、自治区、直辖市和新疆生产建设兵团"
    assert props["copied_to"] == ["国家药监局", "有关联合会、协会"]


def test_yearly_campaigns_form_a_series(notice: GraphData) -> None:
    campaign = next(n for n in notice.nodes if n.id == "campaign:剑网2023")
    assert (campaign.props["series"], campaign.props["year"]) == ("剑网", 2023)


def test_provenance_has_the_original_line_and_column(notice: GraphData) -> None:
    act = next(n for n in notice.nodes if n.id == "activity:2023:附件1/十一/3")
    raw_line = RAW.splitlines()[act.props["src_line"] - 1]
    assert raw_line[act.props["src_column"] - 1 :].startswith("围绕道路运输车辆卫星导航车载终端")  # its sentence
