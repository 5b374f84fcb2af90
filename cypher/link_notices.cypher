// A local notice IMPLEMENTS the higher-level notices of its year (the national one; its
// province's; its city's), made for the notice just loaded ($notice) on either side. It starts
// from the loaded notice and the other notices of its year (Notice.year is indexed): `side` 0
// takes the loaded notice as the implementing one (n), 1 as the implemented one (m).
MATCH (x:Notice {id: $notice})
MATCH (y:Notice)
WHERE y.year = x.year AND y.id <> x.id
UNWIND [0, 1] AS side
WITH CASE side WHEN 0 THEN x ELSE y END AS n, CASE side WHEN 0 THEN y ELSE x END AS m
WHERE coalesce(n.level, 'NATIONAL') <> 'NATIONAL'
WITH n, m, coalesce(m.level, 'NATIONAL') AS above
WHERE above = 'NATIONAL'
   OR (above = 'PROVINCIAL' AND n.level IN ['CITY', 'COUNTY'] AND left(n.code, 2) = left(m.code, 2))
   OR (above = 'CITY' AND n.level = 'COUNTY' AND left(n.code, 4) = left(m.code, 4))
MERGE (n)-[r:IMPLEMENTS {key: n.id + '>' + m.id}]->(m)
SET r.notice = n.id, r.across = true
RETURN count(r) AS linked
