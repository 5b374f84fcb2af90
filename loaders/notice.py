"""Assemble one notice's graph records from its structure and activities."""

from __future__ import annotations

from typing import Any

from loaders import lexicon
from loaders.distribution import split_copied, split_recipients
from loaders.model import Label, Rel
from loaders.normalize import normalize
from loaders.notice_activities import ActivityRecords
from loaders.notice_sections import SectionRecords
from loaders.records import GraphData, Unplaced
from loaders.structure import parse_structure


class _Builder(SectionRecords, ActivityRecords):
    """The notice node, then its parts and activities, in the order the graph has always had them."""

    def build(self) -> GraphData:
        """The notice's records: the notice node, its parts, activities and their links."""
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


def build_graph(raw_text: str, source_name: str = "", original: str | None = None) -> GraphData:
    """Parse a notice's text into graph records (pure: no database).

    ``original`` is the text as the file wrote it when ``raw_text`` is a one-for-one conversion
    of it (traditional script read as simplified); provenance then keeps the original sentence.
    """
    doc = normalize(raw_text)
    structure = parse_structure(doc)
    return _Builder(doc, structure, source_name, original).build()
