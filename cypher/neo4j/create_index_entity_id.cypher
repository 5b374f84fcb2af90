CREATE INDEX entity_id IF NOT EXISTS FOR (n:Entity) ON (n.id)
