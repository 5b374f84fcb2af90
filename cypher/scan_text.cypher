// Fallback for one-character queries, which the bigram index cannot answer.
MATCH (n:Entity)
WHERE n.search_text CONTAINS $text
RETURN n.id AS id
LIMIT $limit
