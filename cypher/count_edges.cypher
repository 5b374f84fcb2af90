MATCH (:Entity)-[r]->(:Entity)
RETURN count(r) AS count
