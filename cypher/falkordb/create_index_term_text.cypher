CREATE INDEX FOR (t:Term) ON (t.text)
