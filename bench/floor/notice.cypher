// notice: the latest notice with theme, slogans, content items, key arrangements (with their
// activities in document order and those activities' participants by role), requirements,
// listed organizers and contact; children in edge order (ordinal, then sort key, then id).
MATCH (n:Notice)
WITH n
ORDER BY n.year DESC
LIMIT 1
CALL {
  WITH n
  MATCH (n)-[:HAS_THEME]->(t:Theme)
  RETURN collect({id: t.id, text: t.text})[0] AS theme
}
CALL {
  WITH n
  MATCH (n)-[r:HAS_SLOGAN]->(s:Slogan)
  WITH s, r
  ORDER BY r.ordinal, s.sort_key, s.id
  RETURN collect({id: s.id, ordinal: s.ordinal, text: s.text}) AS slogans
}
CALL {
  WITH n
  MATCH (n)-[r:HAS_CONTENT_ITEM]->(c:ContentItem)
  WITH c, r
  ORDER BY r.ordinal, c.sort_key, c.id
  RETURN collect({id: c.id, ordinal: c.ordinal, title: c.title}) AS contentItems
}
CALL {
  WITH n
  MATCH (n)-[r:HAS_KEY_ARRANGEMENT]->(k:KeyArrangement)
  CALL {
    WITH k
    MATCH (a:Activity)-[:IMPLEMENTS]->(k)
    WITH a
    ORDER BY a.sort_key, a.id
    WITH a,
         [(p1)-[r1:RUNS {role: 'LEAD'}]->(a) | {actor: {id: p1.id, name: p1.name}}] +
         [(p2)-[r2:RUNS {role: 'PARTNER'}]->(a) | {actor: {id: p2.id, name: p2.name}}] +
         [(p3)-[r3:RUNS {role: 'SUPPORT'}]->(a) | {actor: {id: p3.id, name: p3.name}}] AS participants
    RETURN collect({id: a.id, title: a.title, participants: participants}) AS activities
  }
  WITH k, r, activities
  ORDER BY r.ordinal, k.sort_key, k.id
  RETURN collect({id: k.id, ordinal: k.ordinal, title: k.title, activities: activities}) AS keyArrangements
}
CALL {
  WITH n
  MATCH (n)-[r:HAS_REQUIREMENT]->(q:Requirement)
  WITH q, r
  ORDER BY r.ordinal, q.sort_key, q.id
  RETURN collect({id: q.id, ordinal: q.ordinal, title: q.title}) AS requirements
}
CALL {
  WITH n
  MATCH (n)-[r:ORGANIZED_BY]->(o:Organizer)
  WHERE r.listed = true
  WITH o, r
  ORDER BY r.ordinal, o.sort_key, o.id
  RETURN collect({id: o.id, name: o.name}) AS organizers
}
CALL {
  WITH n
  MATCH (n)-[:HAS_CONTACT]->(c:Contact)
  RETURN collect({name: c.name, office: c.office, phones: coalesce(c.phones, []), email: c.email})[0] AS contact
}
RETURN n.id AS id, n.year AS year, n.declared_organizer_count AS declaredOrganizerCount, theme, slogans,
       contentItems, keyArrangements, requirements, organizers, contact,
       coalesce(n.recipients, []) AS recipients, coalesce(n.copied_to, []) AS copiedTo
