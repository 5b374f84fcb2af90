"""The model registry: declared once, and nothing else spells a relation type or node label."""

import re
import subprocess
from pathlib import Path

from loaders.model import (
    ENTITY,
    KIND_BY_LABEL,
    LINKS,
    NODE_KINDS,
    NODE_LABELS,
    REL_BY_NAME,
    REL_TYPES,
    Label,
    kind_of,
    node_id,
)

ROOT = Path(__file__).resolve().parent.parent
NAMES = sorted(NODE_LABELS | REL_TYPES | {ENTITY}, key=len, reverse=True)
# A name as a string literal ("RUNS", 'Activity') or in Cypher text ("(n:Entity)", "[:RUNS]").
SPELLED = re.compile(r"""["']({0})["']|[\[(]\w*:({0})\b""".format("|".join(NAMES)))


def spelled_outside_registry() -> list[str]:
    """Lines of tracked Python/JavaScript outside the registry, the tests and vendored code
    that spell a relation type or node label (the .cypher files may: they are statements)."""
    files = subprocess.run(
        ["git", "ls-files", "*.py", "*.js", "*.mjs"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    found = []
    for name in files:
        if name == "loaders/model.py" or name.startswith(("tests/", "graph_api/static/vendor/")):
            continue
        for number, line in enumerate((ROOT / name).read_text(encoding="utf-8").splitlines(), start=1):
            if SPELLED.search(line):
                found.append(f"{name}:{number}: {line.strip()}")
    return found


def test_no_relation_type_or_label_is_spelled_outside_the_registry() -> None:
    assert spelled_outside_registry() == []


def test_the_pattern_catches_literals_and_cypher() -> None:
    assert SPELLED.search('self.edge(a, b, "PART_OF")')
    assert SPELLED.search("MATCH (x:Entity)-[:RUNS]->(v0)")
    assert SPELLED.search("label == 'Activity'")
    assert not SPELLED.search("Label.ACTIVITY, Rel.RUNS, an Activity's title")


def test_every_link_joins_what_its_relation_declares() -> None:
    for link in LINKS:
        rel = REL_BY_NAME[link.rel]
        assert Label.ACTIVITY in rel.source and link.target in rel.target, link


def test_ids_are_built_from_the_kind_prefix() -> None:
    assert node_id(Label.KEY_ARRANGEMENT, 2023, 1) == "arrangement:2023:1"
    assert node_id(Label.PRODUCT_CATEGORY, 2023, "142种") == "products:2023:142种"
    assert node_id(Label.REGION, "310000") == "region:310000"
    assert [kind_of(k.label) for k in NODE_KINDS] == [k.kind for k in NODE_KINDS]
    assert KIND_BY_LABEL[Label.CONTENT_ITEM].kind == "CONTENT_ITEM"
