// path (a shortest path of 4 hops, as between the bench's two organizers), met in the middle:
// two hops from each end (parallel edges of one type counted once), the best half per middle
// node on each side, joined on the middle node. Intermediate nodes are never the notice hub;
// ties break as the API's two-sided breadth-first walk does: the smallest meeting id, then on
// each side the smallest neighbour id, then relationship type. The halves run in separate subqueries so that no row carries
// the other half's list through a sort (FalkorDB copies it per row).
CALL {
  MATCH (b:Entity {id: $to})-[r4]-(x3:Entity)
  WHERE NOT x3:Notice AND x3 <> b
  WITH DISTINCT b, x3, type(r4) AS t4, startNode(r4) = x3 AS out4
  MATCH (x3)-[r3]-(m:Entity)
  WHERE NOT m:Notice AND m <> b AND m <> x3
  WITH DISTINCT m.id AS m, x3.id AS x3, t4, out4, type(r3) AS t3, startNode(r3) = m AS out3
  ORDER BY x3, t3, t4
  WITH m, collect({x3: x3, t3: t3, out3: out3, t4: t4, out4: out4})[0] AS right
  RETURN collect({m: m, right: right}) AS rights
}
CALL {
  MATCH (a:Entity {id: $from})-[r1]-(x1:Entity)
  WHERE NOT x1:Notice AND x1 <> a
  WITH DISTINCT a, x1, type(r1) AS t1, startNode(r1) = a AS out1
  MATCH (x1)-[r2]-(m:Entity)
  WHERE NOT m:Notice AND m <> a AND m <> x1
  WITH DISTINCT m.id AS m, x1.id AS x1, t1, out1, type(r2) AS t2, startNode(r2) = x1 AS out2
  ORDER BY x1, t1, t2
  RETURN m, collect({x1: x1, t1: t1, out1: out1, t2: t2, out2: out2})[0] AS left
}
WITH m, left, [r IN rights WHERE r.m = m] AS joined
UNWIND joined AS j
WITH m, left, j.right AS right
WHERE left.x1 <> right.x3 AND left.x1 <> $to AND right.x3 <> $from
WITH m, left, right
ORDER BY m, left.x1, left.t1, left.t2, right.x3, right.t3, right.t4
LIMIT 1
WITH [$from, left.x1, m, right.x3, $to] AS ids,
     [{out: left.out1, type: left.t1}, {out: left.out2, type: left.t2},
      {out: right.out3, type: right.t3}, {out: right.out4, type: right.t4}] AS es
UNWIND range(0, 4) AS i
WITH ids, es, i, ids[i] AS nid
MATCH (n:Entity {id: nid})
WITH ids, es, i, n
ORDER BY i
WITH ids, es, collect({id: n.id, label: coalesce(n.name, n.title, n.text, n.id), kind: n.kind}) AS nodes
RETURN nodes,
       [i IN range(0, 3) |
         {source: CASE WHEN es[i].out THEN ids[i] ELSE ids[i + 1] END,
          target: CASE WHEN es[i].out THEN ids[i + 1] ELSE ids[i] END,
          type: es[i].type}] AS edges
