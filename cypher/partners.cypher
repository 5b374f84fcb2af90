// Actors that share an activity with each owner, ordered by name; $year narrows the activities.
UNWIND $ids AS owner
MATCH (o:Entity {id: owner})-[:RUNS]->(a:Activity)<-[:RUNS]-(p:Entity)
WHERE p.id <> owner AND ($year IS NULL OR a.year = $year)
WITH DISTINCT owner, p
ORDER BY p.sort_key, p.id
RETURN owner, collect(p {.*}) AS nodes
