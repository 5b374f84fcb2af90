"""Activities of a local notice's body: numbered items, 一是……二是…… clauses, role brackets.

A local notice lists its work as numbered items under 主要活动 / 重点活动 / 活动内容:

    1.举办全省“质量月”活动启动仪式。9月上旬，省市场监管局会同佛山市在佛山市顺德区举办……启动仪式。
    （牵头单位：省市场监管局；配合单位：省委宣传部、省工业和信息化厅）

The run-in title ("举办全省…启动仪式。") names the item; each sentence's actions are activities;
an item enumerating "一是……；二是……" has one activity per clause. Roles: the sentence's subject
leads, bodies after 会同/联合/与 are partners; the trailing bracket gives the leads of subjectless
sentences (牵头单位, or the first 责任单位 under "排在第一位的为牵头单位") and the supporters
(配合单位, the other 责任单位). Names are qualified by the notice's jurisdiction
(:mod:`loaders.local_actors`).
"""

from __future__ import annotations

import re

from loaders.activities import ActivityDraft
from loaders.activity_actors import Participation
from loaders.activity_words import ACTION_VERBS, MODALS, PURPOSE_PREFIXES
from loaders.entities import Named
from loaders.lexicon import Actor
from loaders.local_actors import Jurisdiction, qualify, qualify_all
from loaders.local_events import events_in, programmes_in
from loaders.local_units import Roles, item_units, role_bracket
from loaders.structure import Item, Span

# An enumeration clause marker. Example: "一是9月上旬会同锦江区…；二是组织市级主流媒体…"
ENUMERATION = re.compile(r"(?:^|(?<=[。；，：]))([一二三四五六七八九十]+)是")
# Leading time and scene words. Examples: "9月上旬，", "9月6日，", "活动期间，", "启动仪式上，", "现场"
TIME_OR_SCENE = re.compile(
    r"^(?:(?:\d{1,2}月(?:\d{1,2}日|[上中下]旬|底|初|份)?(?:[—至-]\d{1,2}月?\d{0,2}日?)?|活动期间|期间|同时|现场)[，]?"
    r"|[^，。]{2,8}上，)"
)
JOINT_WORDS = ("会同", "联合", "协同", "与")
# Verbs local notices open actions with, beside the national ones. Example: "现场受理消费投诉"
LOCAL_VERBS = (
    *ACTION_VERBS, "受理", "开设", "投放", "遴选", "摄制", "表彰", "查处", "打击", "提供", "排查", "走进",
    "部署", "设立", "总结", "推介", "评选", "组建", "制定",
)  # fmt: skip
# Manner words before a verb. Examples: "从严打击…", "重拳打击…", "集中开展…"
ADVERBS = ("从严", "重拳", "严厉", "依法", "集中", "广泛", "积极", "持续", "全面", "大力", "深入", "分别", "共同")
# Scene words a subject's name stops before. Example: "韶关市结合“百县千镇万村高质量发展工程”，…"
SCENE_WORDS = ("结合", "围绕", "依托", "聚焦", "以", "按照", "利用", "通过", "对", "面向", "针对")
# Scene words that open a clause holding its action. Examples: "在产业功能区开展…", "对老旧住宅小区电梯开展…",
# "利用赶集日在黄花镇…开展…"
SCENE_WITH_ACTION = ("在", "对", "利用", "依托", "通过", "面向", "向", "围绕", "结合", "聚焦", "针对")
# Of these, a place or an object stays in the title ("在产业功能区开展…"); the others set the scene.
SCENE_IN_TITLE = ("在", "对")
# A clause that only says when or where: "启动仪式上", "活动期间"
SCENE_ONLY = re.compile(r"^[^，。]{2,10}(?:上|期间|中)$")
# Subjects that stand for whoever it concerns: "各区（市）县要…", "各行业主管部门要…"
PLACEHOLDER_SUBJECT = re.compile(r"^各[^，。]{1,16}?要")
# Nouns that end an activity's name: "开展质量咨询和计量器具免费检定服务" is two activities.
ACTIVITY_NOUNS = ("咨询", "服务", "活动", "检查", "培训", "宣讲", "竞赛", "比赛", "讲座", "排查", "抽查", "检定")
SUPPORTS_WORD = "配合"
# A scene clause that holds an action: "在产业功能区开展…", "在地铁站点…集中投放…"
PLACE_PREFIX = "在"
MAX_RUN_IN_TITLE = 18
SENTENCE = re.compile(r"[^。；]+[。；]?")


