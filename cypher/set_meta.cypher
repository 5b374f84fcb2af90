MERGE (m:Meta {id: "meta"})
SET m.version = $version, m.loaded_at = $loaded_at
