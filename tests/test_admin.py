"""Admin routes: the notices listed and unloaded over HTTP, behind a token that is slow to guess."""

from __future__ import annotations

import time

from starlette.testclient import TestClient

from graph_api.app import create_app
from graph_api.http.admin import REFUSAL_DELAY_SECONDS, is_admin
from graph_api.settings import Settings
from graph_api.store.falkordb_store import FalkorDBStore
from loaders.notice import build_graph
from loaders.records import GraphData
from tests.conftest import reset
from tests.test_loading import derived_notice

AUTH = {"authorization": "Bearer s3cret"}


def test_notices_are_listed_and_unloaded_over_http(falkor: FalkorDBStore, notice: GraphData, settings: Settings) -> None:
    reset(falkor, notice, build_graph(derived_notice(), "notice-2024.txt"))
    with TestClient(create_app(settings.with_(admin_token="s3cret"), store=falkor)) as client:
        listed = client.get("/admin/notices", headers=AUTH).json()["notices"]
        assert [(n["id"], n["year"], n["source"], n["issuer"]) for n in listed] == [
            ("notice:2024", 2024, "notice-2024.txt", "市场监管总局"),
            ("notice:2023", 2023, "quality-month-2023.txt", "市场监管总局"),
        ]
        gone = client.delete("/admin/notices/notice:2024", headers=AUTH)
        assert gone.status_code == 200 and gone.json()["unloaded"]["id"] == "notice:2024"
        assert [n["id"] for n in client.get("/admin/notices", headers=AUTH).json()["notices"]] == ["notice:2023"]
        again = client.delete("/admin/notices/notice:2024", headers=AUTH)
        assert again.status_code == 404 and again.json()["code"] == "NOT_FOUND"
        years = client.post("/graphql", json={"query": "{ notices { year } }"}).json()["data"]["notices"]
        assert years == [{"year": 2023}]


def test_wrong_tokens_wait_and_are_compared_in_constant_time(falkor: FalkorDBStore, settings: Settings) -> None:
    assert is_admin("Bearer s3cret", "s3cret") and not is_admin("Bearer s3cre", "s3cret") and not is_admin("", None)
    with TestClient(create_app(settings.with_(admin_token="s3cret"), store=falkor)) as client:
        for header in ({}, {"authorization": "Bearer wrong"}, {"authorization": "Bearer s3cret "}):
            started = time.perf_counter()
            refused = client.get("/admin/notices", headers=header)
            assert time.perf_counter() - started >= REFUSAL_DELAY_SECONDS
            assert refused.status_code == 401 and refused.json()["code"] == "UNAUTHENTICATED"


def test_admin_routes_are_absent_without_a_token(falkor: FalkorDBStore, settings: Settings) -> None:
    with TestClient(create_app(settings, store=falkor)) as client:
        assert client.get("/admin/notices", headers=AUTH).status_code == 404
        assert client.delete("/admin/notices/notice:2023", headers=AUTH).json()["code"] == "NOT_FOUND"
