"""Search and walks through the repository on both backends."""

from collections.abc import Iterator
from typing import Any

import pytest

from graph_api.store import walk
from graph_api.store.falkordb_store import FalkorDBStore
from graph_api.store.protocol import GraphStore
from graph_api.store.repository import GraphRepository
from loaders.notice import build_graph
from loaders.records import GraphData
from tests.conftest import reset
from tests.search_reference import OldSearch
from tests.test_loading import derived_notice

# The contract's search case on the bundled notice, as main at 1a357e8 (bigram graph) ranked it.
EXPECTED_TOP = [
    ("activity:2023:附件1/十一/3", 7.2),  # 开展质量监督抽查: a name holding the phrase
    ("arrangement:2023:5", 7.0),  # 产品质量国家监督抽查
    ("activity:2023:附件1/九/1", 4.4),
    ("arrangement:2023:6", 1.0),  # the phrase in its sentence only
]


@pytest.fixture
def repo(backend: GraphStore, falkor: GraphStore, notice: GraphData) -> GraphRepository:
    reset(falkor, notice)
    return GraphRepository(backend)


def test_short_query_finds_longer_phrases(repo: GraphRepository) -> None:
    ids = [h.props["id"] for h in repo.search("抽查", 50)]
    assert "activity:2023:附件1/十一/3" in ids  # 开展质量监督抽查
    assert "arrangement:2023:5" in ids  # 产品质量国家监督抽查
    assert len(ids) == len(set(ids))


