"""Loaders: notice text in, plain graph records out. Never imports a database client."""

from loaders.records import EdgeRecord, GraphData, NodeRecord

__all__ = ["EdgeRecord", "GraphData", "NodeRecord"]
