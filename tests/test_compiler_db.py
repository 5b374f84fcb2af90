"""Compiled statements against the database: generated filters (hypothesis) answer what the
plain-Python reading of the filters answers, on both backends, and lint clean on Neo4j's
front end; several notices side by side are first class."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph_api.compiler import queries
from graph_api.compiler.ir import TRUE
from graph_api.compiler.parse import activity_pred, actor_pred
from graph_api.compiler.queries import Page, Scope
from graph_api.schema.enums import ActivityType, ActorKind, ActorRole
from graph_api.schema.filters import ActivityFilter, ActivityQuantifier, ActorFilter, ActorQuantifier, StringFilter
from graph_api.store.falkordb_store import FalkorDBStore
from graph_api.store.neo4j_store import Neo4jStore
from graph_api.store.protocol import GraphStore
from graph_api.store.repository import GraphRepository
from loaders.notice import build_graph
from loaders.records import GraphData
from tests.conftest import reset
from tests.filter_reference import Reference
from tests.local_notices import COUNTY_2025, HANGZHOU_2025, ZHEJIANG_2025
from tests.test_loading import derived_notice

ROOT = Path(__file__).resolve().parents[1]
PARAM = re.compile(r"\$(\w+)")
ALL = Page(0, 1000)
# FalkorDB's Bolt listener dies on a request over ~4 KB: larger generated requests stay native.
BOLT_REQUEST_LIMIT = 3000

ACTORS = ["organizer:市场监管总局", "organizer:公安部", "region:310000", "region:320000", "organizer:海关总署"]
CAMPAIGNS = ["campaign:昆仑2023", "campaign:双随机、一公开", "campaign:剑网2024"]
# Regions of the national notices and of the local fixtures (a province, a city, a county, a township).
REGIONS = ["region:330000", "region:330100", "region:330521", "region:德清县武康街道", "region:310000"]
WORDS = [
    "质量",
    "抽查",
    "监督抽查",
    "启动仪式",
    "开展",
    "上海",
    "省",
    "联合会",
    "QC",
    "ｑｃ",
    "2023",
    "附件3",
    "附件1/六",
]

strings = st.builds(
    StringFilter,
    eq=st.none() | st.sampled_from(WORDS),
    in_=st.none() | st.lists(st.sampled_from(WORDS), max_size=2),
    contains=st.none() | st.sampled_from(WORDS),
    starts_with=st.none() | st.sampled_from(WORDS),
)


def activity_filters(depth: int) -> st.SearchStrategy[ActivityFilter]:
    """ActivityFilters nested up to ``depth`` levels (quantifiers and AND/OR/NOT)."""
    deeper: dict[str, Any] = {}
    if depth > 0:
        sub = activity_filters(depth - 1)
        deeper = {
            "participants": st.none() | st.builds(ActorQuantifier, some=st.none() | actor_filters(depth - 1),
                                                  none=st.none() | actor_filters(depth - 1),
                                                  all=st.none() | actor_filters(depth - 1)),
            "and_": st.none() | st.lists(sub, max_size=2),
            "or_": st.none() | st.lists(sub, max_size=2),
            "not_": st.none() | sub,
        }  # fmt: skip
    return st.builds(
        ActivityFilter,
        types=st.none() | st.lists(st.sampled_from(list(ActivityType)), max_size=2),
        text=st.none() | st.sampled_from(WORDS),
        actor=st.none() | st.sampled_from(ACTORS),
        role=st.none() | st.sampled_from(list(ActorRole)),
        campaign=st.none() | st.sampled_from(CAMPAIGNS),
        event=st.none() | st.just("event:中国质量（成都）大会"),
        topic=st.none() | st.just("topic:首席质量官"),
        document=st.none() | st.just("document:质量强国建设纲要"),
        year=st.none() | st.sampled_from([2023, 2024, 1999]),
        notice=st.none() | st.just("notice:2024"),
        within=st.none() | st.sampled_from(REGIONS),
        title=st.none() | strings,
        section=st.none() | strings,
        **deeper,
    )


def actor_filters(depth: int) -> st.SearchStrategy[ActorFilter]:
    """ActorFilters nested up to ``depth`` levels."""
    deeper: dict[str, Any] = {}
    if depth > 0:
        sub = actor_filters(depth - 1)
        acts = activity_filters(depth - 1)
        deeper = {
            "runs": st.none() | acts,
            "activities": st.none() | st.builds(ActivityQuantifier, some=st.none() | acts, none=st.none() | acts,
                                                all=st.none() | acts),
            "and_": st.none() | st.lists(sub, max_size=2),
            "or_": st.none() | st.lists(sub, max_size=2),
            "not_": st.none() | sub,
        }  # fmt: skip
    return st.builds(
        ActorFilter,
        kinds=st.none() | st.lists(st.sampled_from(list(ActorKind)), max_size=2),
        name=st.none() | st.sampled_from(["上海市", " 市场监管总局 ", "国家市场监督管理总局", "QC小组"]),
        name_filter=st.none() | strings,
        code=st.none() | strings,
        year=st.none() | st.sampled_from([2023, 2024, 1999]),
        notice=st.none() | st.just("notice:2024"),
        within=st.none() | st.sampled_from(REGIONS),
        **deeper,
    )


def with_2022_without_shanghai_ceremony(notice_text: str) -> str:
    """The 2023 text moved to 2022, where 上海市 held no launch ceremony."""
    text = notice_text.replace("2023", "2022")
    return "\n".join(ln.replace("启动仪式", "座谈会") if "上海市" in ln else ln for ln in text.split("\n"))


@pytest.fixture
def loaded(falkor: FalkorDBStore, notice: GraphData) -> Reference:
    reset(falkor, notice, build_graph(derived_notice(), "derived"), *local_notices())
    return Reference(GraphRepository(falkor))


def local_notices() -> list[GraphData]:
    """The provincial, county and city fixtures (浙江省, 德清县, 杭州市; 2025)."""
    return [build_graph(text, name) for text, name in ((ZHEJIANG_2025, "zj"), (COUNTY_2025, "dq"), (HANGZHOU_2025, "hz"))]


def _small(statement: Any, params: dict[str, Any]) -> bool:
    return len(statement.text) + len(json.dumps(params, ensure_ascii=False).encode()) < BOLT_REQUEST_LIMIT


FAST = settings(max_examples=60, deadline=None, database=None, suppress_health_check=list(HealthCheck))
SLOW = settings(max_examples=12, deadline=None, database=None, suppress_health_check=list(HealthCheck))


def test_generated_activity_filters_answer_as_the_reference(loaded: Reference, falkor: FalkorDBStore) -> None:
    repo = GraphRepository(falkor)

    @FAST
    @given(activity_filters(2))
    def check(f: ActivityFilter) -> None:
        found = repo.activity_page(activity_pred(f), "DOCUMENT", ALL)
        expected = sorted(a["id"] for a in loaded.facts if loaded.activity(f, a))
        assert (found.total, sorted(r["id"] for r in found.rows)) == (len(expected), expected)

    check()


def test_generated_actor_filters_answer_as_the_reference(loaded: Reference, falkor: FalkorDBStore) -> None:
    repo = GraphRepository(falkor)

    @FAST
    @given(actor_filters(2))
    def check(f: ActorFilter) -> None:
        found = repo.actor_page(actor_pred(f), "NAME_ASC", ALL)
        expected = sorted(i for i, a in loaded.actors.items() if loaded.actor(f, a))
        assert (found.total, sorted(r["id"] for r in found.rows)) == (len(expected), expected)

    check()


def test_generated_filters_answer_the_same_over_bolt(
    loaded: Reference, falkor: FalkorDBStore, bolt: Neo4jStore
) -> None:
    native, driver = GraphRepository(falkor), GraphRepository(bolt)

    @SLOW
    @given(actor_filters(1), activity_filters(1))
    def check(actors: ActorFilter, activities: ActivityFilter) -> None:
        for build, pred in (
            (queries.actor_page, actor_pred(actors)),
            (queries.activity_page, activity_pred(activities)),
        ):
            statement, params = build(pred, "NAME_ASC" if build is queries.actor_page else "TITLE_ASC", Page(0, 20))
            if _small(statement, params):
                assert driver._run(statement, params) == native._run(statement, params)

    check()


def test_launch_ceremony_in_one_year_but_not_another(falkor: FalkorDBStore, notice: GraphData) -> None:
    from loaders.reader import bundled_notice

    older = build_graph(with_2022_without_shanghai_ceremony(bundled_notice()[1].decode()), "2022")
    reset(falkor, notice, older)
    repo = GraphRepository(falkor)
    ceremony = [ActivityType.LAUNCH_CEREMONY]
    f = ActorFilter(
        kinds=[ActorKind.REGION],
        and_=[ActorFilter(runs=ActivityFilter(types=ceremony, year=2023)),
              ActorFilter(not_=ActorFilter(runs=ActivityFilter(types=ceremony, year=2022)))],
    )  # fmt: skip
    found = repo.actor_page(actor_pred(f), "NAME_ASC", ALL)
    # 上海市 leads it, 江苏 浙江 安徽 江西 run it with Shanghai (any role counts); 安徽 held its
    # own in 2022 as well.
    shanghai_and_partners = ["region:310000", "region:320000", "region:330000", "region:360000"]
    assert sorted(r["id"] for r in found.rows) == shanghai_and_partners
    both = repo.activity_page(activity_pred(ActivityFilter(types=ceremony)), "DOCUMENT", ALL)
    only_2022 = repo.activity_page(activity_pred(ActivityFilter(types=ceremony, year=2022)), "DOCUMENT", ALL)
    assert (both.total, only_2022.total) == (23, 11)
    assert {r["year"] for r in only_2022.rows} == {2022}
    years = repo.scoped_activity_pages(
        Scope.ACTOR, ["region:310000"], activity_pred(ActivityFilter(year=2022)), "DOCUMENT", ALL
    )
    assert {r["owner"] for r in years["region:310000"].rows} == {"notice:2022"}


def _lint(statements: list[tuple[str, str]]) -> list[tuple[str, str]]:
    node = shutil.which("node")
    assert node, "node is required for the Cypher lint"
    payload = [{"name": n, "text": t, "parameters": sorted(set(PARAM.findall(t)))} for n, t in statements]
    result = subprocess.run(
        [node, str(ROOT / "js" / "lint-cypher.mjs")],
        input=json.dumps(payload), capture_output=True, text=True, cwd=ROOT, timeout=300, check=True,
    )  # fmt: skip
    linted = json.loads(result.stdout)
    assert len(linted) == len(statements)
    return [(r["name"], d["message"]) for r in linted for d in r["diagnostics"] if d["severity"] == 1]


def contract_statements() -> list[tuple[str, str]]:
    """What the contract operations compile to (who_runs, activities, find_actor, …), as Neo4j
    runs them (its own full-text call where they start from the index)."""
    page = Page(0, 20)
    types = [ActivityType.SUPERVISION_SAMPLING]
    built = [
        queries.actor_page(actor_pred(ActorFilter(runs=ActivityFilter(types=types, text="监督抽查"))), "NAME_ASC", page),
        queries.actor_page(actor_pred(ActorFilter(name="市场监管总局")), "NAME_ASC", page),
        queries.actor_page(actor_pred(ActorFilter(kinds=[ActorKind.REGION])), "NAME_DESC", page),
        queries.actor_page(TRUE, "ACTIVITY_COUNT_DESC", page),
        queries.activity_page(activity_pred(ActivityFilter(campaign="campaign:昆仑2023", actor="region:310000")), "DOCUMENT", page),
        queries.activity_page(TRUE, "TITLE_ASC", page),
        queries.activity_page(activity_pred(ActivityFilter(text="启动仪式")), "DOCUMENT", page),
        queries.facets(TRUE),
        queries.facets(activity_pred(ActivityFilter(year=2023)), Scope.ACTOR),
        queries.count_by_kind(),
        *(queries.scoped_activity_pages(s, TRUE, "DOCUMENT", page, "LEAD" if s == Scope.ACTOR else None) for s in Scope),
    ]  # fmt: skip
    return [(s.name, s.text_for("neo4j")) for s, _ in built]


def test_compiled_statements_lint_clean_on_neo4j() -> None:
    corpus = contract_statements()

    # Neo4j's front end takes about two seconds per generated statement: a small sample here,
    # the equivalence tests above cover many more shapes against the database.
    @settings(max_examples=10, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(actor_filters(1), activity_filters(1))
    def collect(actors: ActorFilter, activities: ActivityFilter) -> None:
        corpus.append(("actors", queries.actor_page(actor_pred(actors), "NAME_ASC", ALL)[0].text_for("neo4j")))
        corpus.append(("activities", queries.activity_page(activity_pred(activities), "DOCUMENT", ALL)[0].text_for("neo4j")))

    collect()
    assert len(corpus) >= 30
    assert _lint(corpus) == []


def test_facets_count_as_the_reference(loaded: Reference, falkor: FalkorDBStore, bolt: Neo4jStore) -> None:
    f = ActivityFilter(types=[ActivityType.LAUNCH_CEREMONY, ActivityType.PUBLICITY])
    rows = GraphRepository(falkor).facets(activity_pred(f))[None]
    facts = [a for a in loaded.facts if loaded.activity(f, a)]
    counted: dict[tuple[str, str], int] = {}
    for fact in facts:
        keys = [("type", t) for t in fact["types"]] + [("kind", k) for k in {a["kind"] for a in fact["actors"]}]
        keys += [("region", a["id"]) for a in {a["id"]: a for a in fact["actors"] if a["kind"] == "REGION"}.values()]
        keys += [(name, i) for name in ("campaign", "event", "topic") for i in set(fact[f"{name}s"])]
        code = loaded.notice_codes[fact["notice"]]
        keys += [("year", str(fact["year"])), ("level", loaded.notice_levels[fact["notice"]])]
        keys.append(("jurisdiction", f"region:{code}" if code else "NATIONAL"))
        for key in keys:
            counted[key] = counted.get(key, 0) + 1
    assert {(r["facet"], r["key"]): r["count"] for r in rows if r["facet"] != "total"} == counted
    assert next(r["count"] for r in rows if r["facet"] == "total") == len(facts)
    statement, params = queries.facets(activity_pred(f))
    assert GraphRepository(bolt)._run(statement, params) == GraphRepository(falkor)._run(statement, params)


def test_nested_pages_for_many_owners_answer_as_the_reference(loaded: Reference, falkor: FalkorDBStore) -> None:
    repo = GraphRepository(falkor)

    @FAST
    @given(activity_filters(1), st.none() | st.sampled_from(list(ActorRole)))
    def check(f: ActivityFilter, role: ActorRole | None) -> None:
        pages = repo.scoped_activity_pages(
            Scope.ACTOR, ACTORS, activity_pred(f), "DOCUMENT", ALL, role.name if role else None
        )
        for actor in ACTORS:
            expected = sorted(
                a["id"] for a in loaded.facts
                if loaded.activity(f, a) and any(p["id"] == actor and (role is None or p["role"] == role.name) for p in a["actors"])
            )  # fmt: skip
            found = pages.get(actor)
            assert (sorted(r["id"] for r in found.rows) if found else []) == expected
            assert (found.total if found else 0) == len(expected)

    check()


def test_within_a_region_reaches_every_level(loaded: Reference, backend: GraphStore) -> None:
    repo = GraphRepository(backend)
    regions = repo.actor_page(actor_pred(ActorFilter(within="region:330000")), "NAME_ASC", ALL)
    assert sorted(r["id"] for r in regions.rows) == [
        "region:330000", "region:330100", "region:330110", "region:330113", "region:330500", "region:330521",
        "region:德清县武康街道",
    ]  # fmt: skip
    county = repo.activity_page(activity_pred(ActivityFilter(within="region:330521")), "DOCUMENT", ALL)
    assert [r["title"] for r in county.rows] == [  # the county's own notice
        "在武康街道举办2025年德清县“质量月”活动启动仪式",
        "组织中小学开展质量安全第一课",
    ]
    township = repo.activity_page(activity_pred(ActivityFilter(within="region:德清县武康街道")), "DOCUMENT", ALL)
    assert [r["title"] for r in township.rows] == ["在武康街道举办2025年德清县“质量月”活动启动仪式"]  # it runs it
    # "Activities in 浙江省 at any level": every Zhejiang notice's, and the national ones it takes part in.
    province = repo.activity_page(activity_pred(ActivityFilter(within="region:330000")), "DOCUMENT", ALL)
    owners = [r["owner"] for r in province.rows]
    local = {d.notice_id: sum(1 for n in d.nodes if n.label == "Activity") for d in local_notices()}
    assert {o: owners.count(o) for o in local} == local
    national = sorted(r["id"] for r in province.rows if r["owner"] in ("notice:2023", "notice:2024"))
    assert national == sorted(f"activity:{y}:附件3/{s}" for y in (2023, 2024) for s in ("九/1", "九/2", "十一/1", "十一/2"))
    for region in REGIONS:
        found = repo.activity_page(activity_pred(ActivityFilter(within=region)), "DOCUMENT", ALL)
        assert sorted(r["id"] for r in found.rows) == sorted(
            a["id"] for a in loaded.facts if loaded.activity_within(a, region)
        )
