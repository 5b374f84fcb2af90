"""Split annex items into atomic activities (one per action) with their participants.

An item such as "公安部结合“昆仑2023”专项行动，围绕打击侵权假冒犯罪，侦破一批大案要案，
打掉一批犯罪团伙，斩断相关犯罪链条。" gives three activities (侦破…, 打掉…, 斩断…); the
leading context clauses (结合…, 围绕…) apply to each of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders import lexicon
from loaders.lexicon import Actor
from loaders.structure import Item

# A clause that starts one of these verbs is a new action. Example: "，举办“中国制造”品牌故事大赛"
ACTION_VERBS = (
    "举办", "开展", "组织", "召开", "发布", "举行", "启动", "上线", "挂牌", "颁发", "启用",
    "实施", "建设", "进行", "集中发布", "侦破", "打掉", "斩断", "推广", "宣传贯彻", "宣传",
    "推动", "推进", "加强", "深化", "探索", "深入", "持续推进", "持续", "大力支持", "依法惩治",
    "讲好", "加大", "主办", "聚焦", "提升", "优化",
)  # fmt: skip
# A clause that only sets the scene for the actions after it. Example: "结合学校开学安排，"
CONTEXT_PREFIXES = ("结合", "围绕", "以", "在")
# Clauses that say why, not what: they stay with the action before them.
# Example: "，提升质量工作影响力，推动行业高质量发展。" after "开展…宣传活动"
PURPOSE_PREFIXES = ("提升", "提高", "推动", "助力", "促进", "优化", "着力", "引导", "切实", "不断", "“")
# Joint action, read right after the lead. Example: "上海市会同四省举办…", "自然资源部联合市场监管总局…"
JOINT = re.compile(r"(会同|联合|配合|与)")
# A run of one-character region abbreviations before "四省一市" or similar.
# Example: "苏浙皖赣沪四省一市"
ABBREVIATION_RUN = re.compile(
    r"([苏浙皖赣沪京津冀晋蒙辽吉黑闽鲁豫鄂湘粤桂琼渝川黔滇藏陕甘青宁新]{2,})(?=[一二三四五六七八九十]省|\w{0,2}地)"
)
# Joint phrases naming every partner at once: "四省一市", "五地".
ALL_PARTNERS = re.compile(r"[一二三四五六七八九十]省[一二三四五六七八九十]市|[二三四五六七八九十]地")
SENTENCE = re.compile(r"[^。！？；]+[。！？；]?")
CLAUSE = re.compile(r"[^，]+，?")


@dataclass(frozen=True)
class Participation:
    """An actor taking part in an activity, with its role (LEAD, PARTNER, SUPPORT)."""

    actor: Actor
    role: str


@dataclass
class ActivityDraft:
    """One atomic activity as read: clause span, the sentence, context, participants."""

    section: str
    ordinal: int
    title: str
    start: int
    end: int
    sentence: str
    context: str
    participants: list[Participation] = field(default_factory=list)


def _starts_action(clause: str) -> bool:
    return clause.startswith(ACTION_VERBS)


def _form_length(actor: Actor, text: str, pos: int) -> int:
    """Length of the longest of the actor's names that ``text`` has at ``pos``."""
    return next(len(f) for f in sorted(actor.surface_forms, key=len, reverse=True) if text.startswith(f, pos))


def _lead_and_partners(text: str) -> tuple[Actor | None, list[Participation], int]:
    """The actor a sentence opens with, its joint actors, and where the action starts."""
    lead = lexicon.actor_at(text)
    if lead is None:
        return None, [], 0
    pos = _form_length(lead, text, 0)
    partners: list[Participation] = []
    if m := JOINT.match(text, pos):
        word = m.group(1)
        pos = m.end()
        other = lexicon.actor_at(text, pos)
        if other is not None:
            pos += _form_length(other, text, pos)
            if word == "配合":
                # "生态环境部配合市场监管总局开展…": the other one leads, the subject assists.
                return other, [Participation(lead, "SUPPORT")], pos
            partners.append(Participation(other, "PARTNER"))
        else:
            # "会同四省举办…": the partners are named elsewhere in the sentence.
            k = _action_index(text, m.end())
            pos = k if k is not None else m.end()
    while text.startswith(("等", "共同"), pos):
        pos += 1 if text[pos] == "等" else 2
    return lead, partners, pos


