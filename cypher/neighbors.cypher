// One breadth-first level for neighbourhoods and paths: every edge of each node, both ways.
// Distinct variable names per comprehension (see activity_details.cypher).
UNWIND $ids AS id
MATCH (s:Entity {id: id})
RETURN s.id AS id,
       [(s)-[out]->(t:Entity) | {target: t.id, type: type(out), outgoing: true}]
       + [(s)<-[inc]-(u:Entity) | {target: u.id, type: type(inc), outgoing: false}] AS edges
