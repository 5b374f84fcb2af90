// One row per activity: what filters, facets and sorting need, in one round trip.
MATCH (a:Activity)
RETURN a.id AS id, a.title AS title, a.types AS types, a.search_text AS text,
       a.owner AS notice, a.ordinal AS ordinal, a.src_section AS section,
       [(x)-[r:RUNS]->(a) | {id: x.id, kind: x.kind, role: r.role}] AS actors,
       [(a)-[:PART_OF]->(c:Campaign) | c.id] AS campaigns,
       [(a)-[:PART_OF]->(e:Event) | e.id] AS events,
       [(a)-[:ABOUT]->(t:Topic) | t.id] AS topics,
       [(a)-[:CITES]->(d:Document) | d.id] AS documents,
       [(a)-[:IMPLEMENTS]->(k:KeyArrangement) | k.id] AS arrangements
ORDER BY a.sort_key
