CREATE INDEX FOR (a:Activity) ON (a.year)
