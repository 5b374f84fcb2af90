"""Search and walks through the repository on both backends."""

import pytest

from graph_api.store import walk
from graph_api.store.protocol import GraphStore
from graph_api.store.repository import GraphRepository
from loaders.records import GraphData
from tests.conftest import reset


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
