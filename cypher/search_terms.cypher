// Top-k search in one statement. Candidates come from the Term index (bigrams); a node must
// hold every token of each phrase ($groups) and every phrase itself ($parts). Score: summed
// token weight per query token, plus 10 for a name equal to a phrase, or 5 less a little per
// character for a name holding every phrase. Only the k best leave the database.
// $notices (null: every notice) keeps a notice's own nodes and the shared nodes its edges reach.
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
        + CASE
            WHEN any(p IN $parts WHERE p = name) THEN 10.0
            WHEN all(p IN $parts WHERE name CONTAINS p)
              THEN 5.0 - (CASE WHEN size(name) < 40 THEN size(name) ELSE 40 END) / 10.0
            ELSE 0.0
          END AS score
WITH n, round(score * 10000.0) / 10000.0 AS score
ORDER BY score DESC, n.sort_key, n.id
LIMIT $limit
RETURN n {.*} AS props, score
