"""Score the loader against hand annotations: precision and recall per dimension.

- The bundled 2023 notice against ``eval/annotations/quality-month-2023.tsv`` (every annex
  item's atomic activities, participants and roles, types, campaign/event/document/topic/
  product links, IMPLEMENTS links), see ``eval/README.md`` for the format.
- The synthetic 2024 development notice against its facts file, read from
  ``../shared/corpus`` (or ``QGRAPH_DEV_CORPUS``); when it is absent the table says so.

The scoring lives beside this runner: :mod:`eval.annotation` (2023), :mod:`eval.facts` (2024-dev),
:mod:`eval.local` (local dev notices), :mod:`eval.dimension` (one dimension's counts).

Run: ``make eval`` (or ``python -m eval.score``). Exit status 1 when a dimension misses its
target (0.97 for 2023, 0.95 for 2024-dev).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from eval.annotation import ANNOTATION_2023, Act, match, predicted_acts, read_annotation, score_2023
from eval.dimension import Score
from eval.facts import KNOWN_2023_ORGANIZERS, names_of, score_facts
from eval.local import score_local
from loaders.model import Rel
from loaders.normalize import normalize
from loaders.notice import build_graph
from loaders.reader import bundled_notice, parse_notice

# Re-exported: the scoring pieces are named from here, where ``make eval`` runs them.
__all__ = ["ANNOTATION_2023", "TARGET_2023", "TARGET_2024", "Act", "Score", "main", "match", "predicted_acts"]
__all__ += ["read_annotation", "score_2023", "score_facts"]

HERE = Path(__file__).resolve().parent
# ``../shared/corpus`` beside the checkout (or beside the directory of worktrees holding it).
_NEAR = [up / "shared" / "corpus" for up in (HERE.parent.parent, HERE.parent.parent.parent)]
DEV_CORPUS = Path(os.environ.get("QGRAPH_DEV_CORPUS") or next((p for p in _NEAR if p.is_dir()), _NEAR[0]))
TARGET_2023, TARGET_2024 = 0.97, 0.95

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
        names_of(data_2023, [e.target for e in data_2023.edges if e.type == Rel.ORGANIZED_BY and e.props.get("listed")])
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
    data_2024 = build_graph(text, dev_text.name)
    ok &= _table(
        f"2024-dev notice vs {dev_facts}",
        score_facts(data_2024, json.loads(dev_facts.read_text(encoding="utf-8")), normalize(text).text),
        TARGET_2024,
    )
    return 0 if main_local(corpus) and ok else 1


def main_local(corpus: Path) -> bool:
    """One table per local dev notice (``local-*.txt`` beside its facts file); True when all meet the target."""
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
