// Top-k search in one statement. Candidates come from the full-text index: nodes holding every
// token of the query ($lucene: the tokens, escaped, joined by AND); each must hold every phrase
// itself ($parts). Score: per query token 3 when it is one of the node's name tokens, else 1,
// over the number of query tokens ($tokens), plus 10 for a name equal to a phrase, or 5 less a
// little per character for a name holding every phrase. Only the k best leave the database.
// $notices (null: every notice) keeps a notice's own nodes and the shared nodes its edges reach.
CALL db.index.fulltext.queryNodes('entity_search', $lucene) YIELD node AS n
WITH n WHERE all(p IN $parts WHERE n.search_text CONTAINS p)
// (an OPTIONAL MATCH whose guard fails walks nothing; a pattern comprehension here would walk
// every candidate's edges even when $notices is null)
OPTIONAL MATCH (n)-[e]-(:Entity) WHERE $notices IS NOT NULL AND n.owner IS NULL AND e.notice IN $notices
WITH n, count(e) AS reached
WHERE $notices IS NULL OR n.owner IN $notices OR reached > 0
WITH n, toLower(coalesce(n.name, n.title, n.text, '')) AS name,
     $nterms + 2 * size([t IN $spaced WHERE (' ' + n.name_terms + ' ') CONTAINS t]) AS weight
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
