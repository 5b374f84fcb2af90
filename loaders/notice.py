"""Assemble one notice's graph records from its structure and activities."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from loaders import entities, lexicon, local_notice
from loaders.activities import ActivityDraft, actor_named_at, split_item
from loaders.distribution import split_copied, split_recipients
from loaders.entities import Named
from loaders.identity import identify
from loaders.links import Implements
from loaders.local_actors import Jurisdiction, parent_region
from loaders.meaning import meaning_keys
from loaders.model import LINK_BY_TARGET, LINKS, Label, Rel, kind_of, node_id
from loaders.normalize import Normalized, normalize
from loaders.records import EdgeRecord, GraphData, NodeRecord, Provenance, Unplaced
from loaders.structure import Item, NoticeStructure, Span, parse_structure
from loaders.taxonomy import classify

# The relations to what activities and arrangements name (campaigns, events, documents …);
# loaders.links keeps the targets that identify work.
LINKING_RELS = frozenset(link.rel for link in LINKS if link.target != Label.KEY_ARRANGEMENT)
HOST_VERBS = ("举办", "主办", "召开")


class _Builder:
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

    # -- helpers -------------------------------------------------------------------------
    def provenance(self, section: str, span: Span | tuple[int, int], sentence: str) -> Provenance:
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
        if node_id not in self.nodes:
            self.nodes[node_id] = NodeRecord(node_id, label, props, owner=self.notice_id if owned else None)
        return node_id

    def edge(self, source: str, target: str, rel: str, **props: Any) -> None:
        key = (source, target, rel, str(props.get("role", "")))
        self.edges.setdefault(key, EdgeRecord(source, target, rel, props))

    def actor(self, actor: lexicon.Actor) -> str:
        props: dict[str, Any] = {"name": actor.name, "aliases": list(actor.aliases), "kind": actor.kind}
        if actor.kind == "REGION":
            props["code"] = actor.code
        props["sort_key"] = actor.name
        actor_id = self.node(actor.id, actor.label, props, owned=False)
        if self.identity.code is not None and (parent := parent_region(actor, Jurisdiction(self.identity.code))):
            self.edge(actor_id, self.actor(parent), Rel.WITHIN)  # the hierarchy up to the province
        return actor_id

    def named(self, entity: Named) -> str:
        props: dict[str, Any] = {"name": entity.name, "aliases": list(entity.aliases), "kind": kind_of(entity.label)}
        props.update(dict(entity.props))
        if "kind" in dict(entity.props):
            props["event_kind"] = dict(entity.props)["kind"]
            props["kind"] = kind_of(Label.EVENT)
        props["sort_key"] = entity.name
        return self.node(entity.id, entity.label, props, owned=False)

    # -- the notice ----------------------------------------------------------------------
    def build(self) -> GraphData:
        s = self.s
        recipients, scope = split_recipients(s.recipients.text if s.recipients else "")
        copied = split_copied(s.copied_to.text if s.copied_to else "")
        preamble = s.preamble
        props: dict[str, Any] = {
            "kind": "NOTICE",
            "year": self.year,
            "name": self.name(),
            "title": self.s.title,
            "level": self.identity.level,
            "jurisdiction": self.identity.jurisdiction,
            "code": self.identity.code,
            "document_number": self.identity.document_number,
            "issued_on": self.identity.issued_on,
            "issuers": list(self.s.signatories),
            "declared_organizer_count": s.declared_count,
            "recipients": recipients,
            "recipient_scope": scope,
            "copied_to": copied,
            "public": s.public,
            "attachments": s.attachments,
            "closing": "".join(c.text for c in s.closing),
            "source_name": self.source_name,
            "sort_key": self.key,
        }
        if preamble:
            props.update(self.provenance("前言", preamble, preamble.text).as_props())
        props.update(self.local_parts())
        self.node(self.notice_id, Label.NOTICE, props, owned=True)
        self.theme()
        self.sections()
        self.contact()
        drafts = self.activities()
        if self.identity.code is not None:
            drafts += self.local_activities()
        self.organizers()
        for name in copied:
            actor = lexicon.find_actor(name)
            if actor:
                self.edge(self.notice_id, self.actor(actor), Rel.COPIED_TO)
        self.implements(drafts)
        for line in s.unplaced:
            self.unplaced.append(Unplaced(self.doc.line_of(line.start), "?", line.text, "no known structure"))
        return GraphData(
            self.notice_id,
            tuple(self.nodes.values()),
            tuple(self.edges.values()),
            tuple(self.unplaced),
            self.source_name,
            char_count=len("".join(self.doc.text.split())),
        )

    def local_parts(self) -> dict[str, Any]:
        """指导思想 / 总体要求, 活动时间 and its stages, the stated role rule: only when the notice has them."""
        s = self.s
        parts = {
            "guidance": "\n".join(t.text for t in s.guidance),
            "period": s.period[0].text if s.period else "",
            "stages": [t.text for t in s.period[1:]],
            "role_rule": s.role_rule.text if s.role_rule else "",
            "printed": s.printed or "",
        }
        return {k: v for k, v in parts.items() if v}

    def name(self) -> str:
        """The notice's title as written; the national notice keeps its readable name."""
        if self.identity.level != "NATIONAL" and self.s.title:
            return self.s.title
        return f"{self.year}年全国“质量月”活动通知"

    def theme(self) -> None:
        if not self.s.themes:
            return
        first = self.s.themes[0]
        texts = {t.text for t in self.s.themes}
        if len(texts) > 1:
            self.unplaced.append(
                Unplaced(
                    self.doc.line_of(self.s.themes[1].start),
                    "附件4",
                    self.s.themes[1].text,
                    "theme differs from the body's theme",
                )
            )
        props = {
            "kind": "THEME",
            "text": first.text,
            "occurrences": len(self.s.themes),
            "lines": [self.doc.line_of(t.start) for t in self.s.themes],
            **self.provenance("一", first, first.text).as_props(),
        }
        theme_id = self.node(node_id(Label.THEME, self.key), Label.THEME, props, owned=True)
        self.edge(self.notice_id, theme_id, Rel.HAS_THEME)
        for ordinal, span in self.s.slogans:
            slogan_id = self.node(
                node_id(Label.SLOGAN, self.key, ordinal),
                Label.SLOGAN,
                {
                    "kind": "SLOGAN",
                    "ordinal": ordinal,
                    "text": span.text,
                    "sort_key": f"{ordinal:03d}",
                    **self.provenance("附件4", span, span.text).as_props(),
                },
                owned=True,
            )
            self.edge(self.notice_id, slogan_id, Rel.HAS_SLOGAN, ordinal=ordinal)

    def sections(self) -> None:
        groups = (
            (Label.CONTENT_ITEM, Rel.HAS_CONTENT_ITEM, self.s.content_items),
            (Label.KEY_ARRANGEMENT, Rel.HAS_KEY_ARRANGEMENT, self.s.key_arrangements),
            (Label.REQUIREMENT, Rel.HAS_REQUIREMENT, self.s.requirements),
        )
        for label, rel, items in groups:
            for item in items:
                self.edge(self.notice_id, self.section_node(label, item), rel, ordinal=item.ordinal)

    def section_node(self, label: Label, item: Item) -> str:
        props = {
            "kind": kind_of(label),
            "ordinal": item.ordinal,
            "title": item.title,
            "sort_key": f"{item.ordinal:03d}",
            **self.provenance(item.section, item.span, item.span.text).as_props(),
        }
        if label in (Label.CONTENT_ITEM, Label.KEY_ARRANGEMENT):
            props["meaning_keys"] = meaning_keys(item.span.text)  # what lower-level notices carry out
        section_id = self.node(node_id(label, self.key, item.ordinal), label, props, owned=True)
        text = item.span.text
        self.link(section_id, entities.cited_in(text))
        if label == Label.KEY_ARRANGEMENT:
            # What an arrangement is about (not part of): its campaigns and events.
            self.link(section_id, entities.campaigns_in(text) + entities.events_in(text), Rel.ABOUT)
            for product in entities.products_in(text, self.key):
                self.edge(section_id, self.product(product), Rel.COVERS)
        return section_id

    def link(self, source: str, targets: list[Named], rel: Rel | None = None) -> None:
        """Edges from ``source`` to each named target, over ``rel`` or the registry's link to its kind."""
        for target in targets:
            self.edge(source, self.named(target), rel or LINK_BY_TARGET[target.label].rel)

    def product(self, product: entities.ProductClass) -> str:
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

    def contact(self) -> None:
        s = self.s
        if not (s.contact_name or s.contact_email):
            return
        props: dict[str, Any] = {
            "kind": "CONTACT",
            "name": s.contact_name,
            "office": s.contact_office,
            "phones": s.contact_phones,
            "email": s.contact_email,
        }
        if s.contact_span:
            props.update(self.provenance("联系人", s.contact_span, s.contact_span.text).as_props())
        contact_id = self.node(node_id(Label.CONTACT, self.key), Label.CONTACT, props, owned=True)
        self.edge(self.notice_id, contact_id, Rel.HAS_CONTACT)

    # -- activities ----------------------------------------------------------------------
    def activities(self) -> list[tuple[str, ActivityDraft]]:
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
        # matches the activities of two notices by it (the link statement keeps to local ones).
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

    def organizers(self) -> None:
        if self.identity.code is not None:
            for n, actor in enumerate(local_notice.issuers(self.s, Jurisdiction(self.identity.code)), start=1):
                self.edge(self.notice_id, self.actor(actor), Rel.ORGANIZED_BY, listed=True, ordinal=n)
            return
        listed = []
        for annex, items in sorted(self.s.annexes.items()):
            if self.s.annex_roles.get(annex) != "organizers":
                continue
            for item in items:
                named = actor_named_at(item.body, 0, "organizers")
                if named and named[0].kind == "ORGANIZER" and named[0] not in listed:
                    listed.append(named[0])
        for n, actor in enumerate(listed, start=1):
            self.edge(self.notice_id, self.actor(actor), Rel.ORGANIZED_BY, listed=True, ordinal=n)
        recipients = self.s.recipients.text if self.s.recipients else ""
        suggested = []
        for stem, national in lexicon.RECIPIENT_STEMS.items():
            found = lexicon.find_actor(national)
            if stem in recipients and found and found not in listed and found not in suggested:
                suggested.append(found)
        for n, actor in enumerate(suggested, start=len(listed) + 1):
            self.edge(
                self.notice_id, self.actor(actor), Rel.ORGANIZED_BY, listed=False, ordinal=n, inferred_from="主送"
            )

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


def build_graph(raw_text: str, source_name: str = "", original: str | None = None) -> GraphData:
    """Parse a notice's text into graph records (pure: no database).

    ``original`` is the text as the file wrote it when ``raw_text`` is a one-for-one conversion
    of it (traditional script read as simplified); provenance then keeps the original sentence.
    """
    doc = normalize(raw_text)
    structure = parse_structure(doc)
    return _Builder(doc, structure, source_name, original).build()
