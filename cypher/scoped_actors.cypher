// Actors running the activities linked to each owner over __TYPE__ (a campaign's, an event's …),
// in the order of their first activity; $year narrows the activities.
UNWIND $ids AS owner
MATCH (o:Entity {id: owner})<-[:__TYPE__]-(a:Activity)<-[:RUNS]-(x:Entity)
WHERE $year IS NULL OR a.year = $year
WITH owner, x, min(a.sort_key) AS first
ORDER BY first, x.sort_key, x.id
RETURN owner, collect(x {.*}) AS nodes
