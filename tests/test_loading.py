"""A second, derived notice loads beside the first; shared actors stay one node."""

from __future__ import annotations

from graph_api.loading import load_graphs
from graph_api.store.falkordb_store import FalkorDBStore
from graph_api.store.repository import GraphRepository
from loaders.notice import build_graph
from loaders.reader import bundled_notice
from loaders.records import GraphData
from tests.conftest import reset


def derived_notice() -> str:
    """The 2023 text moved to 2024, with items removed and reworded (not a real notice)."""
    text = bundled_notice()[1].decode()
    text = text.replace("2023", "2024").replace("剑网 2024", "剑网 2024").replace("24 个部门", "24 个部门")
    lines = text.split("\n")
    # Remove 附件1/十九 (海关总署) and 附件3/三十二 (兵团); reword 附件1/六 (公安部).
    lines = [ln for ln in lines if not ln.startswith(("十九、海关总署", "三十二、新疆生产建设兵团"))]
    text = "\n".join(lines)
    return text.replace("侦破一批大案要案", "侦破一批重大案件")


def test_derived_notice_parses_with_its_changes() -> None:
    data = build_graph(derived_notice(), "derived")
    ids = {n.id for n in data.nodes}
    assert data.notice_id == "notice:2024"
    assert "activity:2024:附件1/六/1" in ids and "activity:2024:附件3/三十二/1" not in ids
    title = next(n.props["title"] for n in data.nodes if n.id == "activity:2024:附件1/六/1")
    assert title == "侦破一批重大案件"
    assert "campaign:剑网2024" in ids


def test_two_notices_load_side_by_side(falkor: FalkorDBStore, notice: GraphData) -> None:
    derived = build_graph(derived_notice(), "derived")
    reset(falkor, notice)
    load_graphs(falkor, [derived])
    repo = GraphRepository(falkor)
    assert [n["year"] for n in repo.notices()] == [2024, 2023]
    facts = repo.activity_facts()
    samr = {f["notice"] for f in facts for a in f["actors"] if a["id"] == "organizer:市场监管总局"}
    assert samr == {"notice:2023", "notice:2024"}
    assert len(repo.nodes(["organizer:市场监管总局"])) == 1
    assert sum(1 for a in repo.actors(["REGION"]) if a["name"] == "上海市") == 1
    # Reloading 2024 replaces only its own facts.
    before = repo.stats()
    load_graphs(falkor, [derived])
    assert repo.stats() == before
    hai_guan = {f["notice"] for f in facts for a in f["actors"] if a["id"] == "organizer:海关总署"}
    assert hai_guan == {"notice:2023"}
