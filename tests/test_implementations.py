"""Implementation links across notices: made whichever notice is loaded first, remade on reload."""

from __future__ import annotations

from graph_api.loading import load_graphs
from graph_api.store.falkordb_store import FalkorDBStore
from graph_api.store.protocol import GraphStore
from loaders.meaning import meaning_keys
from loaders.notice import build_graph
from loaders.records import GraphData
from tests.conftest import reset
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
