// One breadth-first level for neighbourhoods and paths: every edge of each node, both ways.
UNWIND $ids AS id
MATCH (s:Entity {id: id})
RETURN s.id AS id,
       [(s)-[r]->(t:Entity) | {target: t.id, type: type(r), outgoing: true}]
       + [(s)<-[r]-(t:Entity) | {target: t.id, type: type(r), outgoing: false}] AS edges
