// actors_by_kind ([REGION]): regions by name, the first $first, and the total.
MATCH (x:Region)
WITH x
ORDER BY x.sort_key, x.id
WITH collect({id: x.id, name: x.name, kind: x.kind, code: x.code}) AS rows
RETURN size(rows) AS total, rows[0..$first] AS nodes
