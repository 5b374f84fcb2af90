"""Query text for the database's full-text index over the writer's search tokens.

The writer stores each node's bigram tokens joined by spaces (``name_terms``, ``text_terms``,
graph_api/store/writer.py), and the index is asked for the nodes holding every token of the
query. User text never reaches the index's query language as syntax: the query is built only
from tokens (runs of word characters, :func:`loaders.tokens.tokens`), and every character of a
token that is not a letter or digit is escaped besides ("qc_x" → ``qc\\_x``), which both
RediSearch (FalkorDB) and Lucene (Neo4j) read as the character itself.
"""

from __future__ import annotations

from collections.abc import Iterable

from loaders.model import ENTITY

# FalkorDB names a node full-text index by its label; Neo4j by the name its DDL gives it
# (cypher/neo4j/create_index_entity_search.cypher).
FALKORDB_INDEX = ENTITY
NEO4J_INDEX = "entity_search"


def escape(token: str) -> str:
    """``token`` with every character that is not a letter or digit backslash-escaped."""
    return "".join(c if c.isalnum() else "\\" + c for c in token)


def redisearch_query(tokens: Iterable[str]) -> str:
    """RediSearch query text: every token required (terms separated by spaces intersect)."""
    return " ".join(escape(t) for t in sorted(tokens))


def lucene_query(tokens: Iterable[str]) -> str:
    """Lucene query text: every token required (the query parser's default operator is OR)."""
    return " AND ".join(escape(t) for t in sorted(tokens))


def call(dialect: str, query_param: str, var: str) -> str:
    """The procedure call yielding ``var`` for each node the index holds every token for;
    ``query_param`` names the parameter with that dialect's query text."""
    if dialect == "neo4j":
        return f"CALL db.index.fulltext.queryNodes('{NEO4J_INDEX}', {query_param}) YIELD node AS {var}"
    return f"CALL db.idx.fulltext.queryNodes('{FALKORDB_INDEX}', {query_param}) YIELD node AS {var}"
