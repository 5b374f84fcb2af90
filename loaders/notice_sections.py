"""The notice's own parts as records: theme and slogans, body sections, contact, organizers."""

from __future__ import annotations

from typing import Any

from loaders import entities, lexicon, local_notice
from loaders.activity_actors import actor_named_at
from loaders.local_actors import Jurisdiction
from loaders.meaning import meaning_keys
from loaders.model import Label, Rel, kind_of, node_id
from loaders.record_builder import RecordBuilder
from loaders.records import Unplaced
from loaders.structure import Item


class SectionRecords(RecordBuilder):
    """Writes the parts every notice states once: its theme, sections, contact and organizers."""

    def theme(self) -> None:
        """The theme (a differing second statement of it is unplaced) and the numbered slogans."""
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
        """Content items, key arrangements and requirements, each linked from the notice."""
        groups = (
            (Label.CONTENT_ITEM, Rel.HAS_CONTENT_ITEM, self.s.content_items),
            (Label.KEY_ARRANGEMENT, Rel.HAS_KEY_ARRANGEMENT, self.s.key_arrangements),
            (Label.REQUIREMENT, Rel.HAS_REQUIREMENT, self.s.requirements),
        )
        for label, rel, items in groups:
            for item in items:
                self.edge(self.notice_id, self.section_node(label, item), rel, ordinal=item.ordinal)

    def section_node(self, label: Label, item: Item) -> str:
        """One body item's node with what it cites; an arrangement also what it is about and covers."""
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

    def contact(self) -> None:
        """The contact person, when the notice names one."""
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

    def organizers(self) -> None:
        """ORGANIZED_BY edges: the listed organizers (a local notice's issuers), then those 主送 suggests."""
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