class LocalReader:
    """Reads local body items into activity drafts, every name qualified by the jurisdiction."""

    def __init__(self, where: Jurisdiction) -> None:
        self.where = where
        self.events: dict[int, list[Named]] = {}  # by id() of a draft
        self.last_events: list[Named] = []  # of the unit being read: "启动仪式上，…" refers to them

    def item(self, item: Item, paragraphs: bool = False) -> list[tuple[ActivityDraft, list[Named]]]:
        """Every activity of one item, with the events it is part of (``paragraphs``: the
        unnumbered paragraphs under a heading are units too, as in an annex)."""
        out: list[ActivityDraft] = []
        for section, start, text in item_units(item, paragraphs):
            out += self.unit(section, start, text)
        return [(d, self.events.get(id(d), []) + programmes_in(d.context + d.title)) for d in out]

    def unit(self, section: str, start: int, text: str) -> list[ActivityDraft]:
        body, roles = role_bracket(text)
        self.last_events = []
        marks = list(ENUMERATION.finditer(body))
        pieces: list[tuple[str, int, str]] = []
        if marks:
            for i, m in enumerate(marks):
                end = marks[i + 1].start() if i + 1 < len(marks) else len(body)
                clause = body[m.end() : end]
                if i + 1 == len(marks) and "。" in clause:
                    clause = clause[: clause.index("。") + 1]
                pieces.append((f"{section}/{m.group(1)}是", start + m.end(), clause))
        else:
            sentences = [(start + m.start(), m.group()) for m in SENTENCE.finditer(body) if m.group().strip()]
            if len(sentences) > 1 and len(sentences[0][1]) <= MAX_RUN_IN_TITLE and "，" not in sentences[0][1]:
                sentences = sentences[1:]  # the run-in title names the item
            pieces = [(section, at, sentence) for at, sentence in sentences]
        drafts: list[ActivityDraft] = []
        for path, at, piece in pieces:
            for draft in self.sentence(path, at, piece, roles):
                draft.ordinal = sum(1 for d in drafts if d.section == path) + 1
                drafts.append(draft)
        return drafts

    def sentence(self, section: str, start: int, sentence: str, roles: Roles) -> list[ActivityDraft]:
        """The activities of one sentence (or enumerated clause), with their participants."""
        clauses = [c for c in re.split(r"(?<=，)", sentence.rstrip("。；")) if c.strip("，")]
        lead: list[Participation] = []
        partners: list[Participation] = []
        drafts: list[ActivityDraft] = []
        context = ""
        offset = start
        # "启动仪式上，…": the sentence's actions are part of the event just named.
        held: list[Named] = self.last_events if re.match(r"^[^，。]{2,8}上，", sentence) else []
        for raw in clauses:
            at, clause = offset, raw.rstrip("，")
            offset += len(raw)
            clause, cut = _strip_scene(clause)
            if SCENE_ONLY.match(clause):
                continue
            if PLACEHOLDER_SUBJECT.match(clause):
                return []  # the sentence asks others to act: no activity of a named body
            found_lead, found_partners, rest = self.subject(clause)
            if found_lead:
                lead, partners = found_lead, found_partners
            elif found_partners:
                partners = found_partners
            if rest.startswith(PURPOSE_PREFIXES) and drafts:
                continue  # why, not what
            if _is_action(rest):
                if rest.startswith(SCENE_WITH_ACTION) and not rest.startswith(SCENE_IN_TITLE):
                    verb = min(i for v in LOCAL_VERBS if (i := rest.find(v)) > 0)
                    context += rest[:verb] + "，"
                    rest = rest[verb:]
                begin = at + cut + (len(clause) - len(rest))
                each = [[p] for p in lead] if rest.startswith("分别") and len(lead) > 1 else [lead]
                rest = rest.removeprefix("分别")  # said by giving each lead its own activity
                for title, leads in ((t, ls) for t in split_conjoined(rest.rstrip("，。；")) for ls in each):
                    at_title = begin + rest.find(title)
                    end = at_title + len(title)
                    draft = ActivityDraft(section, 0, [title], at_title, end, sentence.rstrip("；"), context)
                    draft.participants.extend(leads + partners)
                    drafts.append(draft)
                    host = next((p.actor.name for p in leads if p.actor.kind == "REGION"), self.where.name)
                    named = events_in(rest.rstrip("，。；"), host)
                    held = [e for e in named if e.name.endswith(title) or title.endswith(e.name)] or named or held
                    self.events[id(draft)] = held
                    self.last_events = held or self.last_events
            elif not drafts:
                context += clause + "，"
        for draft in drafts:
            self.add_bracket(draft, roles)
        return drafts

    def subject(self, clause: str) -> tuple[list[Participation], list[Participation], str]:
        """The clause's subject (LEAD) and joint partners, and the clause after them."""
        lead: list[Participation] = []
        rest = clause
        if (name_end := self.name_end(rest)) is not None:
            names, rest = rest[:name_end], rest[name_end:]
            lead = [Participation(a, "LEAD") for a in self.names(names)]
        partners: list[Participation] = []
        rest = _strip_modals(rest)
        if len(lead) > 1 and rest.startswith(("联合", "会同")) and _strip_adverbs(rest[2:]).startswith(LOCAL_VERBS):
            # "市总工会、团市委联合举办…": the first leads, the others run it jointly ("共同": all lead)
            return lead[:1], [Participation(p.actor, "PARTNER") for p in lead[1:]], rest[2:]
        for word in (*JOINT_WORDS, SUPPORTS_WORD):
            if rest.startswith(word) and (end := self.name_end(rest[len(word) :])) is not None:
                names = rest[len(word) : len(word) + end]
                actors = self.names(names)
                rest = rest[len(word) + end :]
                if word == SUPPORTS_WORD:  # "配合甲开展…": 甲 leads, the subject supports
                    partners = [Participation(p.actor, "SUPPORT") for p in lead]
                    lead = [Participation(a, "LEAD") for a in actors]
                else:
                    partners = [Participation(a, "PARTNER") for a in actors]
                break
        return lead, partners, _strip_modals(rest).removeprefix("共同")

    def name_end(self, text: str) -> int | None:
        """Where a leading run of names ("省教育厅", "广州市、深圳市") ends before a verb or joint word."""
        openings = (*LOCAL_VERBS, *JOINT_WORDS, SUPPORTS_WORD, *SCENE_WORDS, *ADVERBS, *PURPOSE_PREFIXES, *MODALS)
        if text.startswith(openings):
            return None  # "组织二级以上医院开展…" opens with its action, not a name
        stops = (*LOCAL_VERBS, *JOINT_WORDS, SUPPORTS_WORD, PLACE_PREFIX, *SCENE_WORDS, *ADVERBS, *MODALS)
        for cut in range(2, min(len(text), 40)):
            named = text.startswith(stops, cut) and not text.startswith("宣传部", cut)
            if named and qualify_all(text[:cut], self.where):
                return cut
        return None

    def names(self, text: str) -> list[Actor]:
        """The actors of a run of names (see :func:`loaders.local_actors.qualify_all`)."""
        return qualify_all(text, self.where) or []

    def add_bracket(self, draft: ActivityDraft, roles: Roles) -> None:
        have = {p.actor.id for p in draft.participants}
        if not any(p.role == "LEAD" for p in draft.participants):
            for name in roles.leads:
                if (a := qualify(name, self.where)) and a.id not in have:
                    draft.participants.insert(0, Participation(a, "LEAD"))
                    have.add(a.id)
        for name in roles.supports:
            if (a := qualify(name, self.where)) and a.id not in have:
                draft.participants.append(Participation(a, "SUPPORT"))
                have.add(a.id)


