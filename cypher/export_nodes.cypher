MATCH (n:Entity)
RETURN n {.*} AS props, labels(n) AS labels
ORDER BY n.id
