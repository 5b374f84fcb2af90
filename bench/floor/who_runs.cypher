// who_runs: actors that run at least one activity of any of $types, by name; first 100.
MATCH (x:Entity)-[:RUNS]->(a:Activity)
WHERE any(t IN a.types WHERE t IN $types)
WITH DISTINCT x
ORDER BY x.name, x.id
WITH collect({id: x.id, name: x.name, aliases: coalesce(x.aliases, []), kind: x.kind}) AS rows
RETURN size(rows) AS total, rows[0..100] AS nodes
