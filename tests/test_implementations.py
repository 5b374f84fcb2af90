"""Implementation links across notices: made whichever notice is loaded first, remade on reload."""

from __future__ import annotations

from typing import Any

from starlette.testclient import TestClient

from graph_api.app import create_app
from graph_api.loading import load_graphs
from graph_api.settings import Settings
from graph_api.store.falkordb_store import FalkorDBStore
from graph_api.store.protocol import GraphStore
from loaders.meaning import meaning_keys
from loaders.notice import build_graph
from loaders.records import GraphData
from tests.conftest import CONTRACT, reset
from tests.local_notices import ZHEJIANG_2025


def _local_2023() -> GraphData:
    return build_graph(ZHEJIANG_2025.replace("2025", "2023"), "zj")


def test_meaning_keys_name_campaign_series_kinds_topics_and_products() -> None:
    assert meaning_keys("市公安局依托“昆仑2024”专项行动，重拳打击制售伪劣商品") == ["campaign:昆仑", "kind:enforcement"]
    assert meaning_keys("组织中小学开展质量安全第一课") == ["kind:first-lesson"]
    assert meaning_keys("对电动自行车开展县级监督抽查") == ["kind:supervision-sampling", "product:电动自行车"]
    assert meaning_keys("举办质量科普讲座") == []  # shared words alone are no meaning


def _implements(data: GraphData, store: GraphStore) -> set[tuple[str, str]]:
    from graph_api.store.repository import GraphRepository

    repo = GraphRepository(store)
    ids = [n.id for n in data.nodes if n.label == "Activity"]
    out = repo.outgoing(ids, ["IMPLEMENTS"])
    return {
        (source, target) for (source, _), targets in out.items() for target, props in targets if props.get("across")
    }


def test_links_are_made_whichever_notice_is_loaded_first(
    backend: GraphStore, falkor: FalkorDBStore, notice: GraphData
) -> None:
    local = _local_2023()  # loads go natively (falkor), reads through the backend under test
    reset(falkor)
    load_graphs(falkor, [local])
    assert _implements(local, backend) == set()  # nothing to carry out yet
    load_graphs(falkor, [notice])
    after_national = _implements(local, backend)
    short = {(s.rsplit(":", 1)[1], t) for s, t in after_national}
    assert short == {
        ("二/（一）/2./二是/1", "arrangement:2023:7"),  # 知识竞赛 → 开展质量品牌推广竞赛活动
        ("二/（二）/2./1", "content:2023:6"),  # 职工质量技能竞赛 → 提高全民质量素养
        ("附件1/2/1", "arrangement:2023:9"),  # 质量管理小组成果发表赛 → 推动基层群众性质量活动
    }  # 检验检测 alone (a shared topic) links nothing
    assert _notice_links(local, backend) == ["notice:2023"]
    reset(falkor, notice)
    load_graphs(falkor, [local])
    assert _notice_links(local, backend) == ["notice:2023"]
    assert _implements(local, backend) == after_national  # the other order gives the same links
    load_graphs(falkor, [notice])
    assert _implements(local, backend) == after_national  # reloading the national notice remakes them


def _notice_links(data: GraphData, store: GraphStore) -> list[str]:
    from graph_api.store.repository import GraphRepository

    out = GraphRepository(store).outgoing([data.notice_id], ["IMPLEMENTS"])
    return [target for target, _ in out[(data.notice_id, "IMPLEMENTS")]]


def test_one_query_answers_who_carried_out_each_national_item(
    backend: GraphStore, falkor: FalkorDBStore, notice: GraphData, settings: Settings
) -> None:
    local = _local_2023()
    reset(falkor, notice, local)
    with TestClient(create_app(settings, store=backend)) as client:
        query = (CONTRACT / "implementations.graphql").read_text(encoding="utf-8")
        body = client.post("/graphql", json={"query": query, "variables": {"year": 2023}}).json()
    assert "errors" not in body, body
    found = body["data"]["notice"]
    zj = {"id": "notice:2023:330000:0e514a", "level": "PROVINCIAL", "jurisdiction": "浙江省", "jurisdictionCode": "330000"}
    assert found["implementedBy"] == [{**zj, "name": "浙江省市场监督管理局等5部门关于开展2023年全省“质量月”活动的通知"}]

    def chains(items: list[dict[str, Any]]) -> dict[str, list[tuple[str, dict[str, Any], list[tuple[str, str]]]]]:
        return {
            item["title"]: [
                (a["title"], a["notice"], [(p["role"], p["actor"]["name"]) for p in a["participants"]])
                for a in item["implementedBy"]
            ]
            for item in items
            if item["implementedBy"]
        }

    assert chains(found["keyArrangements"]) == {
        "开展质量品牌推广竞赛活动": [("举办质量科普知识竞赛", zj, [("LEAD", "浙江省教育厅"), ("SUPPORT", "浙江省市场监督管理局")])],
        "推动基层群众性质量活动": [("全省质量管理小组成果发表赛", zj, [("LEAD", "浙江省总工会")])],
    }
    assert chains(found["contentItems"]) == {
        "提高全民质量素养": [("举办全省职工质量技能竞赛", zj, [("LEAD", "浙江省总工会")])]
    }
    with TestClient(create_app(settings, store=backend)) as client:
        query = "{ notice(year: 2023) { keyArrangements { activities { notice { id } } } } }"
        body = client.post("/graphql", json={"query": query}).json()
    owners = {a["notice"]["id"] for k in body["data"]["notice"]["keyArrangements"] for a in k["activities"]}
    assert owners == {"notice:2023"}  # an arrangement's own activities: the national notice's only
