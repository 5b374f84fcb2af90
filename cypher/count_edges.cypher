// Every relationship, from the store's counts (no expansion).
MATCH ()-[r]->()
RETURN count(r) AS count
