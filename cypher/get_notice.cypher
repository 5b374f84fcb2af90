// One notice: the national notice of $year (served by the Notice.year index), or the latest
// loaded when $year is null; a local notice only when no national one of that year is loaded.
MATCH (n:Notice)
WHERE $year IS NULL OR n.year = $year
WITH n, CASE WHEN coalesce(n.level, 'NATIONAL') = 'NATIONAL' THEN 0 ELSE 1 END AS local
ORDER BY local, n.year DESC
LIMIT 1
RETURN n {.*} AS props
