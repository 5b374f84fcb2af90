// Shared nodes the removed notice touched and no other notice's edge reaches go (with their
// search-index edges); the others stay as they were.
MATCH (n:Entity {unloading: $notice})
OPTIONAL MATCH (n)-[r]-(:Entity)
WITH n, count(r) AS links
WHERE links = 0
DETACH DELETE n
