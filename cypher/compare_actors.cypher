// Two notices compared: every actor running an activity of either ($from, $to), and which of
// the two it runs activities in. Actors are shared nodes, so one body is one row.
UNWIND [$from, $to] AS side
MATCH (:Notice {id: side})-[:HAS_ACTIVITY]->(:Activity)<-[:RUNS]-(x:Entity)
WITH x, collect(DISTINCT side) AS sides
RETURN x {.*} AS props, $from IN sides AS in_from, $to IN sides AS in_to
ORDER BY x.sort_key, x.id
