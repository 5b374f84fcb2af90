"""quality-graph: a GraphQL knowledge graph over the national 质量月 notice."""

__version__ = "0.1.0"
