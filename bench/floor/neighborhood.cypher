// neighborhood (depth 2): the API's breadth-first walk in one statement. Hops of each node come
// from one undirected MATCH, ordered as the API orders them (neighbour id, type, source); nodes are kept in visiting order up to $limit (truncated when
// a hop leads to a node not kept), edges in first-seen order when both ends are kept. Only the
// first level's kept hops travel through the second level's rows (FalkorDB copies lists per row).
MATCH (s:Entity {id: $id})-[e1]-(t1:Entity)
WITH s, e1, t1
ORDER BY t1.id, type(e1), startNode(e1).id
WITH s, collect({n: t1.id, source: startNode(e1).id, target: endNode(e1).id, type: type(e1)}) AS hops1
WITH hops1,
     reduce(seen = [s.id], h IN hops1 |
       CASE WHEN size(seen) >= $limit OR h.n IN seen THEN seen ELSE seen + h.n END) AS seen1
WITH seen1, [h IN hops1 WHERE h.n IN seen1] AS kept1, any(h IN hops1 WHERE NOT h.n IN seen1) AS truncated1
UNWIND CASE WHEN size(seen1) = 1 THEN [null] ELSE range(1, size(seen1) - 1) END AS i
WITH seen1, kept1, truncated1, i, seen1[i] AS frontier
OPTIONAL MATCH (f:Entity {id: frontier})-[e2]-(t2:Entity)
WITH seen1, kept1, truncated1, i, e2, t2
ORDER BY i, t2.id, type(e2), startNode(e2).id
WITH seen1, kept1, truncated1, i,
     collect(CASE WHEN t2 IS NULL THEN null
                  ELSE {n: t2.id, source: startNode(e2).id, target: endNode(e2).id, type: type(e2)} END) AS hs
ORDER BY i
WITH seen1, kept1, truncated1, collect(hs) AS lists
WITH seen1, kept1, truncated1, reduce(flat = [], x IN lists | flat + x) AS hops2
WITH kept1, truncated1, hops2,
     reduce(seen = seen1, h IN hops2 |
       CASE WHEN size(seen) >= $limit OR h.n IN seen THEN seen ELSE seen + h.n END) AS seen2
WITH seen2, truncated1 OR any(h IN hops2 WHERE NOT h.n IN seen2) AS truncated,
     [h IN kept1 + hops2 WHERE h.source IN seen2 AND h.target IN seen2 |
       {source: h.source, target: h.target, type: h.type}] AS kept
WITH seen2, truncated, reduce(acc = [], e IN kept | CASE WHEN e IN acc THEN acc ELSE acc + e END) AS edges
UNWIND range(0, size(seen2) - 1) AS k
WITH seen2, truncated, edges, k, seen2[k] AS nid
MATCH (n:Entity {id: nid})
WITH truncated, edges, k, n
ORDER BY k
RETURN collect({id: n.id, label: coalesce(n.name, n.title, n.text, n.id), kind: n.kind}) AS nodes, edges, truncated
