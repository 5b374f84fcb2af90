"""One answer, one graph version (graph_api/consistency.py), on both backends."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from starlette.testclient import TestClient

from cypher import Generated, Q
from graph_api.app import create_app
from graph_api.settings import Settings
from graph_api.store.protocol import GraphStore, Row, WriteStep
from loaders.records import GraphData
from tests.conftest import reset

STATS = "{ stats { nodes edges } }"


class ReloadAfterFirstRead:
    """A real store whose first read is followed by a real load through ``writer``: the next
    statement of the same request sees another graph."""

    def __init__(self, store: GraphStore, writer: GraphStore, steps: list[WriteStep]) -> None:
        self.store, self.writer, self.steps = store, writer, steps
        self.reloads = 0

    def run(self, name: Q | Generated, params: Mapping[str, Any] | None = None, **kw: Any) -> list[Row]:
        rows = self.store.run(name, params, **kw)
        if self.reloads == 0 and name != Q.GET_META:
            self.reloads += 1
            self.writer.write(self.steps)
        return rows

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)


def stats(client: TestClient) -> dict[str, Any]:
    body = client.post("/graphql", json={"query": STATS}).json()
    assert "errors" not in body, body
    return body["data"]["stats"]  # type: ignore[no-any-return]


def test_answer_that_straddles_a_load_is_answered_from_the_new_graph(
    backend: GraphStore, falkor: GraphStore, notice: GraphData, settings: Settings
) -> None:
    reset(falkor, notice)
    with TestClient(create_app(settings, store=backend)) as client:
        loaded = stats(client)
    assert loaded["nodes"] > 300 and loaded["edges"] > 600
    emptying = ReloadAfterFirstRead(backend, falkor, [WriteStep(Q.DELETE_ALL)])
    with TestClient(create_app(settings, store=emptying)) as client:  # type: ignore[arg-type]
        answer = stats(client)
    assert emptying.reloads == 1
    assert answer == {"nodes": 0, "edges": 0}


def test_version_changes_with_every_load(backend: GraphStore, falkor: GraphStore, notice: GraphData) -> None:
    reset(falkor, notice)
    first = backend.version()
    reset(falkor, notice)
    second = backend.version()
    assert first and second and first != second
    assert backend.version() == second
