"""Roles of joint sentences in national annex items: 会同 runs, 配合 with the subject from context."""

from __future__ import annotations

from loaders.activities import split_item
from loaders.structure import Item, Span


def _roles(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    drafts = split_item(Item("附件1/一", 1, "", Span(0, len(text), text)), "organizers")
    return [(d.title, [(p.actor.name, p.role) for p in d.participants]) for d in drafts]


def test_every_body_after_huitong_is_a_partner() -> None:
    assert _roles("市场监管总局会同工业和信息化部、商务部举办质量大会。") == [
        ("举办质量大会", [("市场监管总局", "LEAD"), ("工业和信息化部", "PARTNER"), ("商务部", "PARTNER")])
    ]


def test_peihe_makes_the_named_body_lead_and_the_subject_support() -> None:
    assert _roles("中国质量协会开展质量宣传，配合市场监管总局开展质量标杆遴选。") == [
        ("开展质量宣传", [("中国质量协会", "LEAD")]),
        ("开展质量标杆遴选", [("市场监管总局", "LEAD"), ("中国质量协会", "SUPPORT")]),
    ]
