MATCH (a:Entity)-[r]->(b:Entity)
RETURN a.id AS source, b.id AS target, type(r) AS type, r {.*} AS props
ORDER BY source, type, target
