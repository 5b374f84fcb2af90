"""The scorer behind `make eval`: matching, counting, the targets, the missing dev corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from eval.score import ANNOTATION_2023, TARGET_2023, Act, Score, main, match, read_annotation, score_2023
from loaders.reader import read_notice


def _act(title: str, roles: frozenset[tuple[str, str]] = frozenset()) -> Act:
    return Act("附件1/一", title, roles, frozenset({"OTHER"}), frozenset(), frozenset())


def test_activities_match_by_item_and_similar_title() -> None:
    expected = [_act("举办质量知识竞赛"), _act("开展首席质量官培训")]
    predicted = [_act("开展首席质量官培训工作"), _act("召开现场会")]
    pairs = {(e.title if e else None, p.title if p else None) for e, p in match(expected, predicted)}
    assert pairs == {("开展首席质量官培训", "开展首席质量官培训工作"), ("举办质量知识竞赛", None), (None, "召开现场会")}


def test_scores_count_facts_of_unmatched_activities_as_misses() -> None:
    s = Score("x")
    s.add({1, 2, 3}, {2, 3, 4})
    assert (s.tp, s.fp, s.fn, round(s.precision, 3), round(s.recall, 3)) == (2, 1, 1, 0.667, 0.667)


def test_the_bundled_notice_meets_the_2023_targets() -> None:
    annotation = read_annotation(ANNOTATION_2023)
    assert len(annotation) == 190
    scores = {s.name: s for s in score_2023(read_notice(), annotation)}
    assert all(s.precision >= TARGET_2023 and s.recall >= TARGET_2023 for s in scores.values()), [
        (s.name, s.precision, s.recall) for s in scores.values()
    ]


def test_a_missing_dev_corpus_is_said_plainly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(tmp_path) == 0
    out = capsys.readouterr().out
    assert "2024-dev: not scored" in out and str(tmp_path) in out


def test_a_local_notice_is_scored_against_its_facts_extra() -> None:
    from eval.local import score_local
    from loaders.notice import build_graph
    from tests.local_notices import COUNTY_2025

    facts = {
        "extra": {
            "activities": [
                {
                    "title": "举办2025年德清县“质量月”活动启动仪式",
                    "actors": [
                        {"name": "德清县市场监督管理局", "role": "LEAD"},
                        {"name": "德清县武康街道", "role": "SUPPORT"},
                    ],
                    "campaigns": [],
                    "events": ["2025年德清县“质量月”活动启动仪式"],
                },
                {"title": "开展质量安全进社区活动", "actors": [], "campaigns": [], "events": []},
            ],
            "actors": [{"name": "德清县市场监督管理局"}, {"name": "德清县教育局"}, {"name": "德清县武康街道"}],
            "region_codes": {"德清县武康街道": None},
            "events": [{"name": "2025年德清县“质量月”活动启动仪式"}],
        }
    }
    scores = {s.name: (s.tp, s.fp, s.fn) for s in score_local(build_graph(COUNTY_2025, "dq"), facts)}
    assert scores == {
        "activities": (1, 1, 1),  # 组织中小学开展质量安全第一课 is not in these facts; 进社区 is not read
        "participants+roles": (2, 2, 0),
        "actors with codes": (3, 0, 0),
        "campaigns": (0, 0, 0),
        "events": (1, 0, 0),
    }
