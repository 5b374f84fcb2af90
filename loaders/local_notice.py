"""What a local notice contributes beyond the national reading: body activities, annex-table
rows, issuers, all qualified by the notice's jurisdiction (pure data; the builder writes it).

A table row that repeats a body activity (its name or content is mostly said in that activity's
sentence) is a second source of it; a row that repeats none is an activity of its own, led by
its 牵头单位 (a placeholder lead leaves it without one).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from loaders.activities import ActivityDraft
from loaders.activity_actors import Participation
from loaders.entities import Named
from loaders.lexicon import Actor
from loaders.local_actors import Jurisdiction, qualify, qualify_all
from loaders.local_items import LocalReader
from loaders.structure import Item, NoticeStructure, Span
from loaders.tables import TableRow

# A row repeats an activity when this share of its name's (or content's) character pairs is in
# the activity's sentence.
SAME_ROW = 0.5


@dataclass
class LocalActivity:
    """One activity: the item it was read under, the draft, its events and programmes, the
    annex rows that repeat it."""

    item: Item
    draft: ActivityDraft
    links: list[Named]
    rows: list[str] = field(default_factory=list)  # "附件1/3"


def body_activities(structure: NoticeStructure, where: Jurisdiction) -> list[LocalActivity]:
    """The activities of the body's items (活动内容 / 主要活动 / 重点活动 …)."""
    reader = LocalReader(where)
    out: list[LocalActivity] = []
    heading = ""
    for item in (*structure.content_items, *structure.key_arrangements):
        # "1." items after a "（六）" item that ends in a full stop are its points, not a "（一）" of
        # their own: their path is "四/（六）/1.", so ids never collide with "四/（一）".
        if item.span.text[:1].isdigit() and heading:
            item = replace(item, section=f"{heading}/{item.ordinal}.")
        else:
            heading = item.section
        out += [LocalActivity(item, draft, links) for draft, links in reader.item(item)]
    return out


def annex_activities(structure: NoticeStructure, where: Jurisdiction) -> list[LocalActivity]:
    """Numbered items of annexes that list activities ("附件1 各乡镇（街道）重点活动" / "一、武康街道"):
    read like body items; an item's heading ("武康街道") leads what its sentences leave subjectless."""
    reader = LocalReader(where)
    out: list[LocalActivity] = []
    for annex, items in sorted(structure.annexes.items()):
        if structure.annex_roles.get(annex) in ("slogans", "table"):
            continue
        for item in items:
            # "一、阜溪街道" (a heading without a full stop) or the heading a "1." point is under
            named = item.heading or (item.title if "。" not in item.span.text.split("\n", 1)[0] else "")
            heading = qualify_all(named, where) if named else None
            for draft, links in reader.item(item, paragraphs=True):
                if heading and not any(p.role == "LEAD" for p in draft.participants):
                    draft.participants[:0] = [Participation(a, "LEAD") for a in heading]
                out.append(LocalActivity(item, draft, links))
    return out


def table_activities(structure: NoticeStructure, where: Jurisdiction, body: list[LocalActivity]) -> list[LocalActivity]:
    """Rows of annex tables: a repeat marks its body activities, a new row is a new activity."""
    out: list[LocalActivity] = []
    for annex, rows in sorted(structure.table_rows.items()):
        for span, row in rows:
            path = f"附件{annex}/{row.number}"
            leads = {a.id for a in qualify_all(row.leads, where) or []}
            repeats = [a for a in body if _repeats(row, leads, a.draft)]
            for activity in repeats:
                activity.rows.append(path)
            if not repeats:
                out.append(_row_activity(path, span, row, where))
    return out


def issuers(structure: NoticeStructure, where: Jurisdiction) -> list[Actor]:
    """The issuing bodies from the signature (or the stacked names above the title), in order."""
    found = [a for name in structure.signatories if (a := qualify(name, where))]
    return list(dict.fromkeys(found))


def _row_activity(path: str, span: Span, row: TableRow, where: Jurisdiction) -> LocalActivity:
    item = Item(path, row.number, row.name, span)
    start = span.start + span.text.find(row.name)
    draft = ActivityDraft(path, 1, [row.name], start, start + len(row.name), span.text, "")
    draft.participants.extend(Participation(a, "LEAD") for a in qualify_all(row.leads, where) or [])
    return LocalActivity(item, draft, [])


def _pairs(text: str) -> set[str]:
    text = "".join(ch for ch in text if ch.isalnum())
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _repeats(row: TableRow, leads: set[str], draft: ActivityDraft) -> bool:
    """The row's lead runs the activity and its name or content is said in the activity's sentence."""
    if not leads or not leads & {p.actor.id for p in draft.participants}:
        return False
    said = _pairs(draft.sentence)
    for cell in (row.name, row.content):
        pairs = _pairs(cell)
        if pairs and len(pairs & said) / len(pairs) >= SAME_ROW:
            return True
    return False
