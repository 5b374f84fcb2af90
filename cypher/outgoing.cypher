// Edges of some types from a batch of nodes, with the edge's properties, in stored order.
// The types come from the graph model's allow-list (checked before the call).
UNWIND $ids AS id
MATCH (s:Entity {id: id})-[r]->(t:Entity)
WHERE type(r) IN $types
RETURN s.id AS source, type(r) AS type, t.id AS target, r {.*} AS props
ORDER BY r.ordinal, t.sort_key, t.id
