// Implementation links across notices, made for the notice just loaded ($notice) on either
// side, so the order of loading does not matter: a local activity IMPLEMENTS an item of a
// higher-level notice of the same year (the national notice's key arrangements and content
// items; a provincial or city notice's items and activities within its jurisdiction) when
// they share a meaning key (campaign series, event or action kind, product; a shared topic
// alone is context, not enough).
// It starts from the loaded notice and the other notices of its year (Notice.year and
// Entity.owner are indexed), so its cost follows those notices' sizes, not the whole graph's:
// `side` 0 takes the loaded notice as the implementing one (n), 1 as the implemented one (m).
MATCH (x:Notice {id: $notice})
MATCH (y:Notice)
WHERE y.year = x.year AND y.id <> x.id
UNWIND [0, 1] AS side
WITH CASE side WHEN 0 THEN x ELSE y END AS n, CASE side WHEN 0 THEN y ELSE x END AS m
WITH n, m, coalesce(m.level, 'NATIONAL') AS above
WHERE above = 'NATIONAL'
   OR (above = 'PROVINCIAL' AND n.level IN ['CITY', 'COUNTY'] AND left(n.code, 2) = left(m.code, 2))
   OR (above = 'CITY' AND n.level = 'COUNTY' AND left(n.code, 4) = left(m.code, 4))
MATCH (a:Activity {owner: n.id})
WHERE a.meaning_keys IS NOT NULL AND size(a.meaning_keys) > 0
MATCH (t:Entity {owner: m.id})
WHERE t.year = a.year AND t.meaning_keys IS NOT NULL
  AND ((above = 'NATIONAL' AND (t:KeyArrangement OR t:ContentItem))
    OR (above <> 'NATIONAL' AND (t:KeyArrangement OR t:ContentItem OR t:Activity)))
WITH a, t, [k IN a.meaning_keys WHERE k IN t.meaning_keys] AS shared
WHERE any(k IN shared WHERE NOT k STARTS WITH 'topic:')
MERGE (a)-[r:IMPLEMENTS {key: a.id + '>' + t.id}]->(t)
SET r.via = shared, r.notice = a.owner, r.across = true
RETURN count(r) AS linked
