// Edges of one type from a batch of nodes, with the edge's properties, in stored order.
UNWIND $ids AS id
MATCH (s:Entity {id: id})-[r:__TYPE__]->(t:Entity)
RETURN s.id AS source, t.id AS target, r {.*} AS props
ORDER BY r.ordinal, t.sort_key, t.id
