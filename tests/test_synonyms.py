"""Both names of one thing reach each other in the search index (QC小组 / 质量管理小组)."""

from __future__ import annotations

from graph_api.store.falkordb_store import FalkorDBStore
from graph_api.store.repository import GraphRepository
from loaders.records import GraphData
from loaders.synonyms import expand
from tests.conftest import reset


def test_expand_gives_the_other_names_and_not_those_of_a_shorter_inner_name() -> None:
    assert expand("组织QC小组活动").split("\n") == ["qc质量管理小组", "质量管理小组", "质量小组"]
    assert "全面质量管理" not in expand("质量管理小组成果发表")
    assert expand("举办质量知识竞赛") == ""


def test_searching_one_name_finds_activities_written_with_the_other(falkor: FalkorDBStore, notice: GraphData) -> None:
    reset(falkor, notice)
    qc_only = {
        n.id
        for n in notice.nodes
        if n.label == "Activity" and "QC小组" in str(n.props["src_text"]) and "质量管理小组" not in str(n.props["src_text"])
    }
    assert qc_only
    found = {hit.props["id"] for hit in GraphRepository(falkor).search("质量管理小组", 500)}
    assert qc_only <= found
