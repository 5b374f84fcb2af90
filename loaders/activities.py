"""Split annex items into atomic activities (one per action) with their participants.

An item such as "公安部结合“昆仑2023”专项行动，围绕打击侵权假冒犯罪，侦破一批大案要案，
打掉一批犯罪团伙，斩断相关犯罪链条。" gives three activities (侦破…, 打掉…, 斩断…); the
leading scene-setting clauses (结合…, 围绕…) are their context, not their title. One clause
naming several activities ("举办“质量月”活动启动仪式、自治区质量和标准化高级研修班、质量知识
竞赛等活动") gives one activity for each. Roles come only from joint words (会同, 联合, 配合, 与).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders import lexicon, open_actors
from loaders.atoms import _verb_of, is_activity_name, split_atoms
from loaders.lexicon import Actor
from loaders.structure import Item

# A clause that starts one of these verbs is a new action. Example: "，举办“中国制造”品牌故事大赛"
ACTION_VERBS = (
    "举办", "开展", "组织", "召开", "发布", "举行", "启动", "上线", "挂牌", "颁发", "启用",
    "实施", "建设", "进行", "集中发布", "侦破", "打掉", "斩断", "推广", "宣传贯彻", "宣传",
    "推动", "推进", "加强", "深化", "探索", "深入", "持续推进", "持续", "大力支持", "依法惩治",
    "讲好", "加大", "主办", "提升", "优化", "依法严厉打击", "严厉打击", "征集", "评选",
)  # fmt: skip
# A clause that only sets the scene for the actions after it. Example: "结合学校开学安排，"
CONTEXT_PREFIXES = ("结合", "围绕", "以", "在", "聚焦")
# Clauses that say why, not what: they stay with the action before them.
# Example: "，提升质量工作影响力，推动行业高质量发展。" after "开展…宣传活动"
PURPOSE_PREFIXES = ("提升", "提高", "推动", "助力", "促进", "优化", "着力", "引导", "切实", "不断", "“")
# Joint words, read right after the lead. Example: "上海市会同四省举办…", "自然资源部联合市场监管总局…"
JOINT = re.compile(r"(会同|联合|配合|协助|与)")
# Tense and plan words before an action verb. Example: "辽宁省将组织开展…"
MODALS = ("还将", "也将", "将", "拟", "计划", "还", "也", "并")
# Words that list several subjects of one sentence. Example: "中华全国总工会、共青团中央联合开展"
CO_SUBJECT = ("、", "和", "及")
SUPPORT_WORDS = ("配合", "协助")
# A run of one-character region abbreviations. Examples: "苏浙皖赣沪四省一市", "京津两地", "苏浙皖三省"
ABBREVIATION_RUN = re.compile(
    r"([苏浙皖赣沪京津冀晋蒙辽吉黑闽鲁豫鄂湘粤桂琼渝川黔滇藏陕甘青宁新港澳台]{2,})(?=[一二两三四五六七八九十]省|\w{0,2}地)"
)
# A joint phrase counting the partners, named by an abbreviation run elsewhere in the sentence.
# Examples: "会同四省举办苏浙皖赣沪四省一市…", "联合京津两地"
PARTNER_COUNT = re.compile(r"^[一二两三四五六七八九十]+(?:省|地|市)")
# A count of partners that names them all again: "四省一市", "五地".
ALL_PARTNERS = re.compile(r"[一二两三四五六七八九十]省[一二三四五六七八九十]市|[二两三四五六七八九十]地")
# Verbs that say more about the action before them. Example: "…监督指导，加强水利团体标准化工作的规范"
ELABORATING_VERBS = ("加强",)
# Verbs that, after an event, say what it is for. Example: "召开…现场观摩会，宣传工程质量管理经验"
SOFT_VERBS = ("推广", "宣传")
EVENT_ENDS = ("会", "活动", "行动", "论坛", "赛", "宣讲", "仪式", "展")
# A verbless clause this long that ends like an activity's name is an activity of its own.
MIN_ACTION_NAME = 6
SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")


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
    parts: list[str]
    start: int
    end: int
    sentence: str
    context: str
    participants: list[Participation] = field(default_factory=list)

    @property
    def title(self) -> str:
        """The activity's own words (its action and purpose clauses)."""
        return "，".join(self.parts)


