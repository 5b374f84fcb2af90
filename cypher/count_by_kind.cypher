MATCH (n:Entity)
RETURN n.kind AS kind, count(n) AS count
ORDER BY kind