def test_phrase_query_finds_the_longer_phrase_only_where_it_occurs(repo: GraphRepository) -> None:
    hits = repo.search("监督抽查", 50)
    ids = [h.props["id"] for h in hits]
    assert "arrangement:2023:5" in ids
    assert "activity:2023:附件3/二十八/4" not in ids  # 抽检, not 抽查
    assert all("监督抽查" in h.props["search_text"] for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert "监督抽查" in next(h for h in hits if h.props["id"] == "arrangement:2023:5").snippet


def test_exact_name_ranks_first(repo: GraphRepository) -> None:
    assert repo.search("上海市", 5)[0].props["id"] == "region:310000"
    assert repo.search("剑网 2023", 5)[0].props["id"] == "campaign:剑网2023"


def test_one_character_query_scans(repo: GraphRepository) -> None:
    ids = {h.props["id"] for h in repo.search("沪", 10)}
    assert "region:310000" in ids


def test_neighborhood_is_bounded(repo: GraphRepository) -> None:
    sub = walk.neighborhood(repo, "campaign:昆仑2023", 1, 100)
    assert sub.nodes[0] == "campaign:昆仑2023"
    assert {f"activity:2023:附件1/六/{i}" for i in (1, 2, 3)} <= set(sub.nodes)
    small = walk.neighborhood(repo, "organizer:市场监管总局", 2, 5)
    assert small.truncated and len(small.nodes) == 5


def test_shortest_path_avoids_the_notice_hub(repo: GraphRepository) -> None:
    sub = walk.shortest_path(repo, "organizer:生态环境部", "organizer:市场监管总局", 4)
    assert sub is not None
    assert sub.nodes == ["organizer:生态环境部", "activity:2023:附件1/九/1", "organizer:市场监管总局"]
    assert [e.type for e in sub.edges] == ["RUNS", "RUNS"]
    assert walk.shortest_path(repo, "organizer:生态环境部", "slogan:2023:1", 2) is None


def test_path_from_both_ends_is_as_short_as_a_full_search(repo: GraphRepository) -> None:
    import random

    import networkx as nx

    _, edges, _ = repo.export()
    graph = nx.Graph()
    graph.add_edges_from((e["source"], e["target"]) for e in edges if not e["source"].startswith("notice:"))
    rng = random.Random(7)
    ids = sorted(graph.nodes)
    for start, goal in [(rng.choice(ids), rng.choice(ids)) for _ in range(12)]:
        before = repo.store.round_trips
        sub = walk.shortest_path(repo, start, goal, 6)
        assert repo.store.round_trips - before <= 6
        try:
            expected: int | None = nx.shortest_path_length(graph, start, goal)
        except nx.NetworkXNoPath:
            expected = None
        if expected is None or expected > 6:
            assert sub is None
            continue
        assert sub is not None and len(sub.edges) == expected
        assert (sub.nodes[0], sub.nodes[-1]) == (start, goal)
        for hop, (a, b) in zip(sub.edges, zip(sub.nodes, sub.nodes[1:], strict=False), strict=True):
            assert {hop.source, hop.target} == {a, b}


# Queries whose answers must be what the ranking before the full-text index gave
# (tests/search_reference.py): bigram phrases, several phrases, one-character phrases (scan),
# synonyms (QC小组 / 质量管理小组), exact names, and the year/notice scope.
SEARCH_CASES: list[tuple[str, int, dict[str, Any]]] = [
    ("监督抽查", 10, {}),
    ("抽查", 50, {}),
    ("质量", 50, {}),
    ("上海市", 5, {}),
    ("剑网 2023", 5, {}),
    ("质量月 上海", 10, {}),
    ("QC小组", 20, {}),
    ("质量管理小组", 20, {}),
    ("检验检测 机构", 20, {}),
    ("首席质量官评价规范", 3, {}),
    ("市场监管总局", 20, {}),
    ("ISO", 10, {}),
    ("沪", 10, {}),
    ("质", 5, {}),
    ("监督 查", 20, {}),
    ("查抽", 10, {}),
    ("——", 10, {}),
    ("监督抽查", 20, {"year": 2024}),
    ("质量", 30, {"year": 2023}),
    ("市场监管总局", 10, {"notice": "notice:2024"}),
    ("上海", 20, {"year": 2024, "notice": "notice:2024"}),
    ("质量管理小组", 20, {"year": 2023}),
    ("沪", 10, {"year": 2024}),
    ("监督抽查", 10, {"year": 1999}),
]


@pytest.fixture(scope="module")
def two_notices(falkor: FalkorDBStore, notice: GraphData) -> Iterator[OldSearch]:
    reset(falkor, notice, build_graph(derived_notice(), "notice-2024.txt"))
    old = OldSearch(falkor, "search_reference")
    yield old
    old.close()


@pytest.mark.parametrize(("text", "first", "scope"), SEARCH_CASES)
def test_search_answers_as_the_ranking_before_the_full_text_index(
    two_notices: OldSearch, backend: GraphStore, text: str, first: int, scope: dict[str, Any]
) -> None:
    repo = GraphRepository(backend)
    notices = repo.notice_ids(scope.get("year"), scope.get("notice"))
    found = [(h.props["id"], h.score) for h in repo.search(text, first, notices)]
    assert found == two_notices.search(text, first, notices)


def test_search_ranks_the_contract_case_as_before(repo: GraphRepository) -> None:
    """The contract's case on the bundled notice: the best hits and their scores, as the
    ranking before the full-text index gave them."""
    top = [(h.props["id"], h.score) for h in repo.search("监督抽查", 10)][:4]
    assert top == EXPECTED_TOP


def test_query_syntax_in_user_text_is_only_text(repo: GraphRepository) -> None:
    """RediSearch/Lucene operators typed into a query are phrases to find, never syntax:
    nothing matches them, and nothing fails."""
    for text in ("抽查 -监督", "抽查|质量", "@name_terms:抽查", "抽* %抽查%1", '"抽查"', "抽查 OR 质量", "(抽查) AND:"):
        hits = repo.search(text, 10)
        parts = text.split()
        assert all(all(p.lower() in h.props["search_text"] for p in parts) for h in hits), text
    assert repo.search("抽查 -监督", 50) == []  # "-监督" occurs nowhere
