"""The query compiler: GraphQL filter input → IR → one parameterized Cypher statement.

Pure steps, each tested without a database:

- :mod:`graph_api.compiler.parse` turns filter input objects into the IR;
- :mod:`graph_api.compiler.ir` is the IR: boolean predicates over one node and its relations;
- :mod:`graph_api.compiler.emit` writes Cypher for a predicate (values only as ``$params``);
- :mod:`graph_api.compiler.queries` builds whole statements (pages, nested pages, facets …).

The Cypher is the intersection of Neo4j 5 and FalkorDB 4.16: relation quantifiers are
``OPTIONAL MATCH`` + a grouped ``count(CASE …)`` (no ``EXISTS {}``, no pattern in ``WHERE``,
no ``CALL`` subquery, whose correlated forms differ between the two).
"""
