"""Persisted queries: Apollo's automatic protocol (APQ) and an allow-list for locked-down sites.

APQ (``extensions.persistedQuery = {version: 1, sha256Hash}``): a client first sends only the
hash; an unknown hash answers ``PersistedQueryNotFound`` and the client sends the document with
its hash once, which registers it; from then on the hash alone is enough (and GET URLs stay
short, so they cache). Registered documents are kept in a bounded least-recently-used table.

The allow-list mode accepts only documents registered up front (every ``*.graphql`` file of a
folder, e.g. ``contract/``), by their text or by hash; anything else is refused with
``PERSISTED_QUERY_ONLY``, except for bearers of the admin token.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from graphql import parse, print_ast
from graphql.error import GraphQLSyntaxError

from graph_api.errors import BadUserInput, ConfigError, QGraphError

MODES = ("off", "apq", "allowlist")
APQ_VERSION = 1
MAX_REMEMBERED = 10_000  # documents registered over APQ


class PersistedQueryNotFound(QGraphError):
    """The hash names no document yet: send the document with it once."""

    code = "PERSISTED_QUERY_NOT_FOUND"
    public = True


class PersistedQueryOnly(QGraphError):
    """Allow-list mode: the document is not one of the registered ones."""

    code = "PERSISTED_QUERY_ONLY"
    public = True


class PersistedQueryUnsupported(QGraphError):
    """Persisted queries are off (``QGRAPH_PERSISTED=off``)."""

    code = "PERSISTED_QUERY_NOT_SUPPORTED"
    public = True


def sha256(text: str) -> str:
    """The hex SHA-256 of a document's UTF-8 text, as APQ clients compute it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def documents_in(folder: Path) -> dict[str, str]:
    """Every ``*.graphql`` file of ``folder`` by hash: of its text as written and of its
    printed form (what clients such as graphql-codegen send)."""
    found: dict[str, str] = {}
    for path in sorted(folder.glob("*.graphql")):
        text = path.read_text(encoding="utf-8")
        try:
            printed = print_ast(parse(text))
        except GraphQLSyntaxError as exc:
            raise ConfigError(f"QGRAPH_PERSISTED_DIR: {path} is not a GraphQL document: {exc.message}") from None
        for form in (text, text.strip(), printed):
            found[sha256(form)] = form
    return found


class PersistedQueries:
    """Turns a request's ``query`` and ``extensions`` into the document to run."""

    def __init__(self, mode: str = "apq", registered: Mapping[str, str] | None = None) -> None:
        if mode not in MODES:
            raise ConfigError(f"QGRAPH_PERSISTED: expected one of {list(MODES)}, got {mode!r}", key="QGRAPH_PERSISTED")
        self.mode = mode
        self._registered = dict(registered or {})
        self._remembered: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()

    def document(self, query: str | None, extensions: Mapping[str, Any] | None, admin: bool = False) -> str | None:
        """The document to run (``None`` when the request has none: Strawberry says so)."""
        wanted = self._hash_asked(extensions)
        if wanted is None:
            if query is not None and self.mode == "allowlist" and not admin and sha256(query) not in self._registered:
                raise PersistedQueryOnly("this service runs registered operations only (QGRAPH_PERSISTED=allowlist)")
            return query
        if self.mode == "off":
            raise PersistedQueryUnsupported("PersistedQueryNotSupported")
        if query is not None:
            if sha256(query) != wanted:
                raise BadUserInput("provided sha does not match query", sha256Hash=wanted)
            if self.mode == "allowlist" and not admin and wanted not in self._registered:
                raise PersistedQueryOnly("this service runs registered operations only (QGRAPH_PERSISTED=allowlist)")
            self._remember(wanted, query)
            return query
        found = self._registered.get(wanted) or self._recall(wanted)
        if found is None:
            raise PersistedQueryNotFound("PersistedQueryNotFound")
        return found

    @staticmethod
    def _hash_asked(extensions: Mapping[str, Any] | None) -> str | None:
        persisted = (extensions or {}).get("persistedQuery")
        if persisted is None:
            return None
        if not isinstance(persisted, Mapping) or persisted.get("version") != APQ_VERSION:
            raise BadUserInput("extensions.persistedQuery: expected {version: 1, sha256Hash: …}")
        wanted = persisted.get("sha256Hash")
        if not isinstance(wanted, str) or len(wanted) != 64:
            raise BadUserInput("extensions.persistedQuery.sha256Hash: expected 64 hex digits")
        return wanted.lower()

    def _remember(self, digest: str, query: str) -> None:
        with self._lock:
            self._remembered[digest] = query
            self._remembered.move_to_end(digest)
            while len(self._remembered) > MAX_REMEMBERED:
                self._remembered.popitem(last=False)

    def _recall(self, digest: str) -> str | None:
        with self._lock:
            found = self._remembered.get(digest)
            if found is not None:
                self._remembered.move_to_end(digest)
            return found
