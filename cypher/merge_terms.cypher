// The portable search index: one Term per token, INDEXES the nodes that contain it.
UNWIND $rows AS row
MERGE (t:Term {text: row.term})
WITH t, row
MATCH (n:Entity {id: row.id})
MERGE (t)-[r:INDEXES]->(n)
SET r.weight = row.weight
