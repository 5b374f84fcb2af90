"""The tools an integrator already uses, against a real `qgraph serve` at its default settings:
Python's `gql` (schema fetched by introspection, every contract operation validated and run),
graphql-inspector (`introspect`, `diff` against schema.graphql) and graphql-codegen
(TypeScript types from the URL). Each runs as a real client over loopback HTTP."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from gql import Client, GraphQLRequest
from gql.transport.httpx import HTTPXTransport
from graphql import build_schema, lexicographic_sort_schema, print_schema

from graph_api.store.embedded import free_port
from tests.conftest import CONTRACT, ROOT
from tests.golden import SUPERVISION_SAMPLING_ACTORS
from tests.processes import serve, stop

BIN = ROOT / "node_modules" / ".bin"
# Variables for each contract operation, as tests/test_api.py uses them.
CONTRACT_VARIABLES: dict[str, dict[str, Any]] = {
    "activities": {"filter": {"types": ["LAUNCH_CEREMONY"]}, "first": 100},
    "actor": {"id": "organizer:市场监管总局"},
    "actors_by_kind": {"kinds": ["REGION"], "first": 7},
    "find_actor": {"name": "国家市场监督管理总局"},
    "implementations": {"year": 2023},
    "neighborhood": {"id": "notice:2023", "depth": 1, "limit": 10},
    "notice": {"year": 2023},
    "path": {"from": "organizer:国务院国资委", "to": "organizer:全国工商联", "maxHops": 4},
    "search": {"text": "昆仑2023", "first": 1},
    "stats": {},
    "who_runs": {"types": ["SUPERVISION_SAMPLING"]},
}


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A default `qgraph serve` (the bundled notice loaded into its empty store) on loopback."""
    port = free_port()
    proc = serve(tmp_path_factory.mktemp("clients"), port)
    try:
        yield f"http://127.0.0.1:{port}/graphql"
    finally:
        stop(proc)


def npx(tool: str, *args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run an npm devDependency's command (installed by `make test`)."""
    node = shutil.which("node")
    assert node and (BIN / tool).exists(), "make test installs node and the npm devDependencies"
    return subprocess.run([str(BIN / tool), *args], capture_output=True, text=True, timeout=180, cwd=cwd)


def test_gql_fetches_the_schema_and_runs_every_contract_operation(url: str) -> None:
    client = Client(transport=HTTPXTransport(url=url, timeout=30), fetch_schema_from_transport=True)
    with client as session:
        assert client.schema is not None and client.schema.get_type("Activity") is not None
        answers = {}
        for path in sorted(CONTRACT.glob("*.graphql")):
            variables = CONTRACT_VARIABLES[path.stem]
            # gql validates each document against the fetched schema before sending it
            request = GraphQLRequest(path.read_text(encoding="utf-8"), variable_values=variables)
            answers[path.stem] = session.execute(request)
    assert sorted(answers) == sorted(CONTRACT_VARIABLES)
    assert answers["activities"]["activities"]["totalCount"] == 12
    assert answers["actor"]["node"]["name"] == "市场监管总局"
    assert answers["actors_by_kind"]["actors"]["totalCount"] == 32
    assert [n["id"] for n in answers["find_actor"]["actors"]["nodes"]] == ["organizer:市场监管总局"]
    assert answers["neighborhood"]["neighborhood"]["truncated"] is True
    assert answers["notice"]["notice"]["id"] == "notice:2023"
    assert [n["id"] for n in answers["path"]["path"]["nodes"]][::4] == ["organizer:国务院国资委", "organizer:全国工商联"]
    assert answers["search"]["search"][0]["node"]["id"] == "campaign:昆仑2023"
    assert answers["stats"]["stats"]["nodes"] == 331
    assert {n["id"] for n in answers["who_runs"]["actors"]["nodes"]} == SUPERVISION_SAMPLING_ACTORS


def test_graphql_inspector_introspects_and_diffs_the_url(url: str, tmp_path: Path) -> None:
    written = tmp_path / "introspected.graphql"
    result = npx("graphql-inspector", "introspect", url, "--write", str(written))
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"[success] Saved to {written}" in result.stdout
    from_file = build_schema((ROOT / "schema.graphql").read_text(encoding="utf-8"))
    introspected = build_schema(written.read_text(encoding="utf-8"))
    assert print_schema(lexicographic_sort_schema(introspected)) == print_schema(lexicographic_sort_schema(from_file))
    result = npx("graphql-inspector", "diff", url, str(ROOT / "schema.graphql"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "[success] No changes detected" in result.stdout


def test_graphql_codegen_generates_typescript_types_from_the_url(url: str, tmp_path: Path) -> None:
    out = tmp_path / "types.ts"
    config = tmp_path / "codegen.yml"
    config.write_text(f"schema: {url}\ngenerates:\n  {out}:\n    plugins:\n      - typescript\n", encoding="utf-8")
    # run from the repository, where the `typescript` plugin is installed
    result = npx("graphql-codegen", "--config", str(config))
    assert result.returncode == 0, result.stdout + result.stderr
    types = out.read_text(encoding="utf-8")
    assert "export type Activity = Node & {" in types
    assert "export type PageInfo = {" in types and "hasPreviousPage: Scalars['Boolean']['output'];" in types