def _starts_action(clause: str) -> bool:
    return clause.startswith(ACTION_VERBS) and not clause.startswith(PURPOSE_PREFIXES)


def _verb_positions(text: str, start: int, limit: int = 26) -> list[int]:
    return [i for i in range(start, min(len(text), start + limit)) if text.startswith(ACTION_VERBS, i)]


def _form_length(actor: Actor, text: str, pos: int) -> int:
    """Length of the longest of the actor's names that ``text`` has at ``pos``."""
    return next(len(f) for f in sorted(actor.surface_forms, key=len, reverse=True) if text.startswith(f, pos))


def actor_named_at(text: str, pos: int, annex_role: str | None) -> tuple[Actor, int] | None:
    """The actor (known or new) whose name starts at ``pos``, and where the name ends."""
    if lexicon.placeholder_at(text, pos):
        return None
    known = lexicon.actor_at(text, pos)
    if known is not None:
        end = pos + _form_length(known, text, pos)
        # "吉林市" is a city, not 吉林省 by its short name.
        if not (known.kind == "REGION" and text[end : end + 1] in ("市", "州", "盟", "县", "区")):
            if known.kind == "REGION":
                # "浙江省杭州市举办…": the city under the province runs it.
                city = open_actors.leading_actor(text, end, _verb_positions(text, end), "regions")
                if city is not None and city[0].kind == "REGION":
                    return city
            return known, end
    return open_actors.leading_actor(text, pos, _verb_positions(text, pos), annex_role)


def _abbreviation_partners(text: str, lead: Actor) -> list[Participation]:
    found: list[Participation] = []
    for m in ABBREVIATION_RUN.finditer(text):
        for ch in m.group(1):
            actor = lexicon.ABBREVIATIONS.get(ch)
            if actor and actor != lead and all(p.actor != actor for p in found):
                found.append(Participation(actor, "PARTNER"))
    return found


def _lead_and_partners(sentence: str, annex_role: str | None) -> tuple[Actor | None, list[Participation], int]:
    """The actor a sentence opens with, its joint actors, and where the action starts."""
    named = actor_named_at(sentence, 0, annex_role)
    if named is None:
        return None, [], 0
    lead, pos = named
    partners: list[Participation] = []
    # Subjects listed together: "中华全国总工会、共青团中央联合开展…", "北京市、天津市、河北省联合举办…"
    # run it jointly; without a joint word ("甲和乙开展…") each of them leads.
    co: list[Actor] = []
    while sentence.startswith(CO_SUBJECT, pos) and (other := actor_named_at(sentence, pos + 1, annex_role)):
        co.append(other[0])
        pos = other[1]
    if co:
        jointly = sentence.startswith(("联合", "共同", "会同"), pos)
        partners += [Participation(a, "PARTNER" if jointly else "LEAD") for a in co if a != lead]
        if jointly:
            pos += 2
    if sentence.startswith(("：", "，"), pos):  # "北京市：组织开展…"
        pos += 1
    if m := JOINT.match(sentence, pos):
        word, pos = m.group(1), m.end()
        run = ABBREVIATION_RUN.match(sentence, pos)
        if run or PARTNER_COUNT.match(sentence[pos:]):
            # "联合京津两地举办…", "会同四省举办苏浙皖赣沪四省一市…": partners by abbreviation.
            partners += _abbreviation_partners(sentence, lead)
            if run:
                pos = run.end()
            if count := PARTNER_COUNT.match(sentence[pos:]):
                pos += count.end()
        elif placeholder := lexicon.placeholder_at(sentence, pos):
            pos += len(placeholder)  # "会同有关部门": no named partner
        elif other := actor_named_at(sentence, pos, annex_role):
            pos = other[1]
            if word in SUPPORT_WORDS:
                # "生态环境部配合市场监管总局开展…": the other one leads, the subject assists.
                return other[0], [Participation(lead, "SUPPORT")], pos
            partners.append(Participation(other[0], "PARTNER"))
            # "甲会同乙、丙举办…": every body of the run is a partner.
            while sentence.startswith(CO_SUBJECT, pos) and (more := actor_named_at(sentence, pos + 1, annex_role)):
                partners.append(Participation(more[0], "PARTNER"))
                pos = more[1]
    while sentence.startswith(("等", "共同", "两地", "各地"), pos):
        pos += 1 if sentence[pos] == "等" else 2
    return lead, partners, pos


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
        elif depth == 0 and i >= start and _starts_action(clause[i : i + 6]):
            return i
    return None


