// FalkorDB indexes each element of an array property: serves `$type IN a.types`.
CREATE INDEX FOR (a:Activity) ON (a.types)
