// Edges of some types into a batch of nodes, with the edge's properties: the reverse of
// outgoing.cypher (a region's children, the notices implementing a notice). The types come
// from the graph model's allow-list (checked before the call).
UNWIND $ids AS id
MATCH (t:Entity {id: id})<-[r]-(s:Entity)
WHERE type(r) IN $types
RETURN t.id AS target, type(r) AS type, s.id AS source, r {.*} AS props
ORDER BY s.year, s.sort_key, s.id
