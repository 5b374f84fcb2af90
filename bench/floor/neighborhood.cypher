// neighborhood (depth 2): the API's breadth-first walk in one statement. Hops of each node are
// its outgoing then incoming edges; nodes are kept in visiting order up to $limit, edges in
// first-seen order when both ends are kept.
MATCH (s:Entity {id: $id})
WITH s,
     [(s)-[o1]->(t1:Entity) | {n: t1.id, source: s.id, target: t1.id, type: type(o1)}] +
     [(s)<-[i1]-(u1:Entity) | {n: u1.id, source: u1.id, target: s.id, type: type(i1)}] AS hops1
WITH s, hops1,
     reduce(acc = {seen: [s.id], frontier: [], truncated: false}, h IN hops1 |
       CASE
         WHEN h.n IN acc.seen THEN acc
         WHEN size(acc.seen) >= $limit THEN {seen: acc.seen, frontier: acc.frontier, truncated: true}
         ELSE {seen: acc.seen + h.n, frontier: acc.frontier + h.n, truncated: acc.truncated}
       END) AS level1
UNWIND CASE WHEN size(level1.frontier) = 0 THEN [null] ELSE range(0, size(level1.frontier) - 1) END AS i
OPTIONAL MATCH (f:Entity {id: level1.frontier[i]})
WITH s, hops1, level1, i,
     [(f)-[o2]->(t2:Entity) | {n: t2.id, source: f.id, target: t2.id, type: type(o2)}] +
     [(f)<-[i2]-(u2:Entity) | {n: u2.id, source: u2.id, target: f.id, type: type(i2)}] AS hs
ORDER BY i
WITH hops1, level1, collect(hs) AS lists
WITH hops1, level1, reduce(flat = [], x IN lists | flat + x) AS hops2
WITH hops1 + hops2 AS hops,
     reduce(acc = {seen: level1.seen, truncated: level1.truncated}, h IN hops2 |
       CASE
         WHEN h.n IN acc.seen THEN acc
         WHEN size(acc.seen) >= $limit THEN {seen: acc.seen, truncated: true}
         ELSE {seen: acc.seen + h.n, truncated: acc.truncated}
       END) AS level2
WITH level2,
     reduce(acc = [], h IN hops |
       CASE
         WHEN NOT (h.source IN level2.seen AND h.target IN level2.seen) THEN acc
         WHEN {source: h.source, target: h.target, type: h.type} IN acc THEN acc
         ELSE acc + {source: h.source, target: h.target, type: h.type}
       END) AS edges
UNWIND range(0, size(level2.seen) - 1) AS k
MATCH (n:Entity {id: level2.seen[k]})
WITH level2, edges, k, n
ORDER BY k
RETURN collect({id: n.id, label: coalesce(n.name, n.title, n.text, n.id), kind: n.kind}) AS nodes, edges,
       level2.truncated AS truncated
