CREATE INDEX term_text IF NOT EXISTS FOR (t:Term) ON (t.text)
