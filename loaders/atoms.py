"""One action clause naming several activities gives one atom for each.

"举办“质量月”活动启动仪式、自治区质量和标准化高级研修班、质量知识竞赛等活动" names three
activities: a ceremony, a seminar and a contest. The clause splits at 、/和/及/以及/暨 when the
words on both sides end in an activity's head noun (仪式, 研修班, 竞赛 …), and at 并/和/及 when
an action verb follows ("挂牌…试点并开展群众性质量活动"). The later atoms take the clause's
verb: "举办自治区质量和标准化高级研修班". Quoted names and 《…》 titles are never split.
"""

from __future__ import annotations

import re

# The nouns an activity's name ends with. Examples: "启动仪式", "高级研修班", "知识竞赛", "开放日"
HEAD_NOUNS = (
    "活动", "仪式", "大会", "会议", "现场会", "观摩会", "发布会", "交流会", "推进会", "研讨会", "座谈会",
    "论坛", "沙龙", "培训", "培训班", "研修班", "讲堂", "专题课", "第一课", "竞赛", "大赛", "比赛", "决赛",
    "发表赛", "成果展", "展览", "展会",
    "巡展", "展播", "展示", "博览会", "宣贯", "交流", "宣传", "宣讲", "行动", "服务", "抽查", "督查",
    "检查", "监测", "试点", "调查", "征文", "评选", "表彰", "颁奖", "集训", "研学", "开放日", "一条街",
    "营", "行", "计划", "打假", "工作", "访谈", "观摩", "分享", "技术指导", "帮扶", "征集", "大练兵", "练兵", "验证",
)  # fmt: skip
# Trailing words that sum up a list rather than name an activity: "…等活动", "…等系列活动"
SUMMARY_TAILS = ("等系列活动", "等一线质量活动", "等活动", "系列活动", "等")
# Verbs that open an action clause (the clause's own verb is repeated on later atoms).
CLAUSE_VERBS = (
    "组织开展", "组织举办", "组织召开", "推动开展", "深入开展", "集中发布", "宣传贯彻",
    "举办", "开展", "组织", "召开", "发布", "举行", "启动", "上线", "挂牌", "颁发", "启用", "实施", "建设",
    "进行", "推广", "宣传", "推动", "推进", "加强", "深化", "探索", "持续推进",
)  # fmt: skip
# Shorter words than this after the verb are a bare noun, not a named activity.
MIN_ATOM = 4
# Verbs that start a new atom of their own; after other words the clause's verb is repeated.
OWN_VERBS = ("举办", "开展", "组织", "召开", "发布", "举行", "启动", "实施", "进行", "建设", "挂牌", "上线")
# Whom a leading "组织" addresses before the real verb. Examples: "各地市", "地市", "有关单位"
ADDRESSEES = re.compile(r"^(?:各\S{1,4}|\S{0,3}(?:市|地|县|单位|企业|机构))$")
CONJUNCTIONS = ("以及", "、", "和", "及", "暨", "并")


# "…进校园", "…进高校", "…进社区": a campaign carried into a kind of place is an activity.
INTO_PLACE = re.compile(r"进(?:校园|高校|企业|机关|农村|乡村|社区|基层|园区|市场|家庭|乡镇)$")


def is_activity_name(words: str) -> bool:
    """Whether ``words`` end like an activity's name ("…启动仪式", "…知识竞赛", "…等活动")."""
    return _is_activity_name(words)


def _is_activity_name(words: str) -> bool:
    words = words.strip()
    if words.endswith("活动"):
        return True
    for tail in SUMMARY_TAILS:
        if words.endswith(tail) and len(words) > len(tail) + 1:
            words = words[: -len(tail)]
            break
    words = words.rstrip("”’》")
    return words.endswith(HEAD_NOUNS) or INTO_PLACE.search(words) is not None


def _long(words: str, verb: str) -> bool:
    """An atom names something ("现场观摩会", "质量帮扶"), not a bare noun ("交流", "观摩活动")."""
    words = words.removeprefix(verb).strip()
    for tail in (*SUMMARY_TAILS, "活动"):
        if words.endswith(tail) and len(words) > len(tail):
            words = words[: -len(tail)]
            break
    return len(words) >= MIN_ATOM


def _split_points(clause: str) -> list[tuple[int, int]]:
    """(start, end) of each conjunction outside quotes and titles."""
    points, depth, i = [], 0, 0
    while i < len(clause):
        ch = clause[i]
        if ch in "“《‘":
            depth += 1
        elif ch in "”》’":
            depth = max(depth - 1, 0)
        elif depth == 0:
            word = next((c for c in CONJUNCTIONS if clause.startswith(c, i)), None)
            if word:
                points.append((i, i + len(word)))
                i += len(word)
                continue
        i += 1
    return points


def _verb_of(clause: str) -> str:
    """The clause's leading verb phrase: "组织各地市开展质量品牌宣传" → "组织各地市开展"."""
    verb = next((v for v in CLAUSE_VERBS if clause.startswith(v)), "")
    if not verb:
        return ""
    # "组织各地市开展…": a second verb right after whom the first one addresses carries the action.
    for i in range(len(verb), min(len(clause), len(verb) + 6)):
        inner = next((v for v in CLAUSE_VERBS if clause.startswith(v, i)), None)
        if inner and ADDRESSEES.match(clause[len(verb) : i]):
            return clause[: i + len(inner)]
    return verb


def split_atoms(clause: str) -> list[tuple[int, int, str]]:
    """(start, end in the clause, title) of each activity the clause names; one when it names one.

    The clause is cut at every conjunction, then pieces are merged until a group ends in an
    activity's head noun; a group closes there. A trailing group that names no activity
    rejoins the one before it, so "甲、乙、丙等经验交流" stays whole.
    """
    points = _split_points(clause)
    if not points:
        return [(0, len(clause), clause)]
    verb = _verb_of(clause)
    groups: list[list[int]] = []  # [start, end] of each group
    start = 0
    bounds = [*points, (len(clause), len(clause))]
    for n, (begin, end) in enumerate(bounds):
        piece_end = begin
        rest = clause[end:]
        next_piece = clause[end : bounds[n + 1][0]] if n + 1 < len(bounds) else ""
        closes = end < len(clause) and (
            (clause[begin:end] != "暨" and rest.startswith(CLAUSE_VERBS))
            or (
                verb != ""
                and _is_activity_name(clause[start:piece_end])
                and _long(clause[start:piece_end], verb)
                and _long(next_piece, verb)
            )
        )
        if closes or end == len(clause):
            groups.append([start, piece_end])
            start = end
    while len(groups) > 1 and not (
        _is_activity_name(clause[groups[-1][0] : groups[-1][1]]) or clause[groups[-1][0] :].startswith(CLAUSE_VERBS)
    ):
        last = groups.pop()
        groups[-1][1] = last[1]
    if len(groups) == 1:
        return [(0, len(clause), clause)]
    out = [(groups[0][0], groups[0][1], clause[groups[0][0] : groups[0][1]])]
    for g_start, g_end in groups[1:]:
        title = clause[g_start:g_end]
        out.append((g_start, g_end, title if title.startswith(OWN_VERBS) else verb + title))
    return [(s, e, _clean(t)) for s, e, t in out]


def _clean(title: str) -> str:
    return title.strip()
