"""The one root exception of the service and its coded subclasses.

Every error carries a machine-readable ``code`` (it becomes ``extensions.code`` in GraphQL
answers and the exit message of the CLI) and names the key, line or id that failed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from loaders.errors import LoadError as DocumentError


class QGraphError(Exception):
    """Root of every error the service raises on purpose."""

    code = "INTERNAL"

    def __init__(self, message: str, *, internal: str = "", **details: object) -> None:
        """``message`` is for anyone; ``internal`` (a driver's text, a socket path) only for
        logs and the CLI's operator; ``details`` (key, line, id …) go into ``extensions``."""
        super().__init__(message)
        self.message = message
        self.internal = internal
        self.details = details


class ConfigError(QGraphError):
    """A setting is missing, malformed or names something unsupported."""

    code = "CONFIG"


# What a client is told while the store is away: no socket paths, no driver text.
UNAVAILABLE_MESSAGE = "the graph store is unavailable; retry in a few seconds"
RETRY_AFTER_SECONDS = 2


class StoreUnavailable(QGraphError):
    """The graph store cannot be reached or did not start."""

    code = "UNAVAILABLE"

    @classmethod
    def away(cls, internal: str = "", **details: object) -> StoreUnavailable:
        """The error a client sees while the store is away: the fixed message and a retry hint;
        ``internal`` (the driver's text, a socket path) is for operators only."""
        return cls(UNAVAILABLE_MESSAGE, internal=internal, retryAfter=RETRY_AFTER_SECONDS, **details)


class StoreError(QGraphError):
    """The store refused or failed a statement."""

    code = "STORE_ERROR"


class StoreFull(QGraphError):
    """The store cannot persist a write: its disk (or memory limit) is full. Nothing changed."""

    code = "INSUFFICIENT_STORAGE"
    public = True  # names the data directory and what to do, nothing internal


class StoreTimeout(QGraphError):
    """A statement ran past the per-query timeout."""

    code = "TIMEOUT"


class UnknownStatement(QGraphError):
    """A statement name has no ``.cypher`` file."""

    code = "INTERNAL"


class LoadError(QGraphError):
    """The input document cannot be read as a notice; nothing was written."""

    code = "BAD_INPUT"

    @classmethod
    def of(cls, exc: DocumentError) -> LoadError:
        """The loaders' refusal as the service's coded error: same message, same details."""
        error = cls(exc.message)
        error.details = dict(exc.details)
        return error


@contextmanager
def document_errors() -> Iterator[None]:
    """Where loaders are called from the service: their refusals become coded ``LoadError``s."""
    try:
        yield
    except DocumentError as exc:
        raise LoadError.of(exc) from None


class BadUserInput(QGraphError):
    """An API argument is malformed (cursor, id, enum, range)."""

    code = "BAD_USER_INPUT"


class NotFound(QGraphError):
    """An id names nothing in the graph, or no route answers at a path."""

    code = "NOT_FOUND"


class BadRequest(QGraphError):
    """The HTTP request itself is malformed: not UTF-8, not JSON, not a GraphQL request."""

    code = "BAD_REQUEST"


class MethodNotAllowed(QGraphError):
    """The route exists, not for this HTTP method."""

    code = "METHOD_NOT_ALLOWED"


class Unauthenticated(QGraphError):
    """An admin route without the admin bearer token (or with a wrong one)."""

    code = "UNAUTHENTICATED"


class NotReady(QGraphError):
    """The service runs but cannot answer yet: the graph holds no notice."""

    code = "NOT_READY"


class LoadBusy(StoreError):
    """Another load or unload holds the graph's load lock."""

    code = "LOAD_BUSY"


class LimitExceeded(QGraphError):
    """A request asks for more than the service allows (page size, depth, hops)."""

    code = "LIMIT_EXCEEDED"


class BodyTooLarge(LimitExceeded):
    """A request body or query string is larger than its limit (``QGRAPH_MAX_BODY`` …)."""


class Forbidden(QGraphError):
    """The request uses something this service does not offer to this caller."""

    code = "FORBIDDEN"
