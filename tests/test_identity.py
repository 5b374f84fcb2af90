"""A notice's identity: issuer and year (and 文号), so local notices never collide with national ones."""

from __future__ import annotations

from graph_api.loading import load_graphs
from graph_api.store.falkordb_store import FalkorDBStore
from graph_api.store.repository import GraphRepository
from loaders.identity import iso_date
from loaders.notice import build_graph
from loaders.records import GraphData
from tests.conftest import reset
from tests.local_notices import COUNTY_2025, ZHEJIANG_2025


def _notice_props(data: GraphData) -> dict[str, object]:
    return dict(next(n for n in data.nodes if n.id == data.notice_id).props)


def test_provincial_notice_is_named_by_jurisdiction_year_and_document_number() -> None:
    data = build_graph(ZHEJIANG_2025, "zj")
    props = _notice_props(data)
    assert data.notice_id == "notice:2025:330000:4d7b6e"
    assert {k: props[k] for k in ("name", "level", "jurisdiction", "code", "document_number", "issued_on")} == {
        "name": "浙江省市场监督管理局等5部门关于开展2025年全省“质量月”活动的通知",
        "level": "PROVINCIAL",
        "jurisdiction": "浙江省",
        "code": "330000",
        "document_number": "浙市监质〔2025〕77号",
        "issued_on": "2025-08-20",
    }
    assert props["issuers"] == ["浙江省市场监督管理局", "中共浙江省委宣传部", "浙江省经济和信息化厅", "浙江省教育厅", "浙江省总工会"]


def test_county_notice_reads_its_two_line_title() -> None:
    data = build_graph(COUNTY_2025, "dq")
    props = _notice_props(data)
    assert data.notice_id == "notice:2025:330521"
    assert props["name"] == "德清县市场监督管理局 德清县教育局关于开展2025年全县“质量月”活动的通知"
    assert (props["level"], props["jurisdiction"], props["document_number"]) == ("COUNTY", "德清县", None)


def test_owned_ids_carry_the_notice_key(notice: GraphData) -> None:
    local = build_graph(ZHEJIANG_2025, "zj")
    owned = {n.id for n in local.nodes if n.owner is not None}
    assert "theme:2025:330000:4d7b6e" in owned
    assert not owned & {n.id for n in notice.nodes if n.owner is not None}
    assert _notice_props(notice)["level"] == "NATIONAL" and notice.notice_id == "notice:2023"


def test_iso_date_reads_digits_and_chinese_numerals() -> None:
    assert iso_date("2023年8月25日") == "2023-08-25"
    assert iso_date("二〇二三年八月二十九日") == "2023-08-29"
    assert iso_date("八月") is None


def test_local_notice_loads_beside_the_national_one(falkor: FalkorDBStore, notice: GraphData) -> None:
    reset(falkor, notice)
    repo = GraphRepository(falkor)
    before = repo.stats()[0]
    local = build_graph(ZHEJIANG_2025.replace("2025", "2023"), "zj")
    summary = load_graphs(falkor, [local])
    assert summary.outcome(local) == "added"
    assert {n["id"] for n in repo.notices()} == {"notice:2023", local.notice_id}
    assert repo.notice(2023)["id"] == "notice:2023"  # type: ignore[index]
    assert repo.stats()[0] > before
    again = load_graphs(falkor, [local])
    assert again.outcome(local) == "replaced"
    assert len(repo.notices()) == 2


def test_notices_filter_by_level_year_and_region(falkor: FalkorDBStore, notice: GraphData) -> None:
    from tests.local_notices import HANGZHOU_2025

    county = build_graph(COUNTY_2025, "dq")
    city = build_graph(HANGZHOU_2025, "hz")
    reset(falkor, notice, county, city)
    repo = GraphRepository(falkor)
    assert [n["id"] for n in repo.notices()] == [city.notice_id, county.notice_id, "notice:2023"]
    assert [n["id"] for n in repo.notices(level="NATIONAL")] == ["notice:2023"]
    assert [n["id"] for n in repo.notices(year=2025, within="330000")] == [city.notice_id, county.notice_id]
    assert [n["id"] for n in repo.notices(within="330500")] == [county.notice_id]  # 湖州市: 德清县 is in it
    assert repo.notices(within="440000") == []
