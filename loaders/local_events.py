"""Events a local notice holds: launch and award ceremonies, forums, exchange meetings.

"举办2023年全省“质量月”活动启动仪式" names an event; "“质量月”活动启动仪式暨东莞市政府质量奖颁奖仪式"
names two (暨 joins them). A ceremony named without its place or year ("“质量月”活动启动仪式")
takes the name of the region that holds it: "东莞市“质量月”活动启动仪式".
"""

from __future__ import annotations

import re

from loaders.entities import Named
from loaders.model import Label, node_id

# Event nouns and their kinds, longest first. Example: "…颁奖仪式" → AWARD_CEREMONY
EVENT_KINDS = (
    ("启动仪式", "LAUNCH_CEREMONY"), ("颁奖仪式", "AWARD_CEREMONY"), ("颁奖典礼", "AWARD_CEREMONY"),
    ("论坛", "FORUM"), ("交流会", "EXCHANGE_MEETING"), ("大会", "CONFERENCE"), ("博览会", "EXHIBITION"),
)  # fmt: skip
HOST_VERBS = ("举办", "召开", "举行", "主办", "承办")
# The hosted object: after the verb up to the end of the clause.
HOSTED = re.compile(rf"(?:{'|'.join(HOST_VERBS)})(.+)$")
# A name that says its own year or place. Examples: "2024年成都市…", "广佛同城…", "深莞惠…"
PLACED = re.compile(r"^(?:\d{4}年|[\u4e00-\u9fff]{2,6}[省市县区])")


def events_in(title: str, host_region: str | None) -> list[Named]:
    """The events a hosting action names; ``host_region`` names a bare ceremony."""
    m = HOSTED.search(title)
    if not m:
        return []
    out = []
    for part in m.group(1).split("暨"):
        part = part.strip("，。；")
        kind = next((k for noun, k in EVENT_KINDS if part.endswith(noun)), None)
        if kind is None:
            continue
        part = part.removeprefix("分别").removeprefix("本市").removeprefix("本县").removeprefix("本区")
        if kind in ("LAUNCH_CEREMONY", "AWARD_CEREMONY") and not PLACED.match(part) and host_region:
            part = host_region + part
        out.append(Named(node_id(Label.EVENT, part), Label.EVENT, part, (), (("kind", kind),)))
    return out


# Programmes local notices name without the national lexicon knowing them.
# Examples: "结合“百县千镇万村高质量发展工程”", "深入实施小微企业质量管理体系认证提升行动"
QUOTED_PROGRAMME = re.compile(r"“([^”]{4,20}(?:工程|计划|行动))”(?!专栏|栏目|系列)")
UNQUOTED_PROGRAMME = re.compile(r"(?:实施|开展|推进|深化)([\u4e00-\u9fff]{6,20}?提升行动)")


def programmes_in(text: str) -> list[Named]:
    """Named programmes (as campaigns) in an activity's text and scene."""
    names = [m.group(1) for m in QUOTED_PROGRAMME.finditer(text)]
    names += [m.group(1) for m in UNQUOTED_PROGRAMME.finditer(text)]
    return [Named(node_id(Label.CAMPAIGN, name), Label.CAMPAIGN, name) for name in dict.fromkeys(names)]
