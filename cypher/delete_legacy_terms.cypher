// Graphs written before search moved into the full-text index hold a bigram index of Term
// nodes with INDEXES edges; a load takes it out. On a graph written since, nothing matches.
MATCH (t:Term)
DETACH DELETE t
