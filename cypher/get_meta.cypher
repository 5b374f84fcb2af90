MATCH (m:Meta {id: "meta"})
RETURN m.version AS version, m.loaded_at AS loaded_at
