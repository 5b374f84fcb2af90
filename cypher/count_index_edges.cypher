// The search index's INDEXES relationships (not part of the domain graph), from the counts.
MATCH ()-[r:INDEXES]->()
RETURN count(r) AS count
