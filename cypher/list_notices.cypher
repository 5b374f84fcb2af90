MATCH (n:Notice)
RETURN n {.*} AS props
ORDER BY n.year DESC
