"""The ranking search had before the full-text index: the oracle the new statements are
checked against. Its bigram index, ``(:Term {text})-[:INDEXES {weight}]->(:Entity)``, is built
here on a copy of the loaded graph, and its two statements run there as they were (main at
1a357e8: cypher/search_terms.cypher and cypher/search_scan.cypher, the same text)."""

from __future__ import annotations

from typing import Any

from graph_api.store.falkordb_store import FalkorDBStore
from graph_api.store.writer import _names
from loaders import synonyms
from loaders.tokens import query_parts, tokens

TERMS = """
UNWIND $rows AS row
MERGE (t:Term {text: row.term})
WITH t, row
MATCH (n:Entity {id: row.id})
MERGE (t)-[r:INDEXES]->(n)
SET r.weight = row.weight
"""

# The ranking both statements ended with: the name bonus, rounding, order and the cut to $limit.
RANK = """        + CASE
            WHEN any(p IN $parts WHERE p = name) THEN 10.0
            WHEN all(p IN $parts WHERE name CONTAINS p)
              THEN 5.0 - (CASE WHEN size(name) < 40 THEN size(name) ELSE 40 END) / 10.0
            ELSE 0.0
          END AS score
WITH n, round(score * 10000.0) / 10000.0 AS score
ORDER BY score DESC, n.sort_key, n.id
LIMIT $limit
RETURN n.id AS id, score
"""

SEARCH_TERMS = (
    """
MATCH (t:Term)-[r:INDEXES]->(n:Entity)
WHERE t.text IN $terms
WITH n, collect(t.text) AS held, sum(r.weight) AS weight
WHERE all(g IN $groups WHERE all(x IN g WHERE x IN held))
  AND all(p IN $parts WHERE n.search_text CONTAINS p)
WITH n, weight, CASE WHEN $notices IS NULL OR n.owner IS NOT NULL THEN 0
                     ELSE size([(n)-[e]-(:Entity) WHERE e.notice IN $notices | 1]) END AS reached
WHERE $notices IS NULL OR n.owner IN $notices OR reached > 0
WITH n, weight, toLower(coalesce(n.name, n.title, n.text, '')) AS name
WITH n, toFloat(weight) / $tokens
"""
    + RANK
)

SEARCH_SCAN = (
    """
MATCH (n:Entity)
WHERE all(p IN $parts WHERE n.search_text CONTAINS p)
WITH n, CASE WHEN $notices IS NULL OR n.owner IS NOT NULL THEN 0
             ELSE size([(n)-[e]-(:Entity) WHERE e.notice IN $notices | 1]) END AS reached
WHERE $notices IS NULL OR n.owner IN $notices OR reached > 0
WITH n, toLower(coalesce(n.name, n.title, n.text, '')) AS name
LIMIT $scan
WITH n, 1.0 / $tokens
"""
    + RANK
)


def term_rows(node_id: str, props: dict[str, Any]) -> list[dict[str, Any]]:
    """The old index rows of one node: each token once, 3 from a name, else 1."""
    weights: dict[str, int] = {}
    for text in _names(props):
        for token in tokens(text):
            weights[token] = 3
    sentence = str(props.get("src_text") or "")
    for token in tokens(sentence + "\n" + synonyms.expand("\n".join([*_names(props), sentence]))):
        weights.setdefault(token, 1)
    return [{"term": t, "id": node_id, "weight": w} for t, w in sorted(weights.items())]


class OldSearch:
    """The old search over a copy (``key``) of ``store``'s graph with the old index built."""

    def __init__(self, store: FalkorDBStore, key: str) -> None:
        conn = store._conn
        if conn.exists(key):
            conn.execute_command("GRAPH.DELETE", key)
        conn.execute_command("GRAPH.COPY", store.graph_name, key)
        self.graph = store._db.select_graph(key)
        self.graph.query("CREATE INDEX FOR (t:Term) ON (t.text)")
        rows = [r for props in self.graph.ro_query("MATCH (n:Entity) RETURN n {.*}").result_set
                for r in term_rows(props[0]["id"], props[0])]
        for i in range(0, len(rows), 2000):
            self.graph.query(TERMS, {"rows": rows[i : i + 2000]})

    def search(self, text: str, limit: int, notices: list[str] | None = None) -> list[tuple[str, float]]:
        """(id, score) of each hit, best first, as GraphRepository.search answered before."""
        parts = query_parts(text)
        if not parts or (notices is not None and not notices):
            return []
        wanted = [sorted(tokens(p)) for p in parts]
        params: dict[str, Any] = {
            "parts": parts, "tokens": max(sum(len(w) for w in wanted), 1), "limit": limit, "notices": notices,
        }
        if all(len(p) > 1 for p in parts):
            params.update(terms=sorted(set().union(*wanted)), groups=wanted)
            result = self.graph.ro_query(SEARCH_TERMS, params)
        else:
            result = self.graph.ro_query(SEARCH_SCAN, {**params, "scan": 500})
        return [(str(i), float(s)) for i, s in result.result_set]

    def close(self) -> None:
        self.graph.delete()
