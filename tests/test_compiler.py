"""The query compiler's pure steps: filter input → IR, IR → Cypher text and parameters."""

from __future__ import annotations

import pytest

from graph_api.compiler.emit import Emitter
from graph_api.compiler.ir import TRUE, And, CompileError, Indexed, Not, Op, Or, Prop, Quant, Rel, Text
from graph_api.compiler.parse import activity_pred, actor_pred
from graph_api.compiler.queries import (
    ACTOR_KINDS,
    Page,
    Scope,
    activity_page,
    actor_page,
    count_by_kind,
    facets,
    scoped_activity_pages,
)
from graph_api.schema.enums import ActivityType, ActorKind, ActorRole
from graph_api.schema.filters import ActivityFilter, ActivityQuantifier, ActorFilter, ActorQuantifier, StringFilter

PAGE = Page(0, 20)


def test_activity_filter_parses_to_ir() -> None:
    f = ActivityFilter(
        types=[ActivityType.LAUNCH_CEREMONY], text="监督 抽查", actor="region:310000", role=ActorRole.LEAD,
        campaign="campaign:昆仑2023", document="document:质量强国建设纲要", year=2023,
        title=StringFilter(starts_with="开展"),
    )  # fmt: skip
    assert activity_pred(f) == And(
        (
            Prop("types", Op.HAS_ANY, ("LAUNCH_CEREMONY",)),
            Prop("search_text", Op.CONTAINS_ALL, ("监督", "抽查")),
            Indexed(("抽查", "监督")),
            Rel(Quant.SOME, "RUNS", False, "Entity",
                And((Prop("id", Op.EQ, "region:310000"), Prop("role", Op.EQ, "LEAD", on_edge=True)))),
            Rel(Quant.SOME, "PART_OF", True, "Campaign", Prop("id", Op.EQ, "campaign:昆仑2023")),
            Rel(Quant.SOME, "CITES", True, "Document", Prop("id", Op.EQ, "document:质量强国建设纲要")),
            Prop("year", Op.EQ, 2023),
            Text("title_fold", ((Op.STARTS_WITH, "开展"),)),
        )
    )  # fmt: skip


def test_actor_filter_folds_names_and_nests_quantifiers() -> None:
    f = ActorFilter(
        name=" 市场监管总局 ",
        name_filter=StringFilter(contains="ＱＣ"),
        activities=ActivityQuantifier(none=ActivityFilter(types=[ActivityType.OTHER])),
        or_=[ActorFilter(kinds=[ActorKind.REGION]), ActorFilter(not_=ActorFilter(code=StringFilter(eq="320000")))],
    )
    assert actor_pred(f) == And(
        (
            Prop("name_folds", Op.HAS, "市场监管总局"),
            Text("name_folds", ((Op.CONTAINS, "qc"),), many=True),
            Rel(Quant.NONE, "RUNS", True, "Activity", Prop("types", Op.HAS_ANY, ("OTHER",))),
            Or((Prop("kind", Op.IN, ("REGION",)), Not(Text("code", ((Op.EQ, "320000"),))))),
        )
    )
    assert actor_pred(None) == TRUE == actor_pred(ActorFilter())


def test_participants_quantifier_reaches_actors_over_runs() -> None:
    f = ActivityFilter(participants=ActorQuantifier(all=ActorFilter(kinds=[ActorKind.REGION])))
    assert activity_pred(f) == Rel(Quant.ALL, "RUNS", False, "Entity", Prop("kind", Op.IN, ("REGION",)))


def test_labels_types_and_keys_come_only_from_the_model() -> None:
    with pytest.raises(CompileError):
        Prop("password", Op.EQ, "x")
    with pytest.raises(CompileError):
        Rel(Quant.SOME, "KNOWS", True, "Entity", TRUE)
    with pytest.raises(CompileError):
        Rel(Quant.SOME, "RUNS", True, "Person) DETACH DELETE (x", TRUE)
    with pytest.raises(CompileError):
        Emitter().where(Prop("role", Op.EQ, "LEAD", on_edge=True), "v0", None, ["v0"])


