// find_actor: actors whose (lower-cased) name or an alias equals $name; first 5, by name.
MATCH (x:Entity)
WHERE x.kind IN $kinds
  AND (toLower(x.name) = $name OR any(n IN coalesce(x.aliases, []) WHERE toLower(n) = $name))
RETURN x.id AS id, x.name AS name, coalesce(x.aliases, []) AS aliases, x.kind AS kind
ORDER BY x.name, x.id
LIMIT 5
