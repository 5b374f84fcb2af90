// search: nodes holding every bigram of the query ($terms, through the Term index) and every
// phrase ($parts), scored as the API ranks them (term weight per query token, +10 for a name
// equal to a phrase, up to +5 for a name holding every phrase), best $first, with the fields the
// contract shows and what the snippet is cut from.
MATCH (t:Term)-[w:INDEXES]->(n:Entity)
WHERE t.text IN $terms
WITH n, collect(t.text) AS held, sum(w.weight) AS weight
WHERE all(term IN $terms WHERE term IN held) AND all(p IN $parts WHERE n.search_text CONTAINS p)
WITH n, weight, toLower(coalesce(n.name, n.title, n.text, '')) AS folded
WITH n, weight * 1.0 / $tokens +
        CASE
          WHEN any(p IN $parts WHERE p = folded) THEN 10
          WHEN all(p IN $parts WHERE folded CONTAINS p)
            THEN 5 - (CASE WHEN size(folded) < 40 THEN size(folded) ELSE 40 END) / 10.0
          ELSE 0
        END AS raw
WITH n, round(raw * 10000) / 10000.0 AS score
ORDER BY score DESC, coalesce(n.sort_key, ''), n.id
LIMIT $first
RETURN score, n.id AS id, n.label AS label, n.name AS name, n.title AS title, n.text AS text,
       coalesce(n.aliases, []) AS aliases, n.src_text AS src_text, n.search_text AS search_text
