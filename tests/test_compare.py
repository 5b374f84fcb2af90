"""compare(from:, to:): two notices side by side, matched by meaning, on both backends."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph_api.app import create_app
from graph_api.settings import Settings
from graph_api.store.falkordb_store import FalkorDBStore
from graph_api.store.protocol import GraphStore
from loaders.notice import build_graph
from loaders.records import GraphData
from tests.conftest import reset
from tests.local_notices import ZHEJIANG_2025
from tests.test_loading import derived_notice

ZJ = "notice:2023:330000:0e514a"
COMPARE = """query($from: ID!, $to: ID!) { compare(from: $from, to: $to) {
  from { id } to { id }
  actors { onlyFrom { id } onlyTo { id } both { id } }
  activities { onlyFrom { id title } onlyTo { id title } both { from { id title } to { id title } on } }
  campaigns { onlyFrom { id } onlyTo { id } both { id } }
  events { onlyFrom { id } onlyTo { id } both { id } }
} }"""


@pytest.fixture
def client(backend: GraphStore, falkor: FalkorDBStore, notice: GraphData, settings: Settings) -> Iterator[TestClient]:
    local = build_graph(ZHEJIANG_2025.replace("2025", "2023"), "zj")
    reset(falkor, notice, build_graph(derived_notice(), "derived"), local)
    with TestClient(create_app(settings, store=backend)) as client:
        yield client


def _compare(client: TestClient, first: str, second: str) -> dict[str, Any]:
    body = client.post("/graphql", json={"query": COMPARE, "variables": {"from": first, "to": second}}).json()
    assert "errors" not in body, body
    return body["data"]["compare"]  # type: ignore[no-any-return]


def test_a_national_and_a_provincial_notice_side_by_side(client: TestClient) -> None:
    found = _compare(client, "notice:2023", ZJ)
    assert (found["from"]["id"], found["to"]["id"]) == ("notice:2023", ZJ)
    actors = found["actors"]
    assert [a["id"] for a in actors["onlyTo"]] == [
        "organizer:湖州市人民政府", "organizer:浙江省教育厅", "organizer:浙江省经济和信息化厅",
        "organizer:浙江省市场监督管理局", "organizer:浙江省总工会",
    ]  # fmt: skip
    assert actors["both"] == [] and len(actors["onlyFrom"]) == 66
    acts = found["activities"]
    assert [a["title"] for a in acts["onlyTo"]] == ["组织检验检测机构为小微企业提供技术咨询服务", "举办全省职工质量技能竞赛"]
    matched = {(p["to"]["title"], tuple(p["on"])) for p in acts["both"]}
    assert {to for to, _ in matched} == {
        "在湖州市德清县举办2023年浙江省“质量月”活动启动仪式", "组织中小学开展质量安全第一课", "举办质量科普知识竞赛",
        "全省质量管理小组成果发表赛",
    }  # fmt: skip
    pairs = {(p["from"]["title"], p["to"]["title"], tuple(p["on"])) for p in acts["both"]}
    assert ("讲好“2023质量安全第一课”", "组织中小学开展质量安全第一课", ("kind:first-lesson",)) in pairs
    assert ("举办第六届中央企业QC小组成果发表赛", "全省质量管理小组成果发表赛", ("kind:qc-results", "kind:质量管理小组")) in pairs
    assert len(acts["onlyFrom"]) + len({p["from"]["id"] for p in acts["both"]}) == 189
    assert [e["id"] for e in found["events"]["onlyTo"]] == ["event:2023年浙江省“质量月”活动启动仪式"]
    assert found["events"]["both"] == [] and found["campaigns"]["onlyTo"] == found["campaigns"]["both"] == []


def test_two_years_match_campaigns_by_series_and_activities_by_meaning(client: TestClient) -> None:
    found = _compare(client, "notice:2023", "notice:2024")
    assert found["campaigns"]["onlyFrom"] == found["campaigns"]["onlyTo"] == []
    assert {"campaign:剑网2023", "campaign:昆仑2023"} <= {c["id"] for c in found["campaigns"]["both"]}  # 2024's too
    assert [a["id"] for a in found["actors"]["onlyFrom"]] == ["organizer:海关总署", "region:新疆生产建设兵团"]
    acts = found["activities"]
    assert [a["title"] for a in acts["onlyTo"]] == ["推动开展2024年自然资源检验检测机构能力验证工作", "召开2024年江苏质量大会"]
    pairs = {(p["from"]["title"], p["to"]["title"], tuple(p["on"])) for p in acts["both"]}
    assert ("讲好“2023质量安全第一课”", "讲好“2024质量安全第一课”", ("kind:first-lesson",)) in pairs
    same = _compare(client, "notice:2024", "notice:2024")["activities"]
    assert same["onlyFrom"] == same["onlyTo"] == []


def test_unknown_or_other_ids_are_not_found(client: TestClient) -> None:
    for first, second in (("notice:1999", "notice:2023"), ("notice:2023", "organizer:公安部")):
        body = client.post("/graphql", json={"query": COMPARE, "variables": {"from": first, "to": second}}).json()
        assert body["data"] is None
        assert [e["extensions"]["code"] for e in body["errors"]] == ["NOT_FOUND"]
