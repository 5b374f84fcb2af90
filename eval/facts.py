"""The 2024 development notice's facts file: its dimensions, each scored as precision and recall."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from eval.dimension import Score
from loaders.entities import STANDARD_CODE
from loaders.model import Label, Rel
from loaders.records import GraphData

# The bundled 2023 notice's listed organizers, filled by :func:`eval.score.main`: the 2024
# notice's "new organizers" are the ones not among them.
KNOWN_2023_ORGANIZERS: set[str] = set()


def names_of(data: GraphData, ids: Iterable[str]) -> set[str]:
    """The names of the nodes among ``ids``."""
    nodes = {n.id: n for n in data.nodes}
    return {str(nodes[i].props["name"]) for i in ids if i in nodes}


def score_facts(data: GraphData, facts: dict[str, Any], text: str) -> list[Score]:
    """The facts file's dimensions, each as precision and recall."""
    nodes = {n.id: n for n in data.nodes}
    notice = next(n for n in data.nodes if n.label == Label.NOTICE)
    acts = {n.id: n for n in data.nodes if n.label == Label.ACTIVITY}
    runs = [(e.source, e.target, e.props["role"]) for e in data.edges if e.type == Rel.RUNS]
    out: list[Score] = []

    def dim(name: str, predicted: Iterable[Any], expected: Iterable[Any]) -> None:
        s = Score(name)
        s.add(predicted, expected, name)
        out.append(s)

    counts = data.counts()
    contact = next((n for n in data.nodes if n.label == Label.CONTACT), None)
    fields_p = {
        ("year", notice.props["year"]),
        ("theme", next((n.props["text"] for n in data.nodes if n.label == Label.THEME), None)),
        ("declaredOrganizerCount", notice.props["declared_organizer_count"]),
        ("slogans", counts.get(Label.SLOGAN, 0)),
        ("contentItems", counts.get(Label.CONTENT_ITEM, 0)),
        ("keyArrangements", counts.get(Label.KEY_ARRANGEMENT, 0)),
        ("requirements", counts.get(Label.REQUIREMENT, 0)),
        ("copiedTo", "，".join(notice.props["copied_to"])),
    }
    fields_e = {(k, facts[k]) for k, _ in fields_p if k != "copiedTo"} | {("copiedTo", facts["copiedTo"].rstrip("。"))}
    dim("notice fields", fields_p, fields_e)
    dash = str.maketrans({"—": "-", "－": "-", "–": "-"})
    if contact is not None:
        cp = {("name", contact.props["name"]), ("email", contact.props["email"]), ("office", contact.props["office"])}
        cp |= {("phone", p.translate(dash)) for p in contact.props["phones"]}
    else:
        cp = set()
    c = facts["contact"]
    ce = {("name", c["name"]), ("email", c["email"]), ("office", c["office"])}
    dim("contact", cp, ce | {("phone", p.translate(dash)) for p in c["phones"]})
    listed = [e.target for e in data.edges if e.type == Rel.ORGANIZED_BY and e.props.get("listed")]
    dim("organizers listed", names_of(data, listed), facts["organizers_listed"])
    dim("new organizers", names_of(data, listed) - KNOWN_2023_ORGANIZERS, facts["new_organizers"])
    dim(
        "associations",
        {nodes[s].props["name"] for s, _, _ in runs if s.startswith("association:")},
        facts["associations"],
    )
    leads = {nodes[s].props["name"] for s, _, r in runs if s.startswith("region:") and r == "LEAD"}
    dim("regions (lead)", leads, facts["regions"])
    partners_only = {nodes[s].props["name"] for s, _, r in runs if s.startswith("region:")} - leads
    dim("regions (partner only)", partners_only, facts["regions_partner_only"])

    def leads_of(kind: str, prefix: str = "region:") -> set[str]:
        return {
            nodes[s].props["name"]
            for s, t, r in runs
            if s.startswith(prefix) and r == "LEAD" and kind in acts[t].props["types"]
        }

    dim("launch-ceremony regions", leads_of("LAUNCH_CEREMONY"), facts["launch_ceremony_regions"])
    dim("award-ceremony regions", leads_of("AWARD"), facts["award_ceremony_regions"])
    sampling = {nodes[s].props["name"] for s, t, _ in runs if "SUPERVISION_SAMPLING" in acts[t].props["types"]}
    dim("supervision-sampling bodies", sampling, facts["supervision_sampling_bodies"])
    roles_p: set[tuple[str, str, str]] = set()
    roles_e: set[tuple[str, str, str]] = set()
    for p in facts["partners"]:
        hit = [a.id for a in acts.values() if p["evidence"] in str(a.props["src_text"])]
        first = min(hit, key=lambda t: acts[t].props["ordinal"]) if hit else None
        roles_p |= {(p["evidence"], nodes[s].props["name"], r) for s, t, r in runs if t == first}
        roles_e |= {(p["evidence"], name, role) for name, role in p["roles"].items()}
    dim("joint activities' roles", roles_p, roles_e)
    dim("campaigns", {n.props["name"] for n in data.nodes if n.label == Label.CAMPAIGN}, facts["campaigns"])
    # The facts' documents are the 《…》 titles cited: documents, and standards cited by title.
    titles = {
        str(n.props["name"])
        for n in data.nodes
        if n.label == Label.DOCUMENT or (n.label == Label.STANDARD and not STANDARD_CODE.match(str(n.props["name"])))
    }
    dim("documents", titles, facts["documents"])
    repaired = {p for p in facts["repaired_phrases"] if p in text}
    dim("repaired phrases", repaired, facts["repaired_phrases"])
    return out
