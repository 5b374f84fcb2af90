CREATE INDEX activity_year IF NOT EXISTS FOR (a:Activity) ON (a.year)
