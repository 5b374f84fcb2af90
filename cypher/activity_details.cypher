// Everything an activity shows, for a batch of ids (one round trip per level).
UNWIND $ids AS id
MATCH (a:Activity {id: id})
RETURN a.id AS id,
       [(x)-[r:RUNS]->(a) | {role: r.role, id: x.id}] AS participants,
       [(a)-[r]->(t:Entity) WHERE type(r) <> "RUNS" | {type: type(r), id: t.id, kind: t.kind}] AS links
