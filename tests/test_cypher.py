"""Every statement file: known by name, and clean under Neo4j's own Cypher front end."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from cypher import DIALECTS, Q, load_catalog, statement_files
from graph_api.errors import UnknownStatement
from graph_api.store.statements import Catalog

ROOT = Path(__file__).resolve().parents[1]
PARAM = re.compile(r"\$(\w+)")


@pytest.mark.parametrize("dialect", DIALECTS)
def test_every_name_has_a_statement(dialect: str) -> None:
    assert set(load_catalog(dialect)) == set(Q)


def test_every_file_is_named_in_the_catalog() -> None:
    names = {Path(name).stem for name, _ in statement_files()}
    assert names == {q.value for q in Q}


def test_unknown_dialect_fails_at_start_up() -> None:
    with pytest.raises(UnknownStatement):
        Catalog("sqlite")


def test_labels_and_types_come_only_from_the_allow_list() -> None:
    catalog = Catalog("falkordb")
    assert "MERGE (n:Entity:Region {id: row.id})" in catalog.text(Q.MERGE_NODES, label="Region")
    with pytest.raises(UnknownStatement):
        catalog.text(Q.MERGE_NODES, label="Region {id: 1}) DETACH DELETE (n")
    with pytest.raises(UnknownStatement):
        catalog.text(Q.MERGE_EDGES, rel_type="KNOWS")
    with pytest.raises(UnknownStatement):
        catalog.text("drop_everything")  # type: ignore[arg-type]


def test_values_are_parameters_never_literals_from_code() -> None:
    for name, text in statement_files():
        assert "{" + "}" not in text and "%s" not in text and "format(" not in text, name


def test_neo4j_front_end_finds_no_error() -> None:
    node = shutil.which("node")
    assert node, "node is required for the Cypher lint"
    assert (ROOT / "node_modules" / "@neo4j-cypher" / "language-support").is_dir(), "run make test (npm ci)"
    stmts = [
        {"name": name, "text": text, "parameters": sorted(set(PARAM.findall(text)))}
        for name, text in statement_files()
    ]
    result = subprocess.run(
        [node, str(ROOT / "js" / "lint-cypher.mjs")],
        input=json.dumps(stmts), capture_output=True, text=True, cwd=ROOT, timeout=120, check=True,
    )
    linted = json.loads(result.stdout)
    assert len(linted) == len(stmts) >= 30
    errors = [(r["name"], d["message"]) for r in linted for d in r["diagnostics"] if d["severity"] == 1]
    assert errors == []
    print(f"cypher lint: {len(linted)} files, 0 errors")


def test_the_linter_does_report_errors() -> None:
    node = shutil.which("node")
    assert node
    bad = [{"name": "bad", "text": "MATCH (n RETURN n", "parameters": []}]
    result = subprocess.run([node, str(ROOT / "js" / "lint-cypher.mjs")], input=json.dumps(bad),
                            capture_output=True, text=True, cwd=ROOT, timeout=120, check=True)
    assert json.loads(result.stdout)[0]["diagnostics"][0]["severity"] == 1
