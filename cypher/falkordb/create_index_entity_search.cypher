// The full-text index search reads (RediSearch inside FalkorDB) over the tokens the writer
// computed (graph_api/store/writer.py search_terms: bigrams joined by spaces), so it only
// splits on spaces: no stemming, no stop words.
CALL db.idx.fulltext.createNodeIndex({label: 'Entity', stopwords: []}, {field: 'name_terms', nostem: true}, {field: 'text_terms', nostem: true})
