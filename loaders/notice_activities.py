"""A notice's activities as records: annex items (national) or body items and table rows (local),
with their participants, linked entities and the key arrangements they carry out."""

from __future__ import annotations

from dataclasses import replace

from loaders import entities, local_notice
from loaders.activities import ActivityDraft, split_item
from loaders.links import Implements
from loaders.local_actors import Jurisdiction
from loaders.meaning import meaning_keys
from loaders.model import LINK_BY_TARGET, LINKS, Label, Rel, node_id
from loaders.record_builder import RecordBuilder
from loaders.records import Unplaced
from loaders.structure import Item
from loaders.taxonomy import classify

# The relations to what activities and arrangements name (campaigns, events, documents …);
# loaders.links keeps the targets that identify work.
LINKING_RELS = frozenset(link.rel for link in LINKS if link.target != Label.KEY_ARRANGEMENT)
HOST_VERBS = ("举办", "主办", "召开")


class ActivityRecords(RecordBuilder):
    """Writes the activities of a notice and the links that start at them."""

    def activities(self) -> list[tuple[str, ActivityDraft]]:
        """A national notice's annex items as activities; items without actor or action are unplaced."""
        out: list[tuple[str, ActivityDraft]] = []
        if self.identity.code is not None:
            return out  # a local notice's annex items are read with its body (local_activities)
        for annex in sorted(self.s.annexes):
            for item in self.s.annexes[annex]:
                role = self.s.annex_roles.get(annex)
                drafts = split_item(item, role)
                if not drafts and role != "slogans" and not item.has_subitems:
                    self.unplaced.append(
                        Unplaced(
                            self.doc.line_of(item.span.start),
                            item.section,
                            item.span.text,
                            "no actor or action recognized",
                        )
                    )
                for draft in drafts:
                    out.append((self.activity(annex, item, draft), draft))
        return out

    def activity(self, annex: int, item: Item, draft: ActivityDraft) -> str:
        """One activity node with its runners, campaigns, events, documents, topics and products. Returns its id."""
        # Scene-setting words name the campaign or event an activity belongs to ("结合“昆仑2023”
        # 专项行动"), never its type. A manner ("以“双随机、一公开”方式") makes it part of that
        # programme, but says nothing of its topic or of the arrangement it carries out.
        manner = draft.context.startswith("以")
        link_text = ("" if manner else draft.context) + draft.title
        prov = self.provenance(draft.section, (draft.start, draft.end), draft.sentence)
        activity_id = node_id(Label.ACTIVITY, self.key, f"{draft.section}/{draft.ordinal}")
        props = {
            "kind": "ACTIVITY",
            "title": draft.title,
            "context": draft.context.rstrip("，"),
            "types": classify(draft.parts[0]),  # the action itself, not why it is done
            "ordinal": draft.ordinal,
            "annex": annex,
            "sort_key": f"{annex}-{item.ordinal:03d}-{draft.ordinal:03d}",
            **prov.as_props(),
        }
        # What it means: a local activity carries out a higher-level item by it, and `compare`
        # matches two notices' activities by it (the link statement keeps to local activities).
        props["meaning_keys"] = meaning_keys(draft.context + draft.title)
        self.node(activity_id, Label.ACTIVITY, props, owned=True)
        self.edge(self.notice_id, activity_id, Rel.HAS_ACTIVITY)
        for part in draft.participants:
            self.edge(self.actor(part.actor), activity_id, Rel.RUNS, role=part.role, **prov.as_props())
        brands = entities.repeated_brands(item.span.text)
        own = {c.id for c in entities.campaigns_in(link_text, brands)}
        campaigns = entities.campaigns_in(draft.context + draft.title, brands)
        self.link(activity_id, campaigns)
        self.manner_only[activity_id] = {c.id for c in campaigns} - own
        events = entities.events_in(link_text)
        specific = [e for e in events if e.id in entities.EVENT_PARENTS] or events
        self.link(activity_id, specific)
        for event in specific:
            parent = entities.EVENT_PARENTS.get(event.id)
            if parent:
                self.link(event.id, [e for e in entities.EVENTS if e.id == parent], Rel.PART_OF)
            if draft.title.startswith(HOST_VERBS) and draft.participants:
                self.edge(self.actor(draft.participants[0].actor), event.id, Rel.HOSTS)
        self.link(activity_id, entities.cited_in(draft.title))
        self.link(activity_id, entities.topics_in(link_text))
        for product in entities.products_in(link_text, self.key):
            self.edge(activity_id, self.product(product), LINK_BY_TARGET[Label.PRODUCT_CATEGORY].rel)
        return activity_id

    def local_activities(self) -> list[tuple[str, ActivityDraft]]:
        """A local notice's body items and annex-table rows as activities (:mod:`loaders.local_notice`)."""
        assert self.identity.code is not None
        where = Jurisdiction(self.identity.code)
        body = local_notice.body_activities(self.s, where)
        body += local_notice.annex_activities(self.s, where)
        rows = local_notice.table_activities(self.s, where, body)
        out: list[tuple[str, ActivityDraft]] = []
        for local in (*body, *rows):
            activity_id = self.activity(0, local.item, local.draft)
            if local.rows:  # the annex table repeats it: a second source
                node = self.nodes[activity_id]
                self.nodes[activity_id] = replace(node, props={**node.props, "also_in": local.rows})
            for linked in local.links:
                self.edge(activity_id, self.named(linked), Rel.PART_OF)
            out.append((activity_id, local.draft))
        return out

    def implements(self, drafts: list[tuple[str, ActivityDraft]]) -> None:
        """Link annex activities to the key arrangements they carry out (see :mod:`loaders.links`)."""
        linked: dict[str, set[str]] = {}
        for e in self.edges.values():
            if e.type in LINKING_RELS:
                linked.setdefault(e.source, set()).add(e.target)
        index = Implements(
            (
                node_id(Label.KEY_ARRANGEMENT, self.key, item.ordinal),
                item.body,
                item.title,
                linked.get(node_id(Label.KEY_ARRANGEMENT, self.key, item.ordinal), set()),
            )
            for item in self.s.key_arrangements
        )
        for aid, draft in drafts:
            entities_of = linked.get(aid, set()) - self.manner_only.get(aid, set())
            for arrangement_id, via in index.links(draft.title, entities_of).items():
                self.edge(aid, arrangement_id, LINK_BY_TARGET[Label.KEY_ARRANGEMENT].rel, via=via)
