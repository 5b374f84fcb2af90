"""Turn a notice's records into batched write steps (``UNWIND $rows``) for one transaction."""

from __future__ import annotations

import hashlib
import itertools
import uuid
from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar

from pypinyin import Style, lazy_pinyin

from cypher import Q
from graph_api.store.protocol import WriteStep
from loaders import synonyms
from loaders.model import Label
from loaders.records import GraphData
from loaders.tokens import fold, tokens

T = TypeVar("T")

# Tokens found in these properties weigh more in search ranking than those of the sentence
# (cypher/search.cypher: 3 for a query token among the name tokens, 1 otherwise).
NAME_FIELDS = ("name", "title", "text")
INDEX_STEPS = (
    Q.CREATE_INDEX_ENTITY_ID,
    Q.CREATE_INDEX_ENTITY_OWNER,
    Q.CREATE_INDEX_ENTITY_KIND,
    Q.CREATE_INDEX_ACTIVITY_TYPES,
    Q.CREATE_INDEX_ACTIVITY_YEAR,
    Q.CREATE_INDEX_NOTICE_YEAR,
    Q.CREATE_INDEX_ENTITY_SEARCH,
)


def batched(items: Sequence[T], size: int) -> Iterator[list[T]]:
    """Consecutive slices of at most ``size`` items."""
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def _names(props: dict[str, Any]) -> list[str]:
    """The name-like texts of a node: name, title or text, then its aliases."""
    return [str(props[f]) for f in NAME_FIELDS if props.get(f)] + [str(a) for a in props.get("aliases") or []]


def search_text(props: dict[str, Any]) -> str:
    """What search matches and snippets show: names, aliases, then the source sentence."""
    parts = _names(props)
    if props.get("src_text"):
        parts.append(str(props["src_text"]))
    if other_names := synonyms.expand("\n".join(parts)):
        parts.append(other_names)  # "QC小组" is found as 质量管理小组 too
    return "\n".join(dict.fromkeys(parts))


def search_terms(props: dict[str, Any]) -> dict[str, str]:
    """The node's search tokens for the database's full-text index, tokenized here (bigrams,
    :func:`loaders.tokens.tokens`) and joined by spaces, so the index only splits on spaces:
    ``name_terms`` from its names (they rank higher), ``text_terms`` the other tokens of its
    sentence and of the other names of what it names ("QC小组" → 质量管理小组)."""
    names: set[str] = set()
    for text in _names(props):
        names |= tokens(text)
    sentence = str(props.get("src_text") or "")
    rest = tokens(sentence + "\n" + synonyms.expand("\n".join([*_names(props), sentence]))) - names
    return {"name_terms": " ".join(sorted(names)), "text_terms": " ".join(sorted(rest))}


def filter_keys(props: dict[str, Any]) -> dict[str, Any]:
    """Folded copies of the texts filters compare (``loaders.tokens.fold``), so a filter's
    folded value meets a folded property: names and aliases, title, section path."""
    out: dict[str, Any] = {}
    if props.get("name"):
        out["name_folds"] = [fold(str(n)) for n in [props["name"], *(props.get("aliases") or [])]]
    if props.get("title"):
        out["title_fold"] = fold(str(props["title"]))
    if props.get("src_section"):
        out["section_fold"] = fold(str(props["src_section"]))
    return out


def pinyin_key(name: str) -> str:
    """An order key that sorts Chinese names by pinyin (tone numbers break ties): 安徽省
    "an1 hui1 sheng3" before 北京市 "bei3 jing1 shi4"; other characters stay as they are."""
    return " ".join(lazy_pinyin(name, style=Style.TONE3, neutral_tone_with_five=True)).lower()


def notice_year(data: GraphData) -> int | None:
    """The year of the notice ``data`` was read from."""
    return next((int(n.props["year"]) for n in data.nodes if n.label == Label.NOTICE and "year" in n.props), None)


def edge_key(notice_id: str, source: str, target: str, rel_type: str, props: dict[str, Any]) -> str:
    """A stable key that makes re-loading the same edge a MERGE, not a duplicate."""
    raw = "|".join([notice_id, source, rel_type, target, str(props.get("role", ""))])
    return hashlib.sha1(raw.encode()).hexdigest()[:16]


def removal_steps(notice_id: str) -> list[WriteStep]:
    """Every statement that takes one notice out: its edges, its own nodes, and the shared
    nodes (actors, documents …) only it linked to; what other notices use stays as it was."""
    params = {"notice": notice_id}
    return [
        WriteStep(Q.MARK_NOTICE_SHARED, params),
        WriteStep(Q.DELETE_NOTICE_EDGES, params),
        WriteStep(Q.DELETE_NOTICE_FACTS, params),
        WriteStep(Q.SWEEP_NOTICE_SHARED, params),
        WriteStep(Q.UNMARK_NOTICE_SHARED, params),
    ]


def _version_step() -> WriteStep:
    """A new graph version and the time of this write."""
    return WriteStep(Q.SET_META, {"version": uuid.uuid4().hex[:12], "loaded_at": datetime.now(UTC).isoformat()})


def unload_steps(notice_id: str) -> list[WriteStep]:
    """Every statement that unloads one notice (the full-text index follows its nodes)."""
    return [*removal_steps(notice_id), _version_step()]


def load_steps(datas: Sequence[GraphData], batch: int = 500) -> list[WriteStep]:
    """Every statement that loads ``datas``, each notice replacing all its earlier version
    brought (:func:`removal_steps`); the other notices stay as they were."""
    steps = [WriteStep(name) for name in INDEX_STEPS]
    steps.append(WriteStep(Q.DELETE_LEGACY_TERMS))
    loaded_at = datetime.now(UTC).isoformat(timespec="seconds")
    for data in datas:
        steps.extend(removal_steps(data.notice_id))
    node_rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for data in datas:
        year = notice_year(data)
        for node in data.nodes:
            props = dict(node.props)
            props.update(id=node.id, owner=node.owner, label=node.label)
            if node.owner is not None and year is not None:
                props["year"] = year  # owned facts carry their notice's year (filters, indexes)
            if node.label == Label.NOTICE:
                props["loaded_at"] = loaded_at  # `qgraph notices` lists it
            props["search_text"] = fold(search_text(props))
            props.update(search_terms(props))
            props.update(filter_keys(props))
            if props.get("name") and props.get("sort_key") == props["name"]:
                props["sort_key"] = pinyin_key(str(props["name"]))  # named nodes list in pinyin order
            node_rows[node.label].append({"id": node.id, "props": props})
    for label in sorted(node_rows):
        for rows in batched(node_rows[label], batch):
            steps.append(WriteStep(Q.MERGE_NODES, {"rows": rows}, label=label))
    edge_rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for data in datas:
        for edge in data.edges:
            props = dict(edge.props)
            props["notice"] = data.notice_id
            key = edge_key(data.notice_id, edge.source, edge.target, edge.type, props)
            edge_rows[edge.type].append({"source": edge.source, "target": edge.target, "key": key, "props": props})
    for rel_type in sorted(edge_rows):
        for rows in batched(edge_rows[rel_type], batch):
            steps.append(WriteStep(Q.MERGE_EDGES, {"rows": rows}, rel_type=rel_type))
    for data in datas:  # across notices, whichever of two is loaded first
        steps.append(WriteStep(Q.LINK_IMPLEMENTATIONS, {"notice": data.notice_id}))
        steps.append(WriteStep(Q.LINK_NOTICES, {"notice": data.notice_id}))
    steps.append(_version_step())
    return steps
