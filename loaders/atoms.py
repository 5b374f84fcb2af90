"""One action clause naming several activities gives one atom for each.

"举办“质量月”活动启动仪式、自治区质量和标准化高级研修班、质量知识竞赛等活动" names three
activities: a ceremony, a seminar and a contest. The clause splits at 、/和/及/以及/暨 when the
words on both sides end in an activity's head noun (仪式, 研修班, 竞赛 …), and at 并/和/及 when
an action verb follows ("挂牌…试点并开展群众性质量活动"). The later atoms take the clause's
verb: "举办自治区质量和标准化高级研修班". Quoted names and 《…》 titles are never split.
"""

from __future__ import annotations

# The nouns an activity's name ends with. Examples: "启动仪式", "高级研修班", "知识竞赛", "开放日"
HEAD_NOUNS = (
    "活动", "仪式", "大会", "会议", "现场会", "观摩会", "发布会", "交流会", "推进会", "研讨会", "座谈会",
    "论坛", "沙龙", "培训", "培训班", "研修班", "讲堂", "专题课", "第一课", "竞赛", "大赛", "比赛", "决赛",
    "发表赛", "展", "展播", "展示", "博览会", "宣贯", "交流", "宣传", "宣讲", "行动", "服务", "抽查", "督查",
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
MIN_ATOM = 5
# Verbs that start a new atom of their own; after other words the clause's verb is repeated.
OWN_VERBS = ("举办", "开展", "组织", "召开", "发布", "举行", "启动", "实施", "进行", "建设", "挂牌", "上线")
CONJUNCTIONS = ("以及", "、", "和", "及", "暨", "并")


def _is_activity_name(words: str) -> bool:
    words = words.strip()
    if words.endswith("活动"):
        return True
    for tail in SUMMARY_TAILS:
        if words.endswith(tail) and len(words) > len(tail) + 1:
            words = words[: -len(tail)]
            break
    return words.rstrip("”’》").endswith(HEAD_NOUNS)


def _long(words: str, verb: str) -> bool:
    """An atom names something ("现场观摩会"), not a bare noun ("交流" in "分享和交流")."""
    return len(words.removeprefix(verb)) >= MIN_ATOM


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
    # "组织各地市开展…": a second verb shortly after the first carries the action.
    for i in range(len(verb), min(len(clause), len(verb) + 6)):
        if clause[i] in "“”《》‘’":
            break
        inner = next((v for v in CLAUSE_VERBS if clause.startswith(v, i)), None)
        if inner:
            return clause[: i + len(inner)]
    return verb


def split_atoms(clause: str) -> list[tuple[int, str]]:
    """(offset in the clause, title) of each activity the clause names; one when it names one.

    The clause is cut at every conjunction, then pieces are merged until a group ends in an
    activity's head noun; a group closes there. A trailing group that names no activity
    rejoins the one before it, so "甲、乙、丙等经验交流" stays whole.
    """
    points = _split_points(clause)
    if not points:
        return [(0, clause)]
    verb = _verb_of(clause)
    groups: list[list[int]] = []  # [start, end] of each group
    start = 0
    for begin, end in [*points, (len(clause), len(clause))]:
        piece_end = begin
        rest = clause[end:]
        closes = end < len(clause) and (
            (clause[begin:end] != "暨" and rest.startswith(CLAUSE_VERBS))
            or (
                verb != ""
                and _is_activity_name(clause[start:piece_end])
                and _long(clause[start:piece_end], verb)
                and _long(rest.split("、")[0], verb)
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
        return [(0, clause)]
    out = [(groups[0][0], clause[groups[0][0] : groups[0][1]])]
    for g_start, g_end in groups[1:]:
        title = clause[g_start:g_end]
        out.append((g_start, title if title.startswith(OWN_VERBS) else verb + title))
    return [(o, _clean(t)) for o, t in out]


def _clean(title: str) -> str:
    return title.strip()
