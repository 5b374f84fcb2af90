"""Names of one thing, for the search index: a text that says "QC小组" is also found by
"质量管理小组". The table is the entity lexicon's names and aliases (topics, campaigns, events),
so a new alias there is a new synonym here.
"""

from __future__ import annotations

from functools import lru_cache

from loaders.entities import CAMPAIGNS, EVENTS, TOPICS
from loaders.tokens import fold


@lru_cache(maxsize=1)
def groups() -> tuple[tuple[str, ...], ...]:
    """Every set of names (folded) that denote one thing, longest name first."""
    out = []
    for named in (*TOPICS, *CAMPAIGNS, *EVENTS):
        forms = tuple(sorted({fold(f) for f in named.forms}, key=len, reverse=True))
        if len(forms) > 1:
            out.append(forms)
    return tuple(out)


def expand(text: str) -> str:
    """The other names of everything ``text`` names, one a line ("" when none). A name inside a
    longer one counts once: "质量管理小组" names the QC group, not also 质量管理."""
    folded = fold(text)
    by_form = {f: forms for forms in groups() for f in forms}
    covered = [False] * len(folded)
    named: list[tuple[str, ...]] = []
    for form in sorted(by_form, key=len, reverse=True):
        start = folded.find(form)
        while start >= 0:
            if not all(covered[start : start + len(form)]):
                covered[start : start + len(form)] = [True] * len(form)
                named.append(by_form[form])
            start = folded.find(form, start + 1)
    extra = [f for forms in named for f in forms if f not in folded]
    return "\n".join(dict.fromkeys(extra))
