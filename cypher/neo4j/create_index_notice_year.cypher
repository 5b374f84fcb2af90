CREATE INDEX notice_year IF NOT EXISTS FOR (n:Notice) ON (n.year)