def test_values_travel_only_as_parameters() -> None:
    hostile = "x'}) DETACH DELETE n //"
    f = ActorFilter(name=hostile, runs=ActivityFilter(text=hostile, actor=hostile))
    statement, params = actor_page(actor_pred(f), "NAME_ASC", PAGE)
    assert "DETACH" not in statement.text and "'x" not in statement.text
    assert hostile in params.values() or any(hostile in str(v) for v in params.values())
    assert set(params) >= {"skip", "end"}


def test_some_quantifier_without_nesting_drives_the_match() -> None:
    f = ActorFilter(runs=ActivityFilter(types=[ActivityType.SUPERVISION_SAMPLING]))
    statement, params = actor_page(actor_pred(f), "NAME_ASC", PAGE)
    lines = statement.text.splitlines()
    assert lines[0] == "MATCH (v0:Entity)-[r1:RUNS]->(v1:Activity) WHERE $p0 IN v1.types"
    assert lines[1] == "WITH DISTINCT v0"
    assert lines[2] == "WITH v0 WHERE v0.kind IN $p1"
    assert params["p1"] == list(ACTOR_KINDS) and params["p0"] == "SUPERVISION_SAMPLING"
    assert lines[-1] == (
        "RETURN size(hits) AS total, [h IN CASE WHEN $skip IS NULL THEN reverse(reverse(hits)[0..$last]) "
        "ELSE hits[$skip..$end] END | h {.*}] AS page"
    )


def test_nested_quantifiers_use_one_optional_match_per_level() -> None:
    f = ActorFilter(
        activities=ActivityQuantifier(
            all=ActivityFilter(participants=ActorQuantifier(some=ActorFilter(kinds=[ActorKind.REGION])))
        )
    )
    text = actor_page(actor_pred(f), "NAME_ASC", PAGE)[0].text
    assert text.splitlines()[:6] == [
        "MATCH (v0:Entity)",
        "OPTIONAL MATCH (v0)-[r1:RUNS]->(v1:Activity)",
        "OPTIONAL MATCH (v1)<-[r2:RUNS]-(v2:Entity)",
        "WITH v0, v1, r1, count(CASE WHEN v2 IS NOT NULL AND v2.kind IN $p1 THEN 1 END) AS q2",
        "WITH v0, count(CASE WHEN v1 IS NOT NULL AND NOT (q2 > 0) THEN 1 END) AS q1",
        "WITH v0 WHERE (v0.kind IN $p0 AND q1 = 0)",
    ]
    # Neither dialect's problem forms: no EXISTS/COUNT subquery, no CALL, no pattern comprehension.
    for form in ("EXISTS", "COUNT {", "CALL", "[("):
        assert form not in text


def test_not_makes_missing_properties_false() -> None:
    _, expr = Emitter().where(Not(Text("code", ((Op.STARTS_WITH, "32"),))), "v0", None, ["v0"])
    assert expr == "NOT (coalesce((v0.code IS NOT NULL AND v0.code STARTS WITH $p0), false))"
    clauses, _ = Emitter().where(
        Rel(Quant.ALL, "RUNS", True, "Activity", Prop("year", Op.EQ, 2023)), "v0", None, ["v0"]
    )
    assert "NOT (coalesce(v1.year = $p0, false))" in clauses[-1]


def test_text_starts_from_the_search_index_where_the_tokens_allow() -> None:
    f = ActorFilter(runs=ActivityFilter(text="监督抽查"))
    statement, params = actor_page(actor_pred(f), "NAME_ASC", PAGE)
    lines = statement.text.splitlines()
    assert lines[:3] == [
        "CALL db.idx.fulltext.queryNodes('Entity', $p0) YIELD node AS v1",
        "WITH v1 WHERE v1:Activity",
        "MATCH (v0:Entity)-[r1:RUNS]->(v1) WHERE all(s IN $p2 WHERE coalesce(v1.search_text, '') CONTAINS s)",
    ]
    # Every token required, in each index's own query language; Neo4j calls its named index.
    assert (params["p0"], params["p1"]) == ("抽查 监督 督抽", "抽查 AND 监督 AND 督抽")
    neo4j = statement.text_for("neo4j").splitlines()
    assert neo4j[0] == "CALL db.index.fulltext.queryNodes('entity_search', $p1) YIELD node AS v1"
    assert neo4j[1:] == lines[1:]
    # A one-character run is not indexed inside longer runs: no hint, a scan.
    assert activity_pred(ActivityFilter(text="沪 质量")) == Prop("search_text", Op.CONTAINS_ALL, ("沪", "质量"))
    root = activity_page(activity_pred(ActivityFilter(text="启动仪式")), "DOCUMENT", PAGE)[0].text
    assert root.startswith("CALL db.idx.fulltext.queryNodes('Entity', $p0) YIELD node AS v0\nWITH v0 WHERE v0:Activity")


