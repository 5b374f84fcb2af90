"""Every contract operation, on both backends, through the real HTTP app in-process."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from graph_api.app import create_app
from graph_api.settings import Settings
from graph_api.store.protocol import GraphStore
from loaders.records import GraphData
from tests.conftest import CONTRACT, reset
from tests.golden import SUPERVISION_SAMPLING_ACTORS


def op(name: str) -> str:
    return (CONTRACT / f"{name}.graphql").read_text(encoding="utf-8")


class Api:
    def __init__(self, client: TestClient) -> None:
        self.client = client

    def post(self, query: str, variables: dict[str, Any] | None = None) -> httpx.Response:
        return self.client.post("/graphql", json={"query": query, "variables": variables or {}})

    def data(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        body = self.post(query, variables).json()
        assert "errors" not in body, body.get("errors")
        return body["data"]  # type: ignore[no-any-return]

    def error(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        response = self.post(query, variables)
        assert response.status_code < 500
        errors = response.json()["errors"]
        assert errors
        return errors[0]  # type: ignore[no-any-return]


@pytest.fixture
def api(backend: GraphStore, falkor: GraphStore, notice: GraphData, settings: Settings) -> Iterator[Api]:
    reset(falkor, notice)
    with TestClient(create_app(settings, store=backend)) as client:
        yield Api(client)


def test_who_runs_supervision_sampling(api: Api) -> None:
    data = api.data(op("who_runs"), {"types": ["SUPERVISION_SAMPLING"]})["actors"]
    assert {n["id"] for n in data["nodes"]} == SUPERVISION_SAMPLING_ACTORS
    assert data["totalCount"] == 4


def test_who_runs_by_phrase(api: Api) -> None:
    data = api.data(op("who_runs"), {"text": "监督抽查"})["actors"]
    assert {n["id"] for n in data["nodes"]} == {
        "organizer:交通运输部",
        "organizer:市场监管总局",
        "organizer:生态环境部",
    }


def test_find_actor_by_full_name_or_short_form(api: Api) -> None:
    for name in ("国家市场监督管理总局", "市场监管总局", " 市场监管总局 "):
        nodes = api.data(op("find_actor"), {"name": name})["actors"]["nodes"]
        assert [n["id"] for n in nodes] == ["organizer:市场监管总局"]
    nodes = api.data(op("find_actor"), {"name": "中国机械联合会"})["actors"]["nodes"]
    assert [(n["name"], n["kind"]) for n in nodes] == [("中国机械工业联合会", "ASSOCIATION")]


def test_actor_with_partners_activities_and_provenance(api: Api) -> None:
    node = api.data(op("actor"), {"id": "region:310000"})["node"]
    assert (node["name"], node["code"], node["kind"]) == ("上海市", "310000", "REGION")
    assert {p["name"] for p in node["partners"]} == {"江苏省", "浙江省", "安徽省", "江西省"}
    acts = node["activities"]
    assert acts["totalCount"] == 3
    first = acts["nodes"][0]
    assert first["id"] == "activity:2023:附件3/九/1"
    assert first["types"] == ["LAUNCH_CEREMONY"]
    assert {(p["role"], p["actor"]["name"]) for p in first["participants"]} == {
        ("LEAD", "上海市"),
        ("PARTNER", "江苏省"),
        ("PARTNER", "浙江省"),
        ("PARTNER", "安徽省"),
        ("PARTNER", "江西省"),
    }
    src = first["source"]
    assert src["section"] == "附件3/九" and src["text"].startswith("上海市会同四省")
    assert 0 < src["start"] < src["end"]
    second = acts["nodes"][1]
    assert [d["name"] for d in second["documents"]] == ["首席质量官评价规范"]


def test_actor_events_and_campaigns(api: Api) -> None:
    node = api.data(op("actor"), {"id": "organizer:国务院国资委"})["node"]
    forum = node["activities"]["nodes"][0]
    assert [e["name"] for e in forum["events"]] == ["“开展质量提升 建设一流企业”分论坛"]
    node = api.data(op("actor"), {"id": "organizer:公安部"})["node"]
    assert all(a["campaigns"] == [{"id": "campaign:昆仑2023", "name": "昆仑2023"}] for a in node["activities"]["nodes"])


def test_bingtuan_has_no_code(api: Api) -> None:
    node = api.data(op("actor"), {"id": "region:新疆生产建设兵团"})["node"]
    assert node["code"] is None and node["kind"] == "REGION"


def test_actors_by_kind_pages_without_gap_or_duplicate(api: Api) -> None:
    seen: list[str] = []
    after = None
    pages = 0
    while True:
        data = api.data(op("actors_by_kind"), {"kinds": ["REGION"], "first": 7, "after": after})["actors"]
        assert data["totalCount"] == 32
        seen += [e["node"]["id"] for e in data["edges"]]
        pages += 1
        if not data["pageInfo"]["hasNextPage"]:
            break
        after = data["pageInfo"]["endCursor"]
    assert pages == 5 and len(seen) == 32 and len(set(seen)) == 32
    codes = api.data(op("actors_by_kind"), {"kinds": ["REGION"], "first": 100})["actors"]["edges"]
    assert sum(1 for e in codes if e["node"]["code"] is None) == 1


def test_activities_filtered_by_type_campaign_and_actor(api: Api) -> None:
    data = api.data(op("activities"), {"filter": {"campaign": "campaign:双随机、一公开"}, "first": 50})["activities"]
    assert data["totalCount"] == 3  # 自然资源部's 双随机 checks, 生态环境部's sampling, 水利部 (以…方式)
    assert {p["actor"]["id"] for n in data["nodes"] for p in n["participants"]} == {
        "organizer:自然资源部",
        "organizer:市场监管总局",
        "organizer:生态环境部",
        "organizer:水利部",
    }
    data = api.data(op("activities"), {"filter": {"types": ["LAUNCH_CEREMONY"]}, "first": 100})["activities"]
    # 启动仪式: 天津 内蒙古 辽宁 上海 安徽 山东 湖南 广西 贵州 陕西 甘肃 新疆 (lines 162–226)
    leads = {p["actor"]["id"] for n in data["nodes"] for p in n["participants"] if p["role"] == "LEAD"}
    assert data["totalCount"] == 12 and len(leads) == 12
    data = api.data(op("activities"), {"filter": {"actor": "organizer:海关总署"}})["activities"]
    assert [n["title"] for n in data["nodes"]] == ["开展进出口商品质量安全风险专项监测"]


def test_activities_walk_all_pages(api: Api) -> None:
    ids: list[str] = []
    after = None
    while True:
        page = api.data(op("activities"), {"first": 50, "after": after})["activities"]
        ids += [n["id"] for n in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(ids) == page["totalCount"] == 189 and len(set(ids)) == 189


def test_search_contract(api: Api) -> None:
    hits = api.data(op("search"), {"text": "抽查", "first": 20})["search"]
    ids = [h["node"]["id"] for h in hits]
    assert len(ids) == len(set(ids))
    assert "activity:2023:附件1/十一/3" in ids and "arrangement:2023:5" in ids
    longer = api.data(op("search"), {"text": "监督抽查", "first": 20})["search"]
    arrangement = next(h for h in longer if h["node"]["id"] == "arrangement:2023:5")
    assert arrangement["node"]["__typename"] == "KeyArrangement" and "监督抽查" in arrangement["snippet"]
    top = api.data(op("search"), {"text": "昆仑2023", "first": 1})["search"][0]
    assert top["node"] == {"id": "campaign:昆仑2023", "__typename": "Campaign", "name": "昆仑2023"}


def test_neighborhood_contract(api: Api) -> None:
    data = api.data(op("neighborhood"), {"id": "event:中国质量（成都）大会", "depth": 1})["neighborhood"]
    ids = {n["id"] for n in data["nodes"]}
    assert {"event:开展质量提升 建设一流企业分论坛", "organizer:市场监管总局"} <= ids
    assert all(e["source"] in ids and e["target"] in ids for e in data["edges"])
    assert data["truncated"] is False
    cut = api.data(op("neighborhood"), {"id": "notice:2023", "depth": 1, "limit": 10})["neighborhood"]
    assert cut["truncated"] is True and len(cut["nodes"]) == 10


def test_path_contract(api: Api) -> None:
    data = api.data(op("path"), {"from": "organizer:国务院国资委", "to": "organizer:全国工商联", "maxHops": 4})["path"]
    assert data["nodes"][0]["id"] == "organizer:国务院国资委" and data["nodes"][-1]["id"] == "organizer:全国工商联"
    assert len(data["edges"]) == len(data["nodes"]) - 1 == 4  # actor → activity → X ← activity ← actor
    ids = [n["id"] for n in data["nodes"]]
    assert ids[1].startswith("activity:") and ids[3].startswith("activity:")
    for edge, (a, b) in zip(data["edges"], itertools.pairwise(ids), strict=True):
        assert {edge["source"], edge["target"]} == {a, b}
    assert api.data(op("path"), {"from": "slogan:2023:1", "to": "region:310000", "maxHops": 1})["path"] is None


def test_notice_contract(api: Api) -> None:
    n = api.data(op("notice"), {})["notice"]
    assert (n["id"], n["year"], n["declaredOrganizerCount"]) == ("notice:2023", 2023, 25)
    assert n["theme"]["text"] == "增强质量意识 推进高质量发展"
    assert [s["ordinal"] for s in n["slogans"]] == list(range(1, 10))
    assert len(n["contentItems"]) == 6 and len(n["requirements"]) == 3
    assert [k["ordinal"] for k in n["keyArrangements"]] == list(range(1, 10))
    chengdu = n["keyArrangements"][0]
    assert {a["id"] for a in chengdu["activities"]} >= {"activity:2023:附件1/一/1", "activity:2023:附件1/十八/1"}
    assert len(n["organizers"]) == 23 and n["organizers"][0]["name"] == "市场监管总局"
    assert n["contact"] == {
        "name": "蔡煜刚",
        "office": "市场监管总局质量发展局",
        "phones": ["010-82262033", "010-82260622（传真）"],
        "email": "caiyugang@samr.gov.cn",
    }
    assert n["copiedTo"] == ["国家药监局", "有关联合会、协会"]
    assert "党委宣传部" in n["recipients"] and "发展改革委" in n["recipients"]
    assert api.data(op("notice"), {"year": 2023})["notice"]["id"] == "notice:2023"


def test_stats_contract(api: Api, notice: GraphData) -> None:
    s = api.data(op("stats"))["stats"]
    assert s["nodes"] == len(notice.nodes) and s["edges"] == len(notice.edges)
    assert {k["kind"]: k["count"] for k in s["byKind"]}["ACTIVITY"] == 189


def test_node_resolves_every_kind_of_id(api: Api) -> None:
    q = "query($id: ID!){ node(id: $id){ id __typename } }"
    for node_id, typename in [
        ("notice:2023", "Notice"),
        ("theme:2023", "Theme"),
        ("slogan:2023:3", "Slogan"),
        ("products:2023:142种", "ProductCategory"),
        ("topic:首席质量官", "Topic"),
        ("document:质量强国建设纲要", "Document"),
        ("contact:2023", "Contact"),
    ]:
        assert api.data(q, {"id": node_id})["node"] == {"id": node_id, "__typename": typename}


@pytest.mark.parametrize(
    ("query", "variables", "code"),
    [
        ("query($id: ID!){ node(id: $id){ id } }", {"id": "region:999999"}, "NOT_FOUND"),
        ('{ actors(first: 5, after: "not-a-cursor"){ totalCount } }', {}, "BAD_USER_INPUT"),
        ("{ actors(first: 101){ totalCount } }", {}, "LIMIT_EXCEEDED"),
        (
            "query($t: [ActivityType!]){ activities(filter: {types: $t}){ totalCount } }",
            {"t": ["NOPE"]},
            "BAD_USER_INPUT",
        ),
        ('{ neighborhood(id: "region:310000", depth: 9){ truncated } }', {}, "LIMIT_EXCEEDED"),
        ("{ notice(year: 1999){ id } }", {}, "NOT_FOUND"),
        ("{ actorz { id } }", {}, "GRAPHQL_VALIDATION_FAILED"),
    ],
)
def test_bad_input_answers_a_coded_error(api: Api, query: str, variables: dict[str, Any], code: str) -> None:
    error = api.error(query, variables)
    assert error["extensions"]["code"] == code
    assert "Did you mean" not in error["message"]


def test_depth_limit(api: Api) -> None:
    deep = "{ actors { nodes { activities { nodes { participants { actor { activities { nodes { participants { actor { partners { activities { nodes { id } } } } } } } } } } } } } }"
    assert api.error(deep)["extensions"]["code"] == "LIMIT_EXCEEDED"


def test_flexible_filters(api: Api) -> None:
    q = """query($f: ActorFilter){ actors(filter: $f, first: 100){ totalCount nodes { id } } }"""
    both = {"AND": [{"runs": {"types": ["SUPERVISION_SAMPLING"]}}, {"kinds": ["ORGANIZER"]}]}
    assert {n["id"] for n in api.data(q, {"f": both})["actors"]["nodes"]} == SUPERVISION_SAMPLING_ACTORS - {
        "region:620000"
    }
    either = {"OR": [{"name": "上海市"}, {"code": {"eq": "320000"}}]}
    assert {n["id"] for n in api.data(q, {"f": either})["actors"]["nodes"]} == {"region:310000", "region:320000"}
    negated = {"kinds": ["REGION"], "NOT": {"nameFilter": {"startsWith": "新疆"}}}
    assert api.data(q, {"f": negated})["actors"]["totalCount"] == 30
    contains = {"nameFilter": {"contains": "联合会"}, "kinds": ["ASSOCIATION"]}
    assert api.data(q, {"f": contains})["actors"]["totalCount"] == 4
    in_ = {"nameFilter": {"in": ["甘肃", "青海"]}}
    assert {n["id"] for n in api.data(q, {"f": in_})["actors"]["nodes"]} == {"region:620000", "region:630000"}
    none = {"kinds": ["ORGANIZER"], "activities": {"none": {"types": ["OTHER"]}, "some": {"types": ["ENFORCEMENT"]}}}
    assert "organizer:公安部" in {n["id"] for n in api.data(q, {"f": none})["actors"]["nodes"]}
    every = {"kinds": ["REGION"], "activities": {"all": {"participants": {"some": {"kinds": ["REGION"]}}}}}
    assert api.data(q, {"f": every})["actors"]["totalCount"] == 32
    qa = """query($f: ActivityFilter){ activities(filter: $f, first: 100){ totalCount } }"""
    joint = {"participants": {"some": {"kinds": ["REGION"]}, "none": {"name": "上海市"}}, "types": ["LAUNCH_CEREMONY"]}
    assert api.data(qa, {"f": joint})["activities"]["totalCount"] == 11


def test_facets_and_sorting(api: Api, notice: GraphData) -> None:
    q = """{ activityFacets { total byType { key count } byActorKind { key count } byCampaign { key label count } }
             actors(orderBy: ACTIVITY_COUNT_DESC, first: 1) { nodes { id } } }"""
    data = api.data(q)
    facets = data["activityFacets"]
    assert facets["total"] == 189
    annex3 = sum(1 for n in notice.nodes if n.label == "Activity" and n.props["annex"] == 3)
    assert {f["key"]: f["count"] for f in facets["byActorKind"]}["REGION"] == annex3 == 110
    assert {f["key"]: (f["label"], f["count"]) for f in facets["byCampaign"]}["campaign:昆仑2023"] == ("昆仑2023", 3)
    assert data["actors"]["nodes"][0]["id"] == "organizer:市场监管总局"


def test_relations_readable_from_both_ends(api: Api) -> None:
    q = """{ campaigns { id actors { id } } events { name partOf { name } } }"""
    data = api.data(q)
    kunlun = next(c for c in data["campaigns"] if c["id"] == "campaign:昆仑2023")
    assert kunlun["actors"] == [{"id": "organizer:公安部"}]
    forum = next(e for e in data["events"] if e["name"] == "“民营企业质量效益型发展”分论坛")
    assert forum["partOf"] == {"name": "中国质量（成都）大会"}


NESTED = """query($n: Int) { actors(first: $n) { nodes { name
  activities(first: 100) { nodes { title participants { role actor { name } } campaigns { name } } } } } }"""


def test_nested_query_costs_a_constant_number_of_round_trips(api: Api, backend: GraphStore) -> None:
    costs = {}
    # FalkorDB's Bolt listener dies on a request over ~4 KB, so the Bolt leg pages small.
    small, large = (5, 69) if backend.backend == "falkordb" else (2, 5)
    api.data(NESTED, {"n": small})  # fills the per-version snapshot cache
    for n in (small, large):
        before = backend.round_trips
        data = api.data(NESTED, {"n": n})
        costs[n] = backend.round_trips - before
        assert len(data["actors"]["nodes"]) == n
    # version check + actor nodes + activity nodes + details + participant nodes + campaigns
    assert costs[small] == costs[large] <= 6


def test_snapshot_cache_follows_reloads(api: Api, falkor: GraphStore) -> None:
    from graph_api.loading import load_graphs
    from loaders.notice import build_graph
    from tests.test_loading import derived_notice

    q = '{ activities(filter: {actor: "organizer:公安部"}) { totalCount } }'
    assert api.data(q)["activities"]["totalCount"] == 3
    load_graphs(falkor, [build_graph(derived_notice(), "derived")])
    assert api.data(q)["activities"]["totalCount"] == 6  # 2023's three and the derived 2024's


def test_alias_and_token_limits(api: Api) -> None:
    aliases = "{ " + " ".join(f"a{i}: stats {{ nodes }}" for i in range(31)) + " }"
    assert api.error(aliases)["extensions"]["code"] == "LIMIT_EXCEEDED"
    tokens = "{ " + " ".join(f"a{i}: __typename" for i in range(1100)) + " }"
    assert api.error(tokens)["extensions"]["code"] == "LIMIT_EXCEEDED"
    assert api.error(aliases)["extensions"]["code"] == "LIMIT_EXCEEDED"  # cached validation still refuses


def test_names_list_in_pinyin_order(api: Api) -> None:
    q = "query($o: ActorOrder){ actors(filter: {kinds: [REGION]}, first: 100, orderBy: $o){ nodes { name } } }"
    names = [n["name"] for n in api.data(q, {"o": "NAME_ASC"})["actors"]["nodes"]]
    assert names[:3] == ["安徽省", "北京市", "重庆市"] and names[-1] == "浙江省"
    assert [n["name"] for n in api.data(q, {"o": "NAME_DESC"})["actors"]["nodes"]] == names[::-1]


def test_typed_questions_about_documents_topics_and_years(api: Api) -> None:
    q = """{ node(id: "document:质量强国建设纲要") { ... on Document { activities(first: 100) { totalCount nodes { id } }
                                                                  actors { id } } }
             activities(filter: {document: "document:质量强国建设纲要"}, first: 100) { totalCount nodes { id } }
             topics(year: 2023) { id activities(first: 1) { totalCount } actors(year: 2023) { id } }
             none: campaigns(year: 1999) { id } }"""
    data = api.data(q)
    cited = data["node"]["activities"]
    assert cited["totalCount"] == data["activities"]["totalCount"] > 0
    assert cited["nodes"] == data["activities"]["nodes"]
    assert data["node"]["actors"]
    assert all(t["activities"]["totalCount"] > 0 for t in data["topics"]) and data["topics"]
    assert data["none"] == []


def test_path_null_and_unknown_ids(api: Api) -> None:
    far = {"from": "region:310000", "to": "organizer:市场监管总局", "maxHops": 1}
    assert api.data(op("path"), far)["path"] is None
    assert api.error(op("path"), {**far, "to": "organizer:nobody"})["extensions"]["code"] == "NOT_FOUND"


def test_actor_facets_are_batched_and_labelled(api: Api, backend: GraphStore) -> None:
    q = """{ actors(filter: {name: "公安部"}) { nodes { activityFacets { total byType { key label count }
             byCampaign { key label count } byActorKind { key label } } } } }"""
    before = backend.round_trips
    facets = api.data(q)["actors"]["nodes"][0]["activityFacets"]
    assert backend.round_trips - before == 2  # the actor page, then every actor's facets at once
    assert facets["total"] == 3
    assert facets["byCampaign"] == [{"key": "campaign:昆仑2023", "label": "昆仑2023", "count": 3}]
    assert {"key": "ORGANIZER", "label": "主办单位"} in facets["byActorKind"]
    assert all(t["label"] for t in facets["byType"])


def test_what_one_year_has_and_another_lacks(api: Api, falkor: GraphStore) -> None:
    from graph_api.loading import load_graphs
    from loaders.notice import build_graph
    from tests.test_loading import derived_notice

    load_graphs(falkor, [build_graph(derived_notice(), "derived")])  # 2024 drops 海关总署's item
    q = """query($t: [ActivityType!]){ actors(first: 100, filter: {AND: [{runs: {types: $t, year: 2023}},
             {NOT: {runs: {types: $t, year: 2024}}}]}) { nodes { id } } }"""
    ids = {n["id"] for n in api.data(q, {"t": ["MONITORING"]})["actors"]["nodes"]}
    assert "organizer:海关总署" in ids and "organizer:市场监管总局" not in ids
    years = api.data('{ activities(filter: {actor: "organizer:公安部", year: 2024}) { nodes { year } } }')
    assert [n["year"] for n in years["activities"]["nodes"]] == [2024, 2024, 2024]


def test_contract_operations_keep_to_one_year_or_notice(api: Api, falkor: GraphStore) -> None:
    from graph_api.loading import load_graphs
    from loaders.notice import build_graph
    from tests.test_loading import derived_notice

    load_graphs(falkor, [build_graph(derived_notice(), "derived")])  # 2024 drops 海关总署's monitoring item
    sampling = {"types": ["MONITORING"]}
    every = {n["id"] for n in api.data(op("who_runs"), sampling)["actors"]["nodes"]}
    y2023 = {n["id"] for n in api.data(op("who_runs"), {**sampling, "year": 2023})["actors"]["nodes"]}
    y2024 = {n["id"] for n in api.data(op("who_runs"), {**sampling, "notice": "notice:2024"})["actors"]["nodes"]}
    assert every == y2023 == y2024 | {"organizer:海关总署"} and "organizer:海关总署" not in y2024
    both = api.data(op("who_runs"), {**sampling, "year": 2024, "notice": "notice:2023"})["actors"]
    assert both["totalCount"] == 0  # one activity must be of that year and that notice

    kinds = {"kinds": ["ORGANIZER"], "first": 100}
    organizers = api.data(op("actors_by_kind"), kinds)["actors"]
    of_2024 = api.data(op("actors_by_kind"), {**kinds, "year": 2024})["actors"]
    assert 0 < of_2024["totalCount"] <= organizers["totalCount"]
    assert api.data(op("actors_by_kind"), {**kinds, "year": 1999})["actors"]["totalCount"] == 0

    hits = api.data(op("search"), {"text": "监督抽查", "first": 50})["search"]
    scoped = api.data(op("search"), {"text": "监督抽查", "first": 50, "year": 2024})["search"]
    ids = [h["node"]["id"] for h in scoped]
    assert ids and not any(":2023" in i for i in ids) and len(hits) > len(scoped)
    assert {h["node"]["id"] for h in hits} >= set(ids)
    assert api.data(op("search"), {"text": "监督抽查", "notice": "notice:1999"})["search"] == []
    assert api.data(op("search"), {"text": "质", "first": 5, "notice": "notice:2024"})["search"]  # the scan path


def test_source_of_a_traditional_notice_keeps_the_original_sentence(falkor: GraphStore, settings: Settings) -> None:
    from loaders.reader import bundled_notice, parse_notice
    from tests.fixtures_formats import as_traditional

    text = bundled_notice()[1].decode()
    reset(falkor, parse_notice(as_traditional(text).encode(), "traditional.txt"))
    query = '{ node(id: "activity:2023:附件1/一/1") { ... on Activity { source { text original line column } } } }'
    try:
        with TestClient(create_app(settings, store=falkor)) as client:
            source = client.post("/graphql", json={"query": query}).json()["data"]["node"]["source"]
    finally:
        reset(falkor)
    assert source["original"] == as_traditional(source["text"]) != source["text"]
    line = text.splitlines()[source["line"] - 1]
    assert line[source["column"] - 1 :].startswith(source["text"][:4])
