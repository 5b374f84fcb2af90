"""Every statement the service runs, one ``.cypher`` file each, loaded once by name.

A dialect may override a shared file with ``<dialect>/<name>.cypher`` beside it. Statement
templates may name ``__LABEL__`` or ``__TYPE__``; the store substitutes them only from the
graph model's allow-list (:mod:`loaders.model`).
"""

from __future__ import annotations

from enum import StrEnum
from importlib import resources

DIALECTS = ("falkordb", "neo4j")


class Q(StrEnum):
    """Names of all statements; each must have a file for every dialect."""

    PING = "ping"
    CREATE_INDEX_ENTITY_ID = "create_index_entity_id"
    CREATE_INDEX_TERM_TEXT = "create_index_term_text"
    CREATE_INDEX_ENTITY_OWNER = "create_index_entity_owner"
    DELETE_NOTICE_FACTS = "delete_notice_facts"
    DELETE_ORPHAN_TERMS = "delete_orphan_terms"
    DELETE_ALL = "delete_all"
    MERGE_NODES = "merge_nodes"
    MERGE_EDGES = "merge_edges"
    MERGE_TERMS = "merge_terms"
    SET_META = "set_meta"
    GET_META = "get_meta"
    COUNT_ENTITIES = "count_entities"
    COUNT_BY_KIND = "count_by_kind"
    COUNT_EDGES = "count_edges"
    GET_NODES = "get_nodes"
    FIND_TERMS = "find_terms"
    SCAN_TEXT = "scan_text"
    LIST_NOTICES = "list_notices"
    LIST_ACTORS = "list_actors"
    LIST_ACTIVITY_FACTS = "list_activity_facts"
    ACTIVITY_DETAILS = "activity_details"
    ACTOR_ACTIVITY_IDS = "actor_activity_ids"
    OUTGOING = "outgoing"
    NEIGHBORS = "neighbors"
    EXPORT_NODES = "export_nodes"
    EXPORT_EDGES = "export_edges"


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