def _strip_scene(clause: str) -> tuple[str, int]:
    cut = 0
    while m := TIME_OR_SCENE.match(clause[cut:]):
        if not m.group():
            break
        cut += m.end()
    return clause[cut:], cut


def _strip_modals(text: str) -> str:
    for modal in MODALS:
        if text.startswith(modal):
            return text[len(modal) :]
    return text


def _is_action(clause: str) -> bool:
    bare = _strip_adverbs(clause)
    if bare.startswith(LOCAL_VERBS):
        return True
    return clause.startswith(SCENE_WITH_ACTION) and any(v in clause for v in LOCAL_VERBS)


def _strip_adverbs(text: str) -> str:
    while text.startswith(ADVERBS):
        text = text[2:]
    return text


def split_conjoined(title: str) -> list[str]:
    """ "开展质量咨询和计量器具免费检定服务" → ["开展质量咨询", "计量器具免费检定服务"]: two named
    activities joined by 和; "开展农资和日用消费品质量宣传咨询" stays one (农资 is no activity)."""
    for joint in ("和", "暨"):  # "举办…启动仪式暨质量技术帮扶签约活动": a ceremony and a signing
        head, sep, tail = title.partition(joint)
        ends = (*ACTIVITY_NOUNS, "仪式") if joint == "暨" else ACTIVITY_NOUNS
        if sep and head.endswith(ends) and tail.endswith(ends) and joint not in tail:
            return [head, tail]
    return [title]


__all__ = ["LocalReader", "Roles", "Span", "item_units", "role_bracket"]
