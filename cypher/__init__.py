"""Every statement the service runs, one ``.cypher`` file each, loaded once by name.

A dialect may override a shared file with ``<dialect>/<name>.cypher`` beside it. Statement
templates may name ``__LABEL__`` or ``__TYPE__``; the store substitutes them only from the
graph model's allow-list (:mod:`loaders.model`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from importlib import resources

DIALECTS = ("falkordb", "neo4j")


class Q(StrEnum):
    """Names of all statements; each must have a file for every dialect."""

    PING = "ping"
    CREATE_INDEX_ENTITY_ID = "create_index_entity_id"
    CREATE_INDEX_ENTITY_SEARCH = "create_index_entity_search"
    CREATE_INDEX_ENTITY_OWNER = "create_index_entity_owner"
    CREATE_INDEX_ENTITY_KIND = "create_index_entity_kind"
    CREATE_INDEX_ACTIVITY_TYPES = "create_index_activity_types"
    CREATE_INDEX_ACTIVITY_YEAR = "create_index_activity_year"
    CREATE_INDEX_NOTICE_YEAR = "create_index_notice_year"
    DELETE_NOTICE_FACTS = "delete_notice_facts"
    MARK_NOTICE_SHARED = "mark_notice_shared"
    DELETE_NOTICE_EDGES = "delete_notice_edges"
    SWEEP_NOTICE_SHARED = "sweep_notice_shared"
    UNMARK_NOTICE_SHARED = "unmark_notice_shared"
    NOTICE_SUMMARIES = "notice_summaries"
    DELETE_ALL = "delete_all"
    DELETE_LEGACY_TERMS = "delete_legacy_terms"
    MERGE_NODES = "merge_nodes"
    MERGE_EDGES = "merge_edges"
    LINK_IMPLEMENTATIONS = "link_implementations"
    LINK_NOTICES = "link_notices"
    SET_META = "set_meta"
    GET_META = "get_meta"
    COUNT_ENTITIES = "count_entities"
    COUNT_EDGES = "count_edges"
    GET_NODES = "get_nodes"
    SEARCH = "search"
    SEARCH_SCAN = "search_scan"
    LIST_NOTICES = "list_notices"
    GET_NOTICE = "get_notice"
    LIST_ACTORS = "list_actors"
    LIST_ACTIVITY_FACTS = "list_activity_facts"
    ACTIVITY_DETAILS = "activity_details"
    PARTNERS = "partners"
    SCOPED_ACTORS = "scoped_actors"
    LINKED_NODES = "linked_nodes"
    OUTGOING = "outgoing"
    INCOMING = "incoming"
    IMPLEMENTED_BY = "implemented_by"
    COMPARE_ACTORS = "compare_actors"
    COMPARE_LINKED = "compare_linked"
    COMPARE_ACTIVITIES = "compare_activities"
    NEIGHBORS = "neighbors"
    EXPORT_NODES = "export_nodes"
    EXPORT_EDGES = "export_edges"


@dataclass(frozen=True)
class Generated:
    """A statement written by the query compiler (``graph_api.compiler``), not read from a file.

    ``name`` says which builder made it (for errors and logs); ``text`` runs on every dialect
    unless ``dialects`` holds a variant for one.
    """

    name: str
    text: str
    dialects: tuple[tuple[str, str], ...] = ()

    def text_for(self, dialect: str) -> str:
        """The text for ``dialect``: its variant if there is one, else the shared text."""
        return dict(self.dialects).get(dialect, self.text)

    def __str__(self) -> str:
        return self.name


class UnknownStatementError(LookupError):
    """A statement name has no ``.cypher`` file for a dialect."""


def read_statement(name: str, dialect: str) -> str:
    """The text of one statement for a dialect: the dialect's own file, else the shared one."""
    root = resources.files(__name__)
    for candidate in (root / dialect / f"{name}.cypher", root / f"{name}.cypher"):
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8").strip()
    raise UnknownStatementError(f"no cypher/{name}.cypher (nor cypher/{dialect}/{name}.cypher)")


def load_catalog(dialect: str) -> dict[Q, str]:
    """All statements of a dialect, by name; fails on the first missing one."""
    if dialect not in DIALECTS:
        raise UnknownStatementError(f"unknown Cypher dialect {dialect!r}")
    return {name: read_statement(name.value, dialect) for name in Q}


def statement_files() -> list[tuple[str, str]]:
    """Every ``.cypher`` file shipped, as (relative path, text): for linting."""
    root = resources.files(__name__)
    out: list[tuple[str, str]] = []
    for sub in ("", *DIALECTS):
        folder = root / sub if sub else root
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".cypher"):
                rel = f"{sub}/{entry.name}" if sub else entry.name
                out.append((rel, entry.read_text(encoding="utf-8")))
    return out
