"""Meaning keys: what an activity or a programme item is about, for implementation links across
notices. A local activity carries out a higher-level item when they share a key — the same
campaign series (铁拳, 昆仑), the same kind of event or action (启动仪式, 质量安全第一课, 监督抽查),
the same topic or product — never because their words overlap.
"""

from __future__ import annotations

from loaders import entities
from loaders.local_events import programmes_in

# Words that name a kind of event or action, and the key they give.
# Example: "举办2024年成都市“质量月”活动启动仪式" → "kind:launch-ceremony"
KIND_WORDS = (
    ("启动仪式", "launch-ceremony"), ("颁奖", "award-ceremony"), ("第一课", "first-lesson"),
    ("开放日", "open-day"), ("技能竞赛", "skills-contest"), ("技能比武", "skills-contest"),
    ("监督抽查", "supervision-sampling"), ("成果发表", "qc-results"), ("知识竞赛", "knowledge-contest"),
    ("质量标杆", "benchmark"), ("技术帮扶", "technical-assistance"), ("进校园", "campus"),
    ("进社区", "community"), ("进乡村", "countryside"), ("下乡", "countryside"), ("专项检查", "inspection"),
    ("执法打假", "enforcement"), ("打击", "enforcement"), ("计量", "metrology"), ("认证", "certification"),
    ("标准化", "standardization"), ("质量奖", "quality-award"),
)  # fmt: skip
# Topics that are programmes of their own: sharing one is carrying it out. Other topics are
# context: a shared topic alone links nothing (the link statement asks for another key).
PROGRAMME_TOPICS = ("质量管理小组", "首席质量官", "质量开放日", "质量标杆")
# Products named for supervision in local and national notices alike.
PRODUCTS = (
    "电动自行车", "锂离子电池", "燃气灶具", "燃气用具", "儿童用品", "学生用品", "文具", "玩具", "电梯",
    "农资", "食品", "药品", "医疗器械", "化妆品", "特种设备", "建材", "家用电器", "农产品",
)  # fmt: skip


def meaning_keys(text: str) -> list[str]:
    """The keys of ``text``, sorted: campaign series, programmes, topics, kinds, products."""
    keys: set[str] = set()
    for campaign in (*entities.campaigns_in(text), *programmes_in(text)):
        series = dict(campaign.props).get("series", campaign.name)
        keys.add(f"campaign:{series}")
    for topic in entities.topics_in(text):
        keys.add(f"kind:{topic.name}" if topic.name in PROGRAMME_TOPICS else f"topic:{topic.name}")
    keys.update(f"kind:{kind}" for word, kind in KIND_WORDS if word in text)
    keys.update(f"product:{product}" for product in PRODUCTS if product in text)
    return sorted(keys)
