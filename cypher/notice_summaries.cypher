// Every loaded notice with what it brought: its own nodes and activities, its edges, and its
// listed organizers in their order (the first is the issuer). Newest first.
MATCH (n:Notice)
OPTIONAL MATCH (x:Entity {owner: n.id})
WITH n, count(x) AS nodes, sum(CASE WHEN x:Activity THEN 1 ELSE 0 END) AS activities
OPTIONAL MATCH (:Entity)-[r]->(:Entity)
WHERE r.notice = n.id
WITH n, nodes, activities, count(r) AS edges
OPTIONAL MATCH (n)-[o:ORGANIZED_BY {listed: true}]->(a:Entity)
WITH n, nodes, activities, edges, o, a
ORDER BY o.ordinal
WITH n, nodes, activities, edges, collect(a.name) AS issuers
RETURN n.id AS id, n.year AS year, issuers, n.source_name AS source, n.loaded_at AS loaded_at,
       nodes, edges, activities
ORDER BY year DESC, id