def _joint_clause(clause: str) -> bool:
    """A clause such as "与金融机构推进“桂质贷”金融服务": a new action with a partner."""
    m = JOINT.match(clause)
    return m is not None and (
        lexicon.actor_at(clause, m.end()) is not None or lexicon.placeholder_at(clause, m.end()) is not None
    )


class _Splitter:
    """The drafts of one item, built clause by clause."""

    def __init__(self, item: Item, annex_role: str | None) -> None:
        self.item = item
        self.annex_role = annex_role
        self.drafts: list[ActivityDraft] = []

    def new(
        self, title: str, span: tuple[int, int], sentence: str, context: str, roles: list[Participation]
    ) -> ActivityDraft:
        section, ordinal = self.item.section, len(self.drafts) + 1
        draft = ActivityDraft(section, ordinal, [title], span[0], span[1], sentence, context, roles)
        self.drafts.append(draft)
        return draft

    def action(
        self, core: str, start: int, sentence: str, context: str, roles: list[Participation], verb: str = ""
    ) -> ActivityDraft:
        """One action clause (``verb`` in front when it continues one): an activity for each atom."""
        draft: ActivityDraft | None = None
        for a_start, a_end, title in split_atoms(verb + core):
            span = (start + max(a_start - len(verb), 0), start + a_end - len(verb))
            draft = self.new(title, span, sentence, context, list(roles))
        assert draft is not None
        return draft

    def sentence(self, sentence: str, s_start: int, item_lead: Actor | None) -> Actor | None:
        lead, partners, action_pos = _lead_and_partners(sentence, self.annex_role)
        if lead is None:
            # A sentence without its own subject continues the item's lead; a joint phrase
            # ("会同有关部门等共同举办…") belongs to the sentence that says it.
            lead, partners = item_lead, []
        if lead is None:
            return None
        joint = [Participation(lead, "LEAD"), *partners]
        alone = [p for p in joint if p.role == "LEAD"] if partners and partners[0].role != "SUPPORT" else joint
        context = ""
        pending = ""
        current: ActivityDraft | None = None
        for cm_start, clause in _clauses(sentence, action_pos):
            core = _title(clause)
            if not core:
                continue
            c_start = s_start + cm_start
            # "将组织开展…", "还将举办…": the tense word is not part of the action.
            modal = next((w for w in MODALS if core.startswith(w) and _starts_action(core[len(w) :])), "")
            core, c_start = core[len(modal) :], c_start + len(modal)
            # The joint word binds the sentence's first action, and later ones that count the
            # partners again ("发布五地《…》"); other later actions are the subject's own.
            roles = joint if current is None or ALL_PARTNERS.search(core) else alone
            local_context = ""
            if core.startswith(CONTEXT_PREFIXES) and not _starts_action(core):
                k = _action_index(core)
                if k is None:
                    # Scene-setting ("以政府质量奖梯次培育为抓手") belongs to the actions after it.
                    if current is None:
                        context += core + "，"
                    else:
                        pending += core + "，"
                    continue
                local_context, core, c_start = core[:k], core[k:], c_start + k
            if _joint_clause(core):
                m = JOINT.match(core)
                assert m is not None
                other = actor_named_at(core, m.end(), self.annex_role)
                extra = [Participation(other[0], "PARTNER")] if other else []
                skip = other[1] if other else m.end() + len(lexicon.placeholder_at(core, m.end()) or "")
                runs = [joint[0], *extra]
                if other and m.group(1) in SUPPORT_WORDS:
                    # "配合甲开展…" (the subject from the context): 甲 leads, the subject assists.
                    runs = [Participation(other[0], "LEAD"), Participation(joint[0].actor, "SUPPORT")]
                current = self.action(core[skip:], c_start + skip, sentence, context, runs)
            elif current is None or local_context or pending or _new_action(core, current):
                if pending:
                    context, pending = pending, ""  # a new scene for what follows
                verb = ""
                verbless = not core.startswith(ACTION_VERBS + PURPOSE_PREFIXES) and is_activity_name(core)
                if current is not None and not local_context and verbless:
                    # "…决赛，质量文化进高校暨…大赛等活动": more activities under the same verb
                    verb = _verb_of(current.parts[0])
                current = self.action(core, c_start, sentence, context + local_context, roles, verb)
            else:
                current.parts.append(core)
                current.end = c_start + len(core)
        return lead


