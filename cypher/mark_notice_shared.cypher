// Before a notice's edges go: mark the shared nodes (owner null) its edges touch, so the
// sweep (sweep_notice_shared.cypher) can drop those no other notice links to any more.
MATCH (n:Entity)-[r]-(:Entity)
WHERE r.notice = $notice AND n.owner IS NULL
WITH DISTINCT n
SET n.unloading = $notice
