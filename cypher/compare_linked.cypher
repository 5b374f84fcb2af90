// Two notices compared: the campaigns and events their activities are part of, grouped by
// meaning (a campaign's series, so 昆仑2023 and 昆仑2025 are one programme; an event's name),
// with each notice's nodes of the group.
UNWIND [$from, $to] AS side
MATCH (:Notice {id: side})-[:HAS_ACTIVITY]->(:Activity)-[:PART_OF]->(c:Entity)
WITH DISTINCT side, c
WITH c.kind AS kind, coalesce(c.series, c.name) AS key,
     collect(CASE WHEN side = $from THEN c {.*} END) AS in_from,
     collect(CASE WHEN side = $to THEN c {.*} END) AS in_to
RETURN kind, key, in_from, in_to
ORDER BY kind, key
