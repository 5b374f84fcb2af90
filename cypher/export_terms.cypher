// The search index for the Cypher export: each (term, node, weight), in a stable order.
MATCH (t:Term)-[r:INDEXES]->(n:Entity)
RETURN t.text AS term, n.id AS id, r.weight AS weight
ORDER BY term, id
