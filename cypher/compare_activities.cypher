// Two notices compared: each activity of one ($from, then $to) with the activities of the
// other that mean the same. An activity's meaning keys are its campaign series and events,
// the loader's meaning keys (kind of event or action, product, campaign series; topics alone
// are context) and its folded title; two activities match when they share a type and a key.
UNWIND [[$from, $to], [$to, $from]] AS pair
WITH pair[0] AS side, pair[1] AS other
MATCH (:Notice {id: side})-[:HAS_ACTIVITY]->(a:Activity)
OPTIONAL MATCH (a)-[:PART_OF]->(c:Entity)
WITH side, other, a, collect(DISTINCT CASE WHEN c.kind = 'CAMPAIGN' THEN 'campaign:' + coalesce(c.series, c.name)
                                           ELSE 'event:' + c.name END) AS linked
WITH side, other, a, linked + ['title:' + a.title_fold]
     + [k IN coalesce(a.meaning_keys, []) WHERE NOT k STARTS WITH 'topic:'] AS keys
OPTIONAL MATCH (:Notice {id: other})-[:HAS_ACTIVITY]->(b:Activity)
WHERE any(t IN b.types WHERE t IN a.types)  // FalkorDB 4.16: iterating a.types here finds nothing
OPTIONAL MATCH (b)-[:PART_OF]->(d:Entity)
WITH side, a, keys, b, collect(DISTINCT CASE WHEN d.kind = 'CAMPAIGN' THEN 'campaign:' + coalesce(d.series, d.name)
                                             ELSE 'event:' + d.name END) AS linked
WITH side, a, keys, b, linked + ['title:' + b.title_fold]
     + [k IN coalesce(b.meaning_keys, []) WHERE NOT k STARTS WITH 'topic:'] AS theirs
WITH side, a, b, [k IN keys WHERE k IN theirs] AS shared
WITH side, a, collect(CASE WHEN b IS NOT NULL AND size(shared) > 0 THEN {id: b.id, on: shared} END) AS matches
RETURN side, a {.*} AS props, matches
ORDER BY side, a.sort_key, a.id
