// actor: one actor with its partners (by name) and its first 100 activities in document order,
// each with participants (by role), campaigns, events, documents and provenance.
MATCH (x:Entity {id: $id})
CALL {
  WITH x
  MATCH (x)-[:RUNS]->(:Activity)<-[:RUNS]-(p:Entity)
  WHERE p <> x
  WITH DISTINCT p
  ORDER BY p.sort_key, p.id
  RETURN collect({id: p.id, name: p.name, kind: p.kind}) AS partners
}
CALL {
  WITH x
  MATCH (x)-[:RUNS]->(a:Activity)
  RETURN count(DISTINCT a) AS total
}
CALL {
  WITH x
  MATCH (x)-[:RUNS]->(a:Activity)
  WITH DISTINCT a
  ORDER BY a.sort_key, a.id
  LIMIT 100
  WITH a,
       [(p1)-[r1:RUNS {role: 'LEAD'}]->(a) | {role: r1.role, actor: {id: p1.id, name: p1.name}}] +
       [(p2)-[r2:RUNS {role: 'PARTNER'}]->(a) | {role: r2.role, actor: {id: p2.id, name: p2.name}}] +
       [(p3)-[r3:RUNS {role: 'SUPPORT'}]->(a) | {role: r3.role, actor: {id: p3.id, name: p3.name}}]
       AS participants,
       [(a)-[c1:PART_OF]->(c:Campaign) | {id: c.id, name: c.name}] AS campaigns,
       [(a)-[e1:PART_OF]->(e:Event) | {id: e.id, name: e.name}] AS events,
       [(a)-[d1:CITES]->(d:Document) | {id: d.id, name: d.name}] AS documents
  RETURN collect({id: a.id, title: a.title, types: a.types, participants: participants,
                  campaigns: campaigns, events: events, documents: documents,
                  source: {section: a.src_section, text: a.src_text, start: a.src_start, end: a.src_end}}) AS acts
}
RETURN x.id AS id, x.name AS name, coalesce(x.aliases, []) AS aliases, x.kind AS kind, x.code AS code,
       x.label AS label, partners, total, acts AS activities
