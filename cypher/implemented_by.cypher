// The activities of other notices that carry out a batch of items (key arrangements, content
// items, activities of a higher-level notice): incoming IMPLEMENTS edges made across notices
// (across: true), in notice then document order.
UNWIND $ids AS id
MATCH (t:Entity {id: id})<-[r:IMPLEMENTS]-(a:Activity)
WHERE r.across = true
WITH id, a
ORDER BY a.owner, a.sort_key, a.id
RETURN id AS owner, collect(DISTINCT a {.*}) AS nodes
