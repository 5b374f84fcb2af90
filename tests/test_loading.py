"""A second, derived notice loads beside the first; shared actors stay one node."""

from __future__ import annotations

import pytest

from graph_api.errors import LoadError
from graph_api.loading import Source, load_graphs, load_sources, parse_sources
from graph_api.settings import Settings
from graph_api.store.falkordb_store import FalkorDBStore
from graph_api.store.repository import GraphRepository
from loaders.notice import build_graph
from loaders.reader import bundled_notice
from loaders.records import GraphData
from tests.conftest import reset


def derived_notice() -> str:
    """The 2023 text moved to 2024, with items removed and reworded (not a real notice)."""
    text = bundled_notice()[1].decode()
    text = text.replace("2023", "2024").replace("剑网 2024", "剑网 2024").replace("24 个部门", "24 个部门")
    lines = text.split("\n")
    # Remove 附件1/十九 (海关总署) and 附件3/三十二 (兵团); reword 附件1/六 (公安部).
    lines = [ln for ln in lines if not ln.startswith(("十九、海关总署", "三十二、新疆生产建设兵团"))]
    text = "\n".join(lines)
    return text.replace("侦破一批大案要案", "侦破一批重大案件")


def test_derived_notice_parses_with_its_changes() -> None:
    data = build_graph(derived_notice(), "derived")
    ids = {n.id for n in data.nodes}
    assert data.notice_id == "notice:2024"
    assert "activity:2024:附件1/六/1" in ids and "activity:2024:附件3/三十二/1" not in ids
    title = next(n.props["title"] for n in data.nodes if n.id == "activity:2024:附件1/六/1")
    assert title == "侦破一批重大案件"
    assert "campaign:剑网2024" in ids


def test_two_notices_load_side_by_side(falkor: FalkorDBStore, notice: GraphData) -> None:
    derived = build_graph(derived_notice(), "derived")
    reset(falkor, notice)
    load_graphs(falkor, [derived])
    repo = GraphRepository(falkor)
    assert [n["year"] for n in repo.notices()] == [2024, 2023]
    facts = repo.activity_facts()
    samr = {f["notice"] for f in facts for a in f["actors"] if a["id"] == "organizer:市场监管总局"}
    assert samr == {"notice:2023", "notice:2024"}
    assert len(repo.nodes(["organizer:市场监管总局"])) == 1
    assert sum(1 for a in repo.actors(["REGION"]) if a["name"] == "上海市") == 1
    # Reloading 2024 replaces only its own facts.
    before = repo.stats()
    load_graphs(falkor, [derived])
    assert repo.stats() == before
    hai_guan = {f["notice"] for f in facts for a in f["actors"] if a["id"] == "organizer:海关总署"}
    assert hai_guan == {"notice:2023"}


def _junk_after_header(lines: int) -> bytes:
    """The notice's first 12 lines, then lines of Chinese that say nothing a notice says."""
    head = "\n".join(bundled_notice()[1].decode().split("\n")[:12])
    junk = "\n".join(f"第{i}行随便写一些与通知无关的文字，天气晴朗。" for i in range(lines))
    return f"{head}\n{junk}\n".encode()


REFUSED = {
    "control character": (
        "一、活动主题\n\n增强\x07质量意识\n".encode(),
        "line 3, column 3 holds the control character U+0007",
    ),
    "too large": (b"x" * (2 * 1024 * 1024), "over the 1 MB limit"),
    "mostly unplaced": (_junk_after_header(2000), "could not be placed"),
    "not a notice": ("今天天气很好，我们去公园。\n".encode(), "no recognizable notice structure"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_refused_load_leaves_the_graph_as_it_was(falkor: FalkorDBStore, notice: GraphData, case: str) -> None:
    reset(falkor, notice)
    repo = GraphRepository(falkor)
    before = repo.stats(), repo.meta()
    raw, message = REFUSED[case]
    with pytest.raises(LoadError) as caught:
        load_sources(falkor, [Source("bad.txt", raw)], Settings(max_file_mb=1))
    assert message in caught.value.message
    assert (repo.stats(), repo.meta()) == before


def test_the_unplaced_refusal_counts_and_quotes_and_force_overrides_it() -> None:
    raw = _junk_after_header(2000)
    with pytest.raises(LoadError) as caught:
        parse_sources([Source("junk.txt", raw)], Settings())
    message = caught.value.message
    assert message.startswith("junk.txt: 48890 of 49186 characters")  # of the 2000 unplaced lines
    assert "(2000 of 2005 lines) could not be placed (99%" in message
    assert "over the 25% limit, QGRAPH_MAX_UNPLACED); first: line 13: 第0行随便写一些与通知无关的文字" in message
    assert caught.value.details["line"] == 13
    [data] = parse_sources([Source("junk.txt", raw)], Settings(), force=True)
    assert len(data.unplaced) == 2000


def test_a_load_reports_parse_and_write_times(falkor: FalkorDBStore) -> None:
    reset(falkor)
    seen: list[str] = []
    summary = load_sources(falkor, [Source("n.txt", bundled_notice()[1])], Settings(), progress=seen.append)
    assert summary.parse_seconds > 0 and summary.seconds > 0
    assert (
        seen[0] == "n.txt"
        and seen[-1].startswith("writing: step ")
        and seen[-1].endswith(" of " + seen[-1].split()[-1])
    )


def test_a_notice_without_any_activity_is_refused_unless_forced() -> None:
    from tests.local_notices import COUNTY_2025

    body_only = COUNTY_2025.split("二、活动内容")[0] + "三、工作要求\n\n（一）及时总结报送。请按时报送。\n"
    with pytest.raises(LoadError) as caught:
        parse_sources([Source("empty.txt", body_only.encode())], Settings())
    assert caught.value.message.startswith("empty.txt: no activity could be read from its body")
    [data] = parse_sources([Source("empty.txt", body_only.encode())], Settings(), force=True)
    assert data.notice_id == "notice:2025:330521" and "Activity" not in data.counts()


def test_the_unplaced_share_weighs_characters_not_lines() -> None:
    text = bundled_notice()[1].decode() + "\n" + "这是一段很长的无法归位的文字，" * 400 + "\n"
    with pytest.raises(LoadError) as caught:
        parse_sources([Source("long.txt", text.encode())], Settings())
    assert "(1 of " in caught.value.message  # one line, most of the characters
