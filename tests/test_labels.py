"""The explorer's label table: the model registry served as /model.json."""

from __future__ import annotations

from starlette.testclient import TestClient

from graph_api.app import create_app
from graph_api.labels import display_model
from graph_api.settings import Settings
from graph_api.store.falkordb_store import FalkorDBStore
from loaders.model import NODE_KINDS, REL_KINDS
from loaders.taxonomy import ACTIVITY_TYPES


def test_display_model_names_every_kind_relation_role_and_activity_type() -> None:
    model = display_model()
    assert [k["kind"] for k in model["kinds"]] == [k.kind for k in NODE_KINDS]
    assert model["kinds"][0] == {
        "kind": "NOTICE",
        "typename": "Notice",
        "zh": "通知",
        "colour": "#12355b",
        "actor": False,
    }
    assert set(model["relations"]) == {r.name for r in REL_KINDS}
    assert model["relations"]["HAS_ACTIVITY"] == "包含活动"
    assert model["roles"] == {"LEAD": "牵头", "PARTNER": "联合", "SUPPORT": "配合"}
    assert list(model["activityTypes"]) == list(ACTIVITY_TYPES)
    assert model["activityTypes"]["SUPERVISION_SAMPLING"] == "监督抽查"


def test_model_json_and_favicon_are_served(falkor: FalkorDBStore, settings: Settings) -> None:
    with TestClient(create_app(settings, store=falkor)) as client:
        model = client.get("/model.json")
        icon = client.get("/favicon.ico")
    assert model.status_code == 200 and model.json() == display_model()
    assert icon.status_code == 200 and icon.headers["content-type"] == "image/x-icon"
    assert icon.content[:4] == b"\x00\x00\x01\x00"  # an ICO header


def test_display_model_gives_the_explorer_every_link_of_activities() -> None:
    links = {link["field"]: link for link in display_model()["links"]}
    assert list(links) == ["campaigns", "events", "documents", "topics", "standards", "productCategories",
                           "keyArrangements"]  # fmt: skip
    assert links["standards"] == {
        "field": "standards", "typename": "Standard", "kind": "STANDARD", "nameField": "name",
        "named": True, "actors": True, "heading": "采用它的活动",
    }  # fmt: skip
    assert links["keyArrangements"]["nameField"] == "title" and not links["keyArrangements"]["named"]