def test_boolean_combinations_keep_their_precedence() -> None:
    pred = Or((And((Prop("kind", Op.EQ, "REGION"), Prop("code", Op.EQ, "1"))), Not(Prop("year", Op.EQ, 2023))))
    _, expr = Emitter().where(pred, "v0", None, ["v0"])
    assert expr == ("((v0.kind = $p0 AND v0.code = $p1) OR NOT (coalesce(v0.year = $p2, false)))")
    assert Emitter().where(Or(()), "v0", None, ["v0"])[1] == "false"


def test_orders_and_pages_are_parameters_of_one_text() -> None:
    one, p1 = activity_page(TRUE, "DOCUMENT", Page(0, 20))
    two, p2 = activity_page(TRUE, "DOCUMENT", Page(40, 20))
    assert one.text == two.text and (p1["skip"], p1["end"], p2["skip"], p2["end"]) == (0, 20, 40, 60)
    # the last items, before the total is known: the same text
    three, p3 = activity_page(TRUE, "DOCUMENT", Page(None, 5))
    assert three.text == one.text and (p3["skip"], p3["end"], p3["last"]) == (None, None, 5)
    assert "ORDER BY v0.title DESC, v0.id DESC" in activity_page(TRUE, "TITLE_DESC", PAGE)[0].text
    assert "ORDER BY n DESC, v0.sort_key, v0.id" in actor_page(TRUE, "ACTIVITY_COUNT_DESC", PAGE)[0].text


def test_scoped_pages_batch_owners_and_narrow_the_role() -> None:
    statement, params = scoped_activity_pages(Scope.ACTOR, TRUE, "DOCUMENT", PAGE, role="LEAD")
    assert statement.text.splitlines()[:3] == [
        "UNWIND $owners AS owner",
        "MATCH (o:Entity {id: owner})-[r0:RUNS]->(v0:Activity) WHERE r0.role = $p0",
        "WITH DISTINCT owner, v0",
    ]
    assert params["p0"] == "LEAD"
    assert (
        "(o:Entity {id: owner})<-[r0:PART_OF]-(v0:Activity)"
        in scoped_activity_pages(Scope.CAMPAIGN, TRUE, "DOCUMENT", PAGE)[0].text
    )


def test_facets_and_counts_are_single_statements() -> None:
    text = facets(activity_pred(ActivityFilter(year=2023)))[0].text
    assert text.startswith("MATCH (v0:Activity) WHERE v0.year = $p0\nRETURN 'total' AS facet")
    # one branch per facet: total, type, kind, region, year, level, jurisdiction (issue 17), campaign,
    # event, topic and (issue 16) standard
    assert text.count("UNION ALL") == 10 and text.count("MATCH (v0:Activity) WHERE v0.year = $p0") == 11
    counts = count_by_kind()[0].text
    # one branch per kind of the registry: 19 with Standard (issue 16)
    assert counts.count("UNION ALL") == 18 and "MATCH (n:KeyArrangement) RETURN 'KEY_ARRANGEMENT' AS kind" in counts


def test_a_repeated_statement_is_compiled_once_and_its_parameters_are_the_callers_own() -> None:
    from graph_api.compiler import queries
    from graph_api.compiler.ir import Op, Prop

    pred = Prop("kind", Op.EQ, "compiled once")  # asked nowhere else: the first call compiles
    page = queries.Page(0, 10)
    hits = queries.actor_page.cache_info().hits  # type: ignore[attr-defined]
    first = queries.actor_page(pred, "NAME_ASC", page)
    first[1]["owners"] = ["mutated by a caller"]
    second = queries.actor_page(pred, "NAME_ASC", page)
    assert queries.actor_page.cache_info().hits == hits + 1  # type: ignore[attr-defined]
    assert second[0] is first[0] and "owners" not in second[1]
    assert second[1] == {k: v for k, v in first[1].items() if k != "owners"}
    assert queries.actor_page(pred, "NAME_DESC", page)[0] != first[0]
