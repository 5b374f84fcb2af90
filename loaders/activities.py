"""Split annex items into atomic activities (one per action) with their participants.

An item such as "公安部结合“昆仑2023”专项行动，围绕打击侵权假冒犯罪，侦破一批大案要案，
打掉一批犯罪团伙，斩断相关犯罪链条。" gives three activities (侦破…, 打掉…, 斩断…); the
leading scene-setting clauses (结合…, 围绕…) are their context, not their title. One clause
naming several activities ("举办“质量月”活动启动仪式、自治区质量和标准化高级研修班、质量知识
竞赛等活动") gives one activity for each. Roles come only from joint words (会同, 联合, 配合, 与).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from loaders import lexicon
from loaders.activity_actors import Participation, actor_named_at, lead_and_partners
from loaders.activity_words import (
    ACTION_VERBS,
    ALL_PARTNERS,
    CONTEXT_PREFIXES,
    ELABORATING_VERBS,
    EVENT_ENDS,
    JOINT,
    MIN_ACTION_NAME,
    MODALS,
    PURPOSE_PREFIXES,
    SENTENCE,
    SOFT_VERBS,
    SUPPORT_WORDS,
)
from loaders.atoms import _verb_of, is_activity_name, split_atoms
from loaders.lexicon import Actor
from loaders.structure import Item


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
        lead, partners, action_pos = lead_and_partners(sentence, self.annex_role)
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
