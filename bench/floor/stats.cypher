// stats: node counts by kind, and every edge, from FalkorDB's own per-type totals
// (db.meta.stats(), no scan; a count(r) over MATCH ()-[r]->() is O(1) only as a statement's
// sole clause). FalkorDB dialect.
CALL db.meta.stats() YIELD relCount
WITH relCount AS edges
MATCH (n:Entity)
WITH edges, n.kind AS kind, count(n) AS c
ORDER BY kind
WITH edges, collect({kind: kind, count: c}) AS byKind
RETURN reduce(s = 0, k IN byKind | s + k.count) AS nodes, edges, byKind
