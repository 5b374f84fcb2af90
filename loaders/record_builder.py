"""The records one notice's graph is built from: nodes and edges kept once each, with provenance.

:class:`RecordBuilder` holds what the builder has written so far and the helpers every part of
the notice writes through (a node, an edge, an actor with its region hierarchy, a named entity,
a product class); :mod:`loaders.notice_sections` and :mod:`loaders.notice_activities` write the
parts, :mod:`loaders.notice` assembles them.
"""

from __future__ import annotations

from typing import Any

from loaders import entities, lexicon
from loaders.entities import Named
from loaders.identity import identify
from loaders.local_actors import Jurisdiction, parent_region
from loaders.model import LINK_BY_TARGET, Label, Rel, kind_of
from loaders.normalize import Normalized
from loaders.records import EdgeRecord, NodeRecord, Provenance, Unplaced
from loaders.structure import NoticeStructure, Span


class RecordBuilder:
    """One notice's nodes, edges and unplaced sentences as they are written, and how to write them."""

    def __init__(
        self, doc: Normalized, structure: NoticeStructure, source_name: str, original: str | None = None
    ) -> None:
        self.doc = doc
        self.original = original
        self.s = structure
        self.year = structure.year
        self.identity = identify(structure, doc.text)
        self.key = self.identity.key  # "2023" for the national notice, "2023:440000:…" for a local one
        self.notice_id = self.identity.notice_id
        self.source_name = source_name
        self.nodes: dict[str, NodeRecord] = {}
        self.edges: dict[tuple[str, str, str, str], EdgeRecord] = {}
        self.unplaced: list[Unplaced] = []
        self.manner_only: dict[str, set[str]] = {}  # campaigns an activity only follows as a manner

    def provenance(self, section: str, span: Span | tuple[int, int], sentence: str) -> Provenance:
        """Where ``sentence`` was read: its section, span, and line and column in the file."""
        start, end = (span.start, span.end) if isinstance(span, Span) else span
        # Line and column locate the sentence (src_text) in the file, not just the clause.
        begin = self.doc.text.rfind(sentence, max(0, start - len(sentence)), start + len(sentence))
        at = begin if begin >= 0 else start
        original = self.original_of(sentence, start) if self.original is not None else None
        return Provenance(section, start, end, sentence, self.doc.line_of(at), self.doc.column_of(at), original)

    def original_of(self, sentence: str, start: int) -> str | None:
        """The sentence as the original (unconverted) text wrote it: same offsets, other script."""
        assert self.original is not None
        begin = self.doc.text.find(sentence, max(0, start - len(sentence)))
        if begin < 0:
            return None
        first, last = self.doc.offsets[begin], self.doc.offsets[min(begin + len(sentence), len(self.doc.offsets)) - 1]
        return self.original[first : last + 1]

    def node(self, node_id: str, label: str, props: dict[str, Any], *, owned: bool) -> str:
        """Add a node once (the first writing wins); ``owned`` nodes belong to this notice. Returns its id."""
        if node_id not in self.nodes:
            self.nodes[node_id] = NodeRecord(node_id, label, props, owner=self.notice_id if owned else None)
        return node_id

    def edge(self, source: str, target: str, rel: str, **props: Any) -> None:
        """Add an edge once per source, target, type and role."""
        key = (source, target, rel, str(props.get("role", "")))
        self.edges.setdefault(key, EdgeRecord(source, target, rel, props))

    def actor(self, actor: lexicon.Actor) -> str:
        """An actor's node, with WITHIN edges up its region hierarchy in a local notice. Returns its id."""
        props: dict[str, Any] = {"name": actor.name, "aliases": list(actor.aliases), "kind": actor.kind}
        if actor.kind == "REGION":
            props["code"] = actor.code
        props["sort_key"] = actor.name
        actor_id = self.node(actor.id, actor.label, props, owned=False)
        if self.identity.code is not None and (parent := parent_region(actor, Jurisdiction(self.identity.code))):
            self.edge(actor_id, self.actor(parent), Rel.WITHIN)  # the hierarchy up to the province
        return actor_id

    def named(self, entity: Named) -> str:
        """A named entity's node (campaign, event, document, topic …). Returns its id."""
        props: dict[str, Any] = {"name": entity.name, "aliases": list(entity.aliases), "kind": kind_of(entity.label)}
        props.update(dict(entity.props))
        if "kind" in dict(entity.props):
            props["event_kind"] = dict(entity.props)["kind"]
            props["kind"] = kind_of(Label.EVENT)
        props["sort_key"] = entity.name
        return self.node(entity.id, entity.label, props, owned=False)

    def link(self, source: str, targets: list[Named], rel: Rel | None = None) -> None:
        """Edges from ``source`` to each named target, over ``rel`` or the registry's link to its kind."""
        for target in targets:
            self.edge(source, self.named(target), rel or LINK_BY_TARGET[target.label].rel)

    def product(self, product: entities.ProductClass) -> str:
        """A product class's node, owned by the notice. Returns its id."""
        props = {
            "kind": "PRODUCT_CATEGORY",
            "name": product.name,
            "count": product.count,
            "unit": product.unit,
            "examples": list(product.examples),
            "sort_key": product.name,
        }
        node_id = product.id
        # One class per count and unit; when it is read again with its examples listed, the
        # richer reading replaces the bare one.
        existing = self.nodes.get(node_id)
        if existing is not None and not existing.props.get("examples") and product.examples:
            del self.nodes[node_id]
        return self.node(node_id, Label.PRODUCT_CATEGORY, props, owned=True)
