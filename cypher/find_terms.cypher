// Index-backed: every node holding any of the query tokens, with the tokens it holds.
MATCH (t:Term)-[r:INDEXES]->(n:Entity)
WHERE t.text IN $terms
RETURN n.id AS id, collect(t.text) AS terms, sum(r.weight) AS weight
