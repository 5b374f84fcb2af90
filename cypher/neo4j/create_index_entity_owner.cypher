CREATE INDEX entity_owner IF NOT EXISTS FOR (n:Entity) ON (n.owner)
