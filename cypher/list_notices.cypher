// Loaded notices, newest first (the national one of a year before its local ones), optionally
// of one level, of one year, or issued within a region ($within: its code's leading digits).
MATCH (n:Notice)
WHERE ($level IS NULL OR coalesce(n.level, 'NATIONAL') = $level)
  AND ($year IS NULL OR n.year = $year)
  AND ($within IS NULL OR (n.code IS NOT NULL AND n.code STARTS WITH $within))
RETURN n {.*} AS props
ORDER BY n.year DESC, CASE WHEN coalesce(n.level, 'NATIONAL') = 'NATIONAL' THEN 0 ELSE 1 END, n.id
