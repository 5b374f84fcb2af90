// Every relationship, from the store's counts (no expansion); search-index edges are
// subtracted by the caller (count_index_edges.cypher).
MATCH ()-[r]->()
RETURN count(r) AS count
