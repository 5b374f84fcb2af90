// activities (types any-of $types): first $first in document order, with participants
// (LEAD, PARTNER, SUPPORT) and provenance, and the total. One comprehension per role, each with
// its own variables (FalkorDB empties a second comprehension that reuses a variable name).
// `$type IN a.types` per type is served by an array index on Activity.types where the store has one;
// the total and the page are separate subqueries so that only the page is collected.
CALL {
  UNWIND $types AS type
  MATCH (a:Activity)
  WHERE type IN a.types
  RETURN count(DISTINCT a) AS total
}
CALL {
  UNWIND $types AS type
  MATCH (a:Activity)
  WHERE type IN a.types
  WITH DISTINCT a
  ORDER BY a.sort_key, a.id
  LIMIT $first
  RETURN collect(a) AS page
}
UNWIND range(0, size(page) - 1) AS i
WITH total, i, page[i] AS a
WITH total, i, a,
     [(p1)-[r1:RUNS {role: 'LEAD'}]->(a) | {role: r1.role, actor: {id: p1.id, name: p1.name, kind: p1.kind}}] +
     [(p2)-[r2:RUNS {role: 'PARTNER'}]->(a) | {role: r2.role, actor: {id: p2.id, name: p2.name, kind: p2.kind}}] +
     [(p3)-[r3:RUNS {role: 'SUPPORT'}]->(a) | {role: r3.role, actor: {id: p3.id, name: p3.name, kind: p3.kind}}]
     AS participants
ORDER BY i
RETURN total,
       collect({id: a.id, title: a.title, types: a.types, participants: participants,
                source: {section: a.src_section, text: a.src_text}}) AS nodes
