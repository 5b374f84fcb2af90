"""Relay paging over offset cursors: windows from first/after/last/before, and page info that
says what lies before and after the page in the whole list, on both backends."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph_api.app import create_app
from graph_api.compiler.queries import Page
from graph_api.errors import BadUserInput, LimitExceeded
from graph_api.schema.paging import decode_cursor, encode_cursor, page_window, paged
from graph_api.settings import Settings
from graph_api.store.protocol import GraphStore
from graph_api.store.repository import PageRows
from loaders.records import GraphData
from tests.conftest import reset
from tests.test_api import Api

S = Settings()
REGIONS = """query($first: Int, $after: String, $last: Int, $before: String) {
  actors(filter: { kinds: [REGION] }, first: $first, after: $after, last: $last, before: $before) {
    totalCount
    edges { cursor node { id } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}"""


def c(offset: int) -> str:
    return encode_cursor(offset)


def test_windows_of_every_direction() -> None:
    assert page_window(S) == Page(0, 20)
    assert page_window(S, first=5, after=c(9)) == Page(10, 5)
    assert page_window(S, first=5, after=c(9), before=c(12)) == Page(10, 2)  # items 10, 11
    assert page_window(S, last=3, before=c(10)) == Page(7, 3)
    assert page_window(S, last=30, before=c(10), after=c(4)) == Page(5, 5)
    assert page_window(S, last=4) == Page(None, 4)  # the last four: the total is not known yet
    assert page_window(S, last=4, after=c(2)) == Page(None, 4, floor=3)
    assert page_window(S, first=5, after=c(9), before=c(3)) == Page(10, 0)


def test_window_sizes_and_cursors_are_checked() -> None:
    with pytest.raises(BadUserInput, match="not both"):
        page_window(S, first=1, last=1)
    with pytest.raises(LimitExceeded, match="last may be at most 100"):
        page_window(S, last=101)
    with pytest.raises(BadUserInput, match="last must be at least 0"):
        page_window(S, last=-1)
    with pytest.raises(BadUserInput) as caught:
        page_window(S, last=1, before="bm9wZQ==")
    assert caught.value.details == {"argument": "before"}
    assert decode_cursor(c(41)) == 41


def test_page_info_tells_what_precedes_and_follows() -> None:
    rows = [{"id": str(i)} for i in range(3)]
    _, cursors, info = paged(Page(0, 3), PageRows(10, rows))
    assert (info.has_previous_page, info.has_next_page) == (False, True)
    assert (info.start_cursor, info.end_cursor) == (c(0), c(2)) and cursors == [c(0), c(1), c(2)]
    _, _, info = paged(Page(7, 3), PageRows(10, rows))
    assert (info.has_previous_page, info.has_next_page, info.start_cursor) == (True, False, c(7))
    # the last three of ten; with a floor past their start, the ones at or before `after` go
    kept, cursors, info = paged(Page(None, 3, floor=8), PageRows(10, rows))
    assert kept == rows[1:] and cursors == [c(8), c(9)] and info.has_previous_page
    _, _, info = paged(Page(30, 5), PageRows(10, []))  # after the end: an empty page
    assert (info.has_previous_page, info.has_next_page, info.start_cursor, info.end_cursor) == (True, False, None, None)


@pytest.fixture
def api(backend: GraphStore, falkor: GraphStore, notice: GraphData, settings: Settings) -> Iterator[Api]:
    reset(falkor, notice)
    with TestClient(create_app(settings, store=backend)) as client:
        yield Api(client)


def regions(api: Api, **variables: Any) -> dict[str, Any]:
    data: dict[str, Any] = api.data(REGIONS, variables)["actors"]
    return data


def test_pages_forwards_and_backwards_over_the_same_cursors(api: Api) -> None:
    everything = regions(api, first=100)
    ids = [e["node"]["id"] for e in everything["edges"]]
    assert len(ids) == everything["totalCount"] == 32
    first = regions(api, first=7)
    assert first["pageInfo"] == {"hasNextPage": True, "hasPreviousPage": False, "startCursor": c(0), "endCursor": c(6)}
    second = regions(api, first=7, after=first["pageInfo"]["endCursor"])
    assert [e["node"]["id"] for e in second["edges"]] == ids[7:14]
    assert second["pageInfo"]["hasPreviousPage"] is True  # after a cursor there is a previous page
    # backwards: the last five, then the five before them
    last = regions(api, last=5)
    assert [e["node"]["id"] for e in last["edges"]] == ids[27:]
    assert [e["cursor"] for e in last["edges"]] == [c(i) for i in range(27, 32)]
    assert last["pageInfo"] == {"hasNextPage": False, "hasPreviousPage": True, "startCursor": c(27), "endCursor": c(31)}
    before = regions(api, last=5, before=last["pageInfo"]["startCursor"])
    assert [e["node"]["id"] for e in before["edges"]] == ids[22:27]
    start = regions(api, last=5, before=c(3))
    assert [e["node"]["id"] for e in start["edges"]] == ids[:3] and start["pageInfo"]["hasPreviousPage"] is False
    # more than there are: all of them
    assert [e["node"]["id"] for e in regions(api, last=100)["edges"]] == ids
    # between two cursors
    between = regions(api, first=100, after=c(3), before=c(7))
    assert [e["node"]["id"] for e in between["edges"]] == ids[4:7] and between["pageInfo"]["hasNextPage"] is True


def test_nested_activities_page_backwards(api: Api) -> None:
    query = """query($last: Int, $before: String) { node(id: "organizer:市场监管总局") { ... on Actor {
      activities(first: 100) { nodes { id } }
      tail: activities(last: $last, before: $before) { nodes { id } pageInfo { hasPreviousPage startCursor } } } } }"""
    node = api.data(query, {"last": 3})["node"]
    ids = [n["id"] for n in node["activities"]["nodes"]]
    assert [n["id"] for n in node["tail"]["nodes"]] == ids[-3:] and node["tail"]["pageInfo"]["hasPreviousPage"]
    before = api.data(query, {"last": 2, "before": node["tail"]["pageInfo"]["startCursor"]})["node"]["tail"]
    assert [n["id"] for n in before["nodes"]] == ids[-5:-3]