def _named_partners(clause: str, known: list[Participation], lead: Actor) -> list[Participation]:
    """Actors named inside the clause: "与金融机构推进…", "组织专家服务团和科技特派员队伍…"."""
    out: list[Participation] = []
    taken = {p.actor.id for p in known} | {lead.id}
    for actor in lexicon.ORGANIZATIONS:
        if actor.id in taken or actor.name == "有关部门":
            continue
        if any(form in clause for form in actor.surface_forms):
            out.append(Participation(actor, "PARTNER"))
            taken.add(actor.id)
    return out


def _title(clause: str) -> str:
    return clause.rstrip("，。；").strip()


def _action_index(clause: str, start: int = 1) -> int | None:
    """Where an action verb begins in ``clause`` (outside “…” and 《…》), if anywhere.

    Verbs that usually state a purpose (提升, 推动 …) do not count: in "围绕产业链质量提升发布…"
    the action is 发布.
    """
    depth = 0
    for i, ch in enumerate(clause):
        if ch in "“《":
            depth += 1
        elif ch in "”》":
            depth = max(depth - 1, 0)
        elif (
            depth == 0
            and i >= start
            and clause.startswith(ACTION_VERBS, i)
            and not clause.startswith(PURPOSE_PREFIXES, i)
        ):
            return i
    return None


def _joint_partners(core: str, item_text: str, lead: Actor) -> list[Participation]:
    """Partners named by a joint phrase ("四省一市", "五地") through an abbreviation run."""
    if not ALL_PARTNERS.search(core):
        return []
    found: list[Participation] = []
    for m in ABBREVIATION_RUN.finditer(item_text):
        for ch in m.group(1):
            actor = lexicon.ABBREVIATIONS.get(ch)
            if actor and actor != lead and all(p.actor != actor for p in found):
                found.append(Participation(actor, "PARTNER"))
    return found


def split_item(item: Item) -> list[ActivityDraft]:
    """Atomic activities of one annex item, each with participants and provenance."""
    drafts: list[ActivityDraft] = []
    item_lead: Actor | None = None
    text = item.span.text
    body_start = text.index(item.title[:2]) if item.title[:2] in text else 0
    for sm in SENTENCE.finditer(text, body_start):
        sentence = sm.group().strip()
        if not sentence:
            continue
        s_start = item.span.start + sm.start()
        lead, partners, action_pos = _lead_and_partners(sentence)
        if lead is None:
            # A sentence without its own subject continues the item's lead; a joint phrase
            # ("会同有关部门等共同举办…") belongs to the sentence that says it.
            lead, partners = item_lead, []
        elif item_lead is None:
            item_lead = lead
        if lead is None:
            continue
        context = ""
        current: ActivityDraft | None = None
        for cm in CLAUSE.finditer(sentence, action_pos):
            core = _title(cm.group())
            if not core:
                continue
            c_start = s_start + cm.start()
            local_context = ""
            if core.startswith(CONTEXT_PREFIXES) and not _starts_action(core):
                k = _action_index(core)
                if k is None:
                    if current is None:
                        context += core + "，"
                    else:
                        current.title += "，" + core
                        current.end = c_start + len(core)
                    continue
                local_context, core, c_start = core[:k], core[k:], c_start + k
            new_action = (_starts_action(core) and not core.startswith(PURPOSE_PREFIXES)) or _joint_clause(core)
            if current is None or local_context or new_action:
                current = ActivityDraft(
                    section=item.section,
                    ordinal=len(drafts) + 1,
                    title=core,
                    start=c_start,
                    end=c_start + len(core),
                    sentence=sentence,
                    context=context + local_context,
                )
                roles = [Participation(lead, "LEAD"), *partners]
                roles += _joint_partners(core, text, lead)
                roles = _dedupe(roles)
                roles += _named_partners(core, roles, lead)
                current.participants = roles
                drafts.append(current)
            else:
                current.title += "，" + core
                current.end = c_start + len(core)
                current.participants += _named_partners(core, current.participants, lead)
    return drafts


def _joint_clause(clause: str) -> bool:
    """A clause such as "与金融机构推进“桂质贷”金融服务": a new action with a partner."""
    m = JOINT.match(clause)
    return m is not None and m.start() == 0 and lexicon.actor_at(clause, m.end()) is not None


def _dedupe(parts: list[Participation]) -> list[Participation]:
    seen: set[str] = set()
    out = []
    for p in parts:
        if p.actor.id not in seen:
            seen.add(p.actor.id)
            out.append(p)
    return out
