// find_actor: actors (one scan per actor label, not every entity) whose lower-cased name or an
// alias equals $name; first 5, by name.
CALL {
  MATCH (x:Organizer) RETURN x
  UNION ALL
  MATCH (x:Region) RETURN x
  UNION ALL
  MATCH (x:Association) RETURN x
  UNION ALL
  MATCH (x:Organization) RETURN x
}
WITH x
WHERE toLower(x.name) = $name OR any(n IN coalesce(x.aliases, []) WHERE toLower(n) = $name)
RETURN x.id AS id, x.name AS name, coalesce(x.aliases, []) AS aliases, x.kind AS kind
ORDER BY x.sort_key, x.id
LIMIT 5
