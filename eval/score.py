"""Score the loader against hand annotations: precision and recall per dimension.

- The bundled 2023 notice against ``eval/annotations/quality-month-2023.tsv`` (every annex
  item's atomic activities, participants and roles, types, campaign/event/document/topic/
  product links, IMPLEMENTS links), see ``eval/README.md`` for the format.
- The synthetic 2024 development notice against its facts file, read from
  ``../shared/corpus`` (or ``QGRAPH_DEV_CORPUS``); when it is absent the table says so.

Run: ``make eval`` (or ``python -m eval.score``). Exit status 1 when a dimension misses its
target (0.97 for 2023, 0.95 for 2024-dev).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from loaders.entities import STANDARD_CODE
from loaders.model import LINKS, Label, Rel
from loaders.notice import build_graph
from loaders.reader import bundled_notice, parse_notice
from loaders.records import GraphData

HERE = Path(__file__).resolve().parent
ANNOTATION_2023 = HERE / "annotations" / "quality-month-2023.tsv"
# ``../shared/corpus`` beside the checkout (or beside the directory of worktrees holding it).
_NEAR = [up / "shared" / "corpus" for up in (HERE.parent.parent, HERE.parent.parent.parent)]
DEV_CORPUS = Path(os.environ.get("QGRAPH_DEV_CORPUS") or next((p for p in _NEAR if p.is_dir()), _NEAR[0]))
TARGET_2023, TARGET_2024 = 0.97, 0.95
# Two activity titles name the same activity when their character bigrams overlap this much.
SAME_TITLE = 0.5
LINK_KINDS = tuple(link.target.lower() for link in LINKS if link.target != Label.KEY_ARRANGEMENT)


@dataclass
class Score:
    """Counts of one dimension, and what was missed or added (shown with ``-v``)."""

    name: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, predicted: Iterable[Any], expected: Iterable[Any], where: str = "") -> None:
        p, e = set(predicted), set(expected)
        self.tp += len(p & e)
        self.fp += len(p - e)
        self.fn += len(e - p)
        self.errors += [f"FP {where} {x}" for x in sorted(map(str, p - e))]
        self.errors += [f"FN {where} {x}" for x in sorted(map(str, e - p))]

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


# -- 2023: the annotation --------------------------------------------------------------------
@dataclass(frozen=True)
class Act:
    """One annotated or predicted activity, flattened for scoring."""

    section: str
    title: str
    roles: frozenset[tuple[str, str]]
    types: frozenset[str]
    links: frozenset[tuple[str, str]]
    implements: frozenset[int]


def read_annotation(path: Path) -> list[Act]:
    """Rows: section, title, actor:ROLE;…, TYPE,…, kind=name;…, ordinal,… (tab-separated)."""
    acts = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cols = (raw.split("\t") + [""] * 6)[:6]
        section, title, roles, types, links, implements = (c.strip() for c in cols)
        try:
            acts.append(
                Act(
                    section,
                    title,
                    frozenset(tuple(r.rsplit(":", 1)) for r in roles.split(";") if r),  # type: ignore[misc]
                    frozenset(t for t in types.split(",") if t),
                    frozenset(tuple(link.split("=", 1)) for link in links.split(";") if link),  # type: ignore[misc]
                    frozenset(int(i) for i in implements.split(",") if i),
                )
            )
        except ValueError as exc:
            raise SystemExit(f"{path}:{number}: {exc}") from None
    return acts


# The relations an activity's annotated links (campaign, event, document …) are read from.
LINKED_RELS = frozenset(link.rel for link in LINKS if link.target != Label.KEY_ARRANGEMENT)

def predicted_acts(data: GraphData) -> list[Act]:
    """The loader's activities in the annotation's terms (names, not ids)."""
    nodes = {n.id: n for n in data.nodes}
    roles: dict[str, set[tuple[str, str]]] = {}
    links: dict[str, set[tuple[str, str]]] = {}
    implements: dict[str, set[int]] = {}
    for e in data.edges:
        if e.type == Rel.RUNS:
            roles.setdefault(e.target, set()).add((nodes[e.source].props["name"], e.props["role"]))
        elif e.type in LINKED_RELS and e.source.startswith("activity:"):
            target = nodes[e.target]
            links.setdefault(e.source, set()).add((target.label.lower(), str(target.props["name"])))
        elif e.type == Rel.IMPLEMENTS:
            implements.setdefault(e.source, set()).add(int(nodes[e.target].props["ordinal"]))
    return [
        Act(
            str(n.props["src_section"]),
            str(n.props["title"]),
            frozenset(roles.get(n.id, ())),
            frozenset(n.props["types"]),
            frozenset(links.get(n.id, ())),
            frozenset(implements.get(n.id, ())),
        )
        for n in data.nodes
        if n.label == Label.ACTIVITY
    ]


def _bigrams(text: str) -> set[str]:
    text = "".join(ch for ch in text if ch.isalnum())
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


def _similarity(a: str, b: str) -> float:
    x, y = _bigrams(a), _bigrams(b)
    return len(x & y) / len(x | y)


def match(expected: list[Act], predicted: list[Act]) -> list[tuple[Act | None, Act | None]]:
    """Pairs of the same activity (same item, similar title), greedy by similarity."""
    candidates = sorted(
        (
            (_similarity(e.title, p.title), i, j)
            for i, e in enumerate(expected)
            for j, p in enumerate(predicted)
            if e.section == p.section
        ),
        reverse=True,
    )
    used_e: set[int] = set()
    used_p: set[int] = set()
    pairs: list[tuple[Act | None, Act | None]] = []
    for similarity, i, j in candidates:
        if similarity < SAME_TITLE or i in used_e or j in used_p:
            continue
        used_e.add(i)
        used_p.add(j)
        pairs.append((expected[i], predicted[j]))
    pairs += [(e, None) for i, e in enumerate(expected) if i not in used_e]
    pairs += [(None, p) for j, p in enumerate(predicted) if j not in used_p]
    return pairs


def score_2023(data: GraphData, expected: list[Act]) -> list[Score]:
    """Precision and recall per dimension; facts of unmatched activities count as misses."""
    dims = {name: Score(name) for name in ("activities", "participants+roles", "types", *LINK_KINDS, "implements")}
    for e, p in match(expected, predicted_acts(data)):
        either = e or p
        assert either is not None
        where = f"{either.section} {either.title[:24]}"
        dims["activities"].add([where] if p else [], [where] if e else [], "")
        dims["participants+roles"].add(p.roles if p else (), e.roles if e else (), where)
        dims["types"].add(p.types if p else (), e.types if e else (), where)
        dims["implements"].add(p.implements if p else (), e.implements if e else (), where)
        for kind in LINK_KINDS:
            predicted = {x for x in (p.links if p else ()) if x[0] == kind}
            dims[kind].add(predicted, {x for x in (e.links if e else ()) if x[0] == kind}, where)
    return list(dims.values())


# -- 2024-dev: the facts file ----------------------------------------------------------------
def _names(data: GraphData, ids: Iterable[str]) -> set[str]:
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
    dim("organizers listed", _names(data, listed), facts["organizers_listed"])
    dim("new organizers", _names(data, listed) - KNOWN_2023_ORGANIZERS, facts["new_organizers"])
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


KNOWN_2023_ORGANIZERS: set[str] = set()
VERBOSE = "-v" in sys.argv[1:]


def _table(title: str, scores: list[Score], target: float) -> bool:
    print(f"\n{title}  (target ≥ {target:.2f})")
    print(f"  {'dimension':<30}{'TP':>5}{'FP':>5}{'FN':>5}{'precision':>11}{'recall':>8}")
    ok = True
    for s in scores:
        miss = s.precision < target or s.recall < target
        ok &= not miss
        flag = "  ← below target" if miss else ""
        print(f"  {s.name:<30}{s.tp:>5}{s.fp:>5}{s.fn:>5}{s.precision:>11.3f}{s.recall:>8.3f}{flag}")
        if VERBOSE:
            for error in s.errors:
                print(f"      {error}")
    return ok


def main(corpus: Path = DEV_CORPUS) -> int:
    """Print both tables; 1 when a dimension misses its target."""
    name, raw = bundled_notice()
    data_2023 = parse_notice(raw, name)
    KNOWN_2023_ORGANIZERS.update(
        _names(data_2023, [e.target for e in data_2023.edges if e.type == Rel.ORGANIZED_BY and e.props.get("listed")])
    )
    ok = _table(
        f"2023 bundled notice vs {ANNOTATION_2023.relative_to(HERE.parent)}",
        score_2023(data_2023, read_annotation(ANNOTATION_2023)),
        TARGET_2023,
    )
    dev_text, dev_facts = corpus / "quality-month-2024-dev.txt", corpus / "quality-month-2024-dev.facts.json"
    if not (dev_text.exists() and dev_facts.exists()):
        print(f"\n2024-dev: not scored, {dev_text} or its facts file is absent (set QGRAPH_DEV_CORPUS)")
        return 0 if ok else 1
    text = dev_text.read_text(encoding="utf-8")
    from loaders.normalize import normalize

    data_2024 = build_graph(text, dev_text.name)
    ok &= _table(
        f"2024-dev notice vs {dev_facts}",
        score_facts(data_2024, json.loads(dev_facts.read_text(encoding="utf-8")), normalize(text).text),
        TARGET_2024,
    )
    return 0 if main_local(corpus) and ok else 1


def main_local(corpus: Path) -> bool:
    """One table per local dev notice (``local-*.txt`` beside its facts file); True when all meet the target."""
    from eval.local import score_local

    ok = True
    for path in sorted(corpus.glob("local-*.txt")):
        facts_path = path.with_name(path.stem + ".facts.json")
        if not facts_path.exists():
            print(f"\n{path.name}: not scored, no {facts_path.name}")
            continue
        data = build_graph(path.read_text(encoding="utf-8"), path.name)
        ok &= _table(
            f"{path.name} ({data.notice_id}) vs {facts_path.name}; types and implements: not annotated",
            score_local(data, json.loads(facts_path.read_text(encoding="utf-8"))),
            TARGET_2024,
        )
    return ok


if __name__ == "__main__":
    sys.exit(main())
