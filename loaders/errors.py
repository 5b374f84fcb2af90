"""The loaders' own error: a document that cannot be read as a notice.

Loaders know nothing of the service; ``graph_api.errors.LoadError`` maps this error into the
service's coded hierarchy (``BAD_INPUT``) where errors become GraphQL, HTTP or CLI answers.
"""

from __future__ import annotations


class LoadError(Exception):
    """A notice file refused: ``message`` names the file and what failed; ``details`` carry
    where (``source``, ``line``, ``column``), the file ``kind`` and the ``limit`` met, when known."""

    def __init__(self, message: str, **details: object) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    def named(self, name: str) -> LoadError:
        """The same refusal with the file's name in front, for errors raised below the file level."""
        named = LoadError(f"{name}: {self.message}", **self.details)
        named.details["source"] = name
        return named
