// Nodes of one label that some activity links to over __TYPE__ (every campaign …), by name;
// $year narrows the activities.
MATCH (a:Activity)-[:__TYPE__]->(n:__LABEL__)
WHERE $year IS NULL OR a.year = $year
WITH DISTINCT n
ORDER BY n.sort_key, n.id
RETURN n {.*} AS props
