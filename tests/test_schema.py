"""schema.graphql, the served schema and the in-repo contract agree.

``schema.graphql`` is generated from the code; the schema the app serves (read back by
introspection over HTTP) prints the same; every operation in ``contract/`` validates against both.
"""

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from graphql import (
    GraphQLSchema,
    build_client_schema,
    build_schema,
    lexicographic_sort_schema,
    parse,
    print_schema,
    validate,
)
from starlette.testclient import TestClient

from graph_api.app import create_app
from graph_api.schema import schema_sdl
from graph_api.settings import Settings
from graph_api.store.falkordb_store import FalkorDBStore
from tests.conftest import CONTRACT, ROOT
from tests.test_introspection import FULL as FULL_INTROSPECTION

OPERATIONS = sorted(CONTRACT.glob("*.graphql"))


@pytest.fixture(scope="module")
def served(falkor: FalkorDBStore, settings: Settings) -> GraphQLSchema:
    """The schema as the running app describes itself, read with the full standard
    introspection query at the default limits."""
    with TestClient(create_app(settings, store=falkor)) as client:
        body: dict[str, Any] = client.post("/graphql", json={"query": FULL_INTROSPECTION}).json()
    assert "errors" not in body, body.get("errors")
    return build_client_schema(body["data"])


def test_schema_file_equals_the_code() -> None:
    assert (ROOT / "schema.graphql").read_text(encoding="utf-8") == schema_sdl(), (
        "schema.graphql is stale: run `make schema`"
    )


def test_served_schema_prints_as_schema_file(served: GraphQLSchema) -> None:
    from_file = build_schema((ROOT / "schema.graphql").read_text(encoding="utf-8"))
    assert print_schema(lexicographic_sort_schema(served)) == print_schema(lexicographic_sort_schema(from_file))


def test_contract_is_in_the_repository() -> None:
    assert [p.name for p in OPERATIONS] == [
        "activities.graphql",
        "actor.graphql",
        "actors_by_kind.graphql",
        "find_actor.graphql",
        "implementations.graphql",
        "neighborhood.graphql",
        "notice.graphql",
        "path.graphql",
        "search.graphql",
        "stats.graphql",
        "who_runs.graphql",
    ]
    assert "# Public contract" in (CONTRACT / "README.md").read_text(encoding="utf-8")


def test_readme_links_the_contract_and_the_design() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "](contract/)" in readme and "](docs/DESIGN.md)" in readme
    assert "../shared" not in readme
    assert (ROOT / "docs" / "DESIGN.md").is_file()


@pytest.mark.parametrize("path", OPERATIONS, ids=lambda p: p.name)
def test_contract_operation_validates_against_file_and_served_schema(path: Path, served: GraphQLSchema) -> None:
    document = parse(path.read_text(encoding="utf-8"))
    assert validate(build_schema((ROOT / "schema.graphql").read_text(encoding="utf-8")), document) == []
    assert validate(served, document) == []


def test_every_type_field_argument_and_enum_value_is_described() -> None:
    from graphql import GraphQLEnumType, GraphQLInputObjectType, GraphQLInterfaceType, GraphQLObjectType

    schema = build_schema((ROOT / "schema.graphql").read_text(encoding="utf-8"))
    missing: list[str] = []
    counted = 0
    for name, t in schema.type_map.items():
        if name.startswith("__") or name in {"String", "Int", "Float", "Boolean", "ID"}:
            continue
        counted += 1
        if not t.description:
            missing.append(name)
        if isinstance(t, GraphQLObjectType | GraphQLInterfaceType | GraphQLInputObjectType):
            for fname, field in t.fields.items():
                counted += 1
                if not field.description:
                    missing.append(f"{name}.{fname}")
                for aname, arg in getattr(field, "args", {}).items():
                    counted += 1
                    if not arg.description:
                        missing.append(f"{name}.{fname}({aname})")
        if isinstance(t, GraphQLEnumType):
            for vname, value in t.values.items():
                counted += 1
                if not value.description:
                    missing.append(f"{name}.{vname}")
    assert missing == []
    assert counted > 400


def test_enum_values_speak_the_model_and_the_taxonomy() -> None:
    sdl = (ROOT / "schema.graphql").read_text(encoding="utf-8")
    assert '"""启动仪式. Cue words: 启动仪式."""\n  LAUNCH_CEREMONY' in sdl
    assert "enum RelationType" in sdl and "CITES" in sdl and "type: RelationType!" in sdl
    assert "enum NodeKind" in sdl and "kind: NodeKind!" in sdl


# graphql-schema-linter's rules that hold here: Relay connections, arguments and page info as
# clients expect, names and descriptions. Left out: alphabetical order (fields are ordered by
# meaning) and camel-cased input values (the filters' AND/OR/NOT are upper case on purpose).
SCHEMA_LINTER_RULES = [
    "relay-connection-types-spec",
    "relay-connection-arguments-spec",
    "relay-page-info-spec",
    "arguments-have-descriptions",
    "defined-types-are-used",
    "deprecations-have-a-reason",
    "descriptions-are-capitalized",
    "enum-values-all-caps",
    "enum-values-have-descriptions",
    "fields-are-camel-cased",
    "fields-have-descriptions",
    "input-object-values-have-descriptions",
    "types-are-capitalized",
    "types-have-descriptions",
]


def test_schema_file_passes_graphql_schema_linter() -> None:
    node = shutil.which("node")
    assert node, "make test installs node and the npm devDependencies"
    linter = ROOT / "node_modules" / "graphql-schema-linter" / "lib" / "cli.js"
    result = subprocess.run(
        [node, str(linter), "--rules", ",".join(SCHEMA_LINTER_RULES), "schema.graphql"],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors detected" in result.stdout
