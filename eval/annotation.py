"""The 2023 annotation: read it, flatten the loader's activities the same way, match and score them.

``eval/annotations/quality-month-2023.tsv`` lists every annex item's atomic activities with
participants and roles, types, campaign/event/document/topic/product links and IMPLEMENTS links
(format in ``eval/README.md``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from eval.dimension import Score
from loaders.model import LINKS, Label, Rel
from loaders.records import GraphData

ANNOTATION_2023 = Path(__file__).resolve().parent / "annotations" / "quality-month-2023.tsv"
# Two activity titles name the same activity when their character bigrams overlap this much.
SAME_TITLE = 0.5
LINK_KINDS = tuple(link.target.lower() for link in LINKS if link.target != Label.KEY_ARRANGEMENT)
# The relations an activity's annotated links (campaign, event, document …) are read from.
LINKED_RELS = frozenset(link.rel for link in LINKS if link.target != Label.KEY_ARRANGEMENT)


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
