// One notice: of $year (served by the Notice.year index), or the latest loaded when $year is null.
MATCH (n:Notice)
WHERE $year IS NULL OR n.year = $year
WITH n
ORDER BY n.year DESC
LIMIT 1
RETURN n {.*} AS props
