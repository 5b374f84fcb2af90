UNWIND $ids AS id
MATCH (x:Entity {id: id})-[r:RUNS]->(a:Activity)
RETURN x.id AS actor, a.id AS activity, r.role AS role
ORDER BY a.sort_key
