// A local notice IMPLEMENTS the higher-level notices of its year (the national one; its
// province's; its city's), made for the notice just loaded ($notice) on either side.
MATCH (n:Notice), (m:Notice)
WHERE n.year = m.year AND n.id <> m.id AND (n.id = $notice OR m.id = $notice)
  AND coalesce(n.level, 'NATIONAL') <> 'NATIONAL'
WITH n, m, coalesce(m.level, 'NATIONAL') AS above
WHERE above = 'NATIONAL'
   OR (above = 'PROVINCIAL' AND n.level IN ['CITY', 'COUNTY'] AND left(n.code, 2) = left(m.code, 2))
   OR (above = 'CITY' AND n.level = 'COUNTY' AND left(n.code, 4) = left(m.code, 4))
MERGE (n)-[r:IMPLEMENTS {key: n.id + '>' + m.id}]->(m)
SET r.notice = n.id, r.across = true
RETURN count(r) AS linked
