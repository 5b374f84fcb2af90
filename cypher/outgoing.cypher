// Edges of one type from a batch of nodes, targets in stored order.
UNWIND $ids AS id
MATCH (s:Entity {id: id})-[r:__TYPE__]->(t:Entity)
RETURN s.id AS source, t.id AS target
ORDER BY t.sort_key, t.id
