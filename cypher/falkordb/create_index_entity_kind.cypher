CREATE INDEX FOR (n:Entity) ON (n.kind)