def _clauses(sentence: str, start: int) -> list[tuple[int, str]]:
    """(offset, clause) of the "，"-separated clauses from ``start``, never cut inside “…” or 《…》."""
    out: list[tuple[int, str]] = []
    depth, begin = 0, start
    for i in range(start, len(sentence)):
        ch = sentence[i]
        if ch in "“《":
            depth += 1
        elif ch in "”》":
            depth = max(depth - 1, 0)
        elif ch == "，" and depth == 0:
            out.append((begin, sentence[begin : i + 1]))
            begin = i + 1
    if begin < len(sentence):
        out.append((begin, sentence[begin:]))
    return out


def _new_action(clause: str, current: ActivityDraft) -> bool:
    """Whether a clause after an action starts another one, or says more about it.

    "加强…" elaborates; "宣传…经验"/"推广…方法" after an event ("…现场观摩会") says what the event
    is for; a purpose verb ("推动") opens an action only when its object is an activity
    ("推动农产品质量安全普法宣传"); a verbless clause naming activities ("质量文化进高校暨…大赛等
    活动") continues the list of the action before it.
    """
    if clause.startswith(ELABORATING_VERBS):
        return False
    if clause.startswith(SOFT_VERBS) and current.parts[0].rstrip("”’》").endswith(EVENT_ENDS):
        return is_activity_name(clause)
    if clause.startswith(PURPOSE_PREFIXES):
        return not clause.startswith("“") and is_activity_name(clause) and len(clause) >= MIN_ACTION_NAME
    if _starts_action(clause):
        return True
    return is_activity_name(clause) and len(clause) >= MIN_ACTION_NAME


def split_item(item: Item, annex_role: str | None = None) -> list[ActivityDraft]:
    """Atomic activities of one annex item, each with participants and provenance."""
    splitter = _Splitter(item, annex_role)
    # Items numbered under a heading ("（一）中央宣传部" / "1.组织开展…") take its actor.
    heading = actor_named_at(item.heading, 0, annex_role) if item.heading else None
    item_lead: Actor | None = heading[0] if heading else None
    text = item.span.text
    for sm in SENTENCE.finditer(text, item.marker_end):
        sentence = sm.group().strip()
        if not sentence:
            continue
        s_start = item.span.start + sm.start() + (len(sm.group()) - len(sm.group().lstrip()))
        lead = splitter.sentence(sentence, s_start, item_lead)
        if item_lead is None:
            item_lead = lead
    return splitter.drafts
