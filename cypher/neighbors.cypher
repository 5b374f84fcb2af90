// One breadth-first level for neighbourhoods and paths: every edge of each node, both ways.
// One undirected MATCH with collect: measured on FalkorDB 4.16 at 20 copies of the notice,
// 5x faster than two pattern comprehensions, 20x faster than spelling out the types.
UNWIND $ids AS id
MATCH (s:Entity {id: id})-[e]-(t:Entity)
RETURN s.id AS id, collect({target: t.id, type: type(e), outgoing: startNode(e) = s}) AS edges
