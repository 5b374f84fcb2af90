MATCH (a:Entity)
WHERE a.kind IN $kinds
RETURN a.id AS id, a.name AS name, a.kind AS kind, a.aliases AS aliases, a.code AS code
ORDER BY a.name, a.id
