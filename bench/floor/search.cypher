// search: the nodes FalkorDB's full-text index holds every bigram of the query for ($query)
// that hold every phrase ($parts), scored as the API ranks them (per query token 3 when it is
// a name token, else 1, over the number of query tokens; +10 for a name equal to a phrase, up
// to +5 for a name holding every phrase), best $first, with the fields the contract shows and
// what the snippet is cut from.
CALL db.idx.fulltext.queryNodes('Entity', $query) YIELD node AS n
WITH n WHERE all(p IN $parts WHERE n.search_text CONTAINS p)
WITH n, toLower(coalesce(n.name, n.title, n.text, '')) AS folded,
     size($terms) + 2 * size([t IN $terms WHERE (' ' + n.name_terms + ' ') CONTAINS (' ' + t + ' ')]) AS weight
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
