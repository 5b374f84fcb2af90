// who_runs: actors that run at least one activity of any of $types, in name order (the stored
// sort key: the name on main, its pinyin on issue-12); first 100.
// `$type IN a.types` per type is served by an array index on Activity.types where the store has one.
UNWIND $types AS type
MATCH (a:Activity)
WHERE type IN a.types
MATCH (x:Entity)-[:RUNS]->(a)
WITH DISTINCT x
ORDER BY x.sort_key, x.id
WITH collect({id: x.id, name: x.name, aliases: coalesce(x.aliases, []), kind: x.kind}) AS rows
RETURN size(rows) AS total, rows[0..100] AS nodes
