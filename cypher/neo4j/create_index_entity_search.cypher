// The full-text index search reads (Lucene) over the tokens the writer computed (bigrams joined
// by spaces): the cjk analyzer keeps each two-character token one bigram and a lone character
// one unigram; the stop words it drops only widen the candidates, which search.cypher checks.
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS
FOR (n:Entity) ON EACH [n.name_terms, n.text_terms]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}
