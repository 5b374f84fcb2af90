// Implementation links across notices, made for the notice just loaded ($notice) on either
// side, so the order of loading does not matter: a local activity IMPLEMENTS an item of a
// higher-level notice of the same year (the national notice's key arrangements and content
// items; a provincial or city notice's items and activities within its jurisdiction) when
// they share a meaning key (campaign series, event or action kind, product; a shared topic
// alone is context, not enough).
MATCH (a:Activity)
WHERE a.meaning_keys IS NOT NULL AND size(a.meaning_keys) > 0
MATCH (n:Notice {id: a.owner})
MATCH (t:Entity)
WHERE t.year = a.year AND t.owner <> a.owner AND t.meaning_keys IS NOT NULL
  AND (a.owner = $notice OR t.owner = $notice)
  AND (t:KeyArrangement OR t:ContentItem OR t:Activity)
MATCH (m:Notice {id: t.owner})
WITH a, t, n, m, coalesce(m.level, 'NATIONAL') AS above
WHERE (above = 'NATIONAL' AND NOT t:Activity)
   OR (above = 'PROVINCIAL' AND n.level IN ['CITY', 'COUNTY'] AND left(n.code, 2) = left(m.code, 2))
   OR (above = 'CITY' AND n.level = 'COUNTY' AND left(n.code, 4) = left(m.code, 4))
WITH a, t, [k IN a.meaning_keys WHERE k IN t.meaning_keys] AS shared
WHERE any(k IN shared WHERE NOT k STARTS WITH 'topic:')
MERGE (a)-[r:IMPLEMENTS {key: a.id + '>' + t.id}]->(t)
SET r.via = shared, r.notice = a.owner, r.across = true
RETURN count(r) AS linked
