// Top-k search for queries the full-text index cannot answer (a one-character phrase: the
// index holds a lone character only where it stands alone): a scan of the folded text,
// scored like search.cypher with a weight of 1; $notices as there.
MATCH (n:Entity)
WHERE all(p IN $parts WHERE n.search_text CONTAINS p)
OPTIONAL MATCH (n)-[e]-(:Entity) WHERE $notices IS NOT NULL AND n.owner IS NULL AND e.notice IN $notices
WITH n, count(e) AS reached
WHERE $notices IS NULL OR n.owner IN $notices OR reached > 0
WITH n, toLower(coalesce(n.name, n.title, n.text, '')) AS name
LIMIT $scan
WITH n, 1.0 / $tokens
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
