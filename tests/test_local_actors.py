"""Short forms qualified by the notice's jurisdiction; regions at every level with their parents."""

from __future__ import annotations

import pytest

from loaders.local_actors import Jurisdiction, parent_region, qualify, qualify_all
from loaders.notice import build_graph
from tests.local_notices import COUNTY_2025

ZHEJIANG, HANGZHOU, DEQING = Jurisdiction("330000"), Jurisdiction("330100"), Jurisdiction("330521")


@pytest.mark.parametrize(
    ("surface", "where", "full"),
    [
        ("省市场监管局", ZHEJIANG, "浙江省市场监督管理局"),
        ("省委宣传部", ZHEJIANG, "中共浙江省委宣传部"),
        ("省国资委", ZHEJIANG, "浙江省人民政府国有资产监督管理委员会"),
        ("市市场监管局", HANGZHOU, "杭州市市场监督管理局"),
        ("团市委", HANGZHOU, "共青团杭州市委员会"),
        ("县教育局", DEQING, "德清县教育局"),
        ("市市场监管局", DEQING, "湖州市市场监督管理局"),
        ("县住房城乡建设局", DEQING, "德清县住房和城乡建设局"),
        ("武康街道办事处", DEQING, "德清县武康街道"),
        ("市市场监管局", Jurisdiction("110000"), "北京市市场监督管理局"),
        ("区市场监管局", Jurisdiction("450000"), "广西壮族自治区市场监督管理局"),
        ("自治区市场监管局", Jurisdiction("450000"), "广西壮族自治区市场监督管理局"),
        ("区市场监管局", Jurisdiction("110105"), "北京市朝阳区市场监督管理局"),  # 朝阳区 is also in 长春市
    ],
)
def test_short_forms_resolve_to_the_body_of_the_jurisdiction(surface: str, where: Jurisdiction, full: str) -> None:
    actor = qualify(surface, where)
    assert actor is not None and actor.name == full and surface in actor.aliases


def test_the_same_short_form_is_another_body_elsewhere() -> None:
    gd, zj = qualify("省市场监管局", Jurisdiction("440000")), qualify("省市场监管局", ZHEJIANG)
    assert gd is not None and zj is not None and gd.id != zj.id


def test_placeholders_and_scene_words_are_no_actors() -> None:
    for name in (
        "各市市场监管局",
        "各有关单位",
        "县直有关单位",
        "各地级以上市市场监督管理局",
        "各区（市）县人民政府",
        "在武康街道",
    ):
        assert qualify(name, DEQING) is None, name
    assert qualify("市市场监管局", ZHEJIANG) is None  # a provincial notice's 市 is no one city


def test_districts_get_codes_and_zones_none() -> None:
    chengdu = Jurisdiction("510100")
    district = qualify("锦江区", chengdu)
    zone = qualify("成都高新区", chengdu)
    assert district is not None and (district.id, district.code) == ("region:510104", "510104")
    assert zone is not None and (zone.name, zone.code) == ("成都高新技术产业开发区", None)
    cities = qualify_all("莞惠两市", Jurisdiction("440000"))
    assert cities is not None and [c.name for c in cities] == ["东莞市", "惠州市"]


def test_a_township_lies_within_its_county_city_and_province() -> None:
    chain, actor = [], qualify("武康街道", DEQING)
    while actor is not None:
        chain.append(actor.name)
        actor = parent_region(actor, DEQING)
    assert chain == ["德清县武康街道", "德清县", "湖州市", "浙江省"]


def test_the_graph_records_the_region_hierarchy() -> None:
    data = build_graph(COUNTY_2025, "dq")
    within = sorted((e.source, e.target) for e in data.edges if e.type == "WITHIN")
    assert within == [
        ("region:330500", "region:330000"),
        ("region:330521", "region:330500"),
        ("region:德清县武康街道", "region:330521"),
    ]
