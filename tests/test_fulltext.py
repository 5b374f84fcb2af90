"""Full-text index query text: built only from tokens, every non-alphanumeric character escaped."""

from cypher import read_statement
from graph_api.compiler.fulltext import call, escape, lucene_query, redisearch_query
from graph_api.loading import load_graphs
from graph_api.store.falkordb_store import FalkorDBStore
from graph_api.store.repository import GraphRepository
from loaders.records import GraphData, NodeRecord
from tests.conftest import reset


def test_only_letters_and_digits_go_unescaped() -> None:
    assert escape("抽查") == "抽查" and escape("qc") == "qc" and escape("20") == "20"
    assert escape("qc_x") == "qc\\_x"
    assert escape('-|@*%"():') == '\\-\\|\\@\\*\\%\\"\\(\\)\\:'


def test_every_token_is_required_in_each_query_language() -> None:
    assert redisearch_query({"督抽", "监督", "抽查"}) == "抽查 监督 督抽"
    assert lucene_query({"督抽", "监督", "抽查"}) == "抽查 AND 监督 AND 督抽"
    assert lucene_query({"a_b"}) == "a\\_b"


def test_each_dialect_calls_its_own_index() -> None:
    assert call("falkordb", "$q", "n") == "CALL db.idx.fulltext.queryNodes('Entity', $q) YIELD node AS n"
    assert call("neo4j", "$l", "n") == "CALL db.index.fulltext.queryNodes('entity_search', $l) YIELD node AS n"


def test_an_underscore_token_is_found_as_written(falkor: FalkorDBStore) -> None:
    """``_`` is a word character (a token of its own run) and RediSearch reads it escaped."""
    nodes = (
        NodeRecord("topic:qc_x", "Topic", {"name": "qc_x 小组", "kind": "TOPIC", "sort_key": "qc_x"}),
        NodeRecord("topic:qcx", "Topic", {"name": "qcx 小组", "kind": "TOPIC", "sort_key": "qcx"}),
    )
    reset(falkor)
    load_graphs(falkor, [GraphData("notice:1999", nodes, ())])
    repo = GraphRepository(falkor)
    assert [h.props["id"] for h in repo.search("qc_x", 5)] == ["topic:qc_x"]
    assert {h.props["id"] for h in repo.search("小组", 5)} == {"topic:qc_x", "topic:qcx"}
    assert repo.search("qc-x", 5) == []


def test_the_neo4j_search_differs_only_in_its_full_text_call() -> None:
    """The Neo4j statements cannot run here (no Neo4j server): they are kept line for line
    FalkorDB's, which run, but for the call of the index (and are linted, test_cypher)."""
    for name in ("search", "create_index_entity_search"):
        assert read_statement(name, "neo4j") != read_statement(name, "falkordb")
    falkordb = read_statement("search", "falkordb").splitlines()
    neo4j = read_statement("search", "neo4j").splitlines()
    changed = [(a, b) for a, b in zip(falkordb, neo4j, strict=True) if a != b and not a.startswith("//")]
    assert changed == [(call("falkordb", "$query", "n"), call("neo4j", "$lucene", "n"))]
