// Everything an activity shows, for a batch of ids (one round trip per level).
// Each pattern comprehension names its own variables: FalkorDB returns an empty list for
// the second comprehension when both bind a relationship named `r`.
// Matched through the Entity.id index (an index on Entity does not serve (a:Activity {id}) on FalkorDB).
UNWIND $ids AS id
MATCH (a:Entity {id: id})
RETURN a.id AS id,
       [(x)-[runs:RUNS]->(a) | {role: runs.role, id: x.id}] AS participants,
       [(a)-[link]->(t:Entity) | {type: type(link), id: t.id, kind: t.kind}] AS links
