CREATE INDEX FOR (n:Notice) ON (n.year)
