"""IMPLEMENTS by meaning: which annex activities carry out which key arrangement (重点安排).

Precision first. An activity implements an arrangement when they share
- a named thing: a campaign, an event, a counted product class or a cited document; or
- one of the arrangement's head terms, the objects of its own actions: "开展农资质量技术服务活动"
  gives "农资质量技术服务", found in the activity "开展农资质量技术服务活动"; or
- enforcement: an arrangement titled "开展执法打假系列活动" and an activity whose own words
  strike (打击, 惩治, 侦破 …).
Topics alone never link (首席质量官 appears everywhere), nor do runs of shared characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from loaders.model import LINKS, node_id

# Words in front of an arrangement's object that say how, not what. Example: "深入开展…", "发布一批…"
LEAD_WORDS = (
    "进一步", "深入", "持续", "大力", "积极", "加快", "不断", "认真", "全面", "切实", "及时", "严厉", "依法",
    "集中", "组织", "开展", "举办", "召开", "发布", "实施", "推进", "推动", "加强", "深化", "完善", "推广",
    "展示", "宣传", "强化", "提高", "促进", "一批", "对", "相关", "进行",
)  # fmt: skip
# Words after the object that name the form, not the thing. Example: "…宣贯工作", "…等活动"
TAIL_WORDS = ("系列活动", "等活动", "活动", "工作", "力度", "等")
# A head term shorter than this is too common to say what work is meant ("质量意识").
MIN_HEAD = 6
CLAUSE_SPLIT = re.compile(r"[。；，：\n]")
# Enforcement words of an arrangement's title, and of an activity's own action.
ENFORCEMENT_TITLE = ("打假", "执法", "打击")
ENFORCEMENT_ACTION = ("打击", "惩治", "侦破", "打掉", "斩断", "打假")
# Entity kinds that identify the same work (topics do not): the registry's identifying links.
LINKING_PREFIXES = tuple(node_id(link.target, "") for link in LINKS if link.identifies)


# Names of the same work written differently; activity and arrangement text are folded alike.
FOLDS = {"QC质量管理小组": "质量管理小组", "QC小组": "质量管理小组"}


def fold_aliases(text: str) -> str:
    """Aliases written as their canonical name: "QC小组" → "质量管理小组"."""
    for alias, name in FOLDS.items():
        text = text.replace(alias, name)
    return text


def _split_outside_quotes(text: str) -> list[str]:
    """Split at 、/和/及 and between adjacent quotations, never inside “…” or 《…》."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in "“《":
            if depth == 0 and current and current[-1] == "”":
                parts.append("".join(current))
                current = []
            depth += 1
        elif ch in "”》":
            depth = max(depth - 1, 0)
        if depth == 0 and (ch in "、和及"):
            parts.append("".join(current))
            current = []
            i += 1
            continue
        current.append(ch)
        i += 1
    parts.append("".join(current))
    return parts


def _strip(term: str) -> str:
    changed = True
    while changed:
        changed = False
        for word in LEAD_WORDS:
            if term.startswith(word) and len(term) > len(word):
                term, changed = term[len(word) :], True
        for word in TAIL_WORDS:
            if term.endswith(word) and len(term) > len(word):
                term, changed = term[: -len(word)], True
    return term


def _length(term: str) -> int:
    return sum(1 for ch in term if ch not in "“”《》")


def head_terms(text: str) -> set[str]:
    """The objects of an arrangement's actions: "开展农资质量技术服务活动" → {"农资质量技术服务"}."""
    terms: set[str] = set()
    for clause in CLAUSE_SPLIT.split(text):
        whole = _strip(clause.strip())
        parts = [_strip(p) for p in _split_outside_quotes(whole)]
        # "“中国制造”品牌故事大赛" also names its kind, "品牌故事大赛", held under other brands.
        kinds = [p[p.rindex("”") + 1 :] for p in parts if p.startswith("“") and "”" in p]
        candidates = [whole, *parts, *kinds]
        terms.update(fold_aliases(c) for c in candidates if _length(c) >= MIN_HEAD)
    return terms


# Arrangement text beyond this (characters, all arrangements) is not read back per activity.
MAX_REVERSE_TEXT = 50_000
# Head terms longer than this are whole clauses, never repeated verbatim by an activity.
MAX_HEAD = 40


class Implements:
    """The key arrangements of one notice, indexed so each activity is matched in linear time."""

    def __init__(self, arrangements: Iterable[tuple[str, str, str, set[str]]]) -> None:
        """``arrangements``: (id, text, title, linked entity ids) of each key arrangement."""
        self.texts: list[tuple[str, str]] = []
        self.by_entity: dict[str, list[str]] = {}
        self.by_term: dict[str, list[str]] = {}
        self.enforcement: list[str] = []
        for arrangement_id, text, title, entities in arrangements:
            for entity in entities:
                if entity.startswith(LINKING_PREFIXES):
                    self.by_entity.setdefault(entity, []).append(arrangement_id)
            for term in head_terms(text):
                if len(term) <= MAX_HEAD:
                    self.by_term.setdefault(term, []).append(arrangement_id)
            if any(w in title for w in ENFORCEMENT_TITLE):
                self.enforcement.append(arrangement_id)
            self.texts.append((arrangement_id, fold_aliases(text)))
        # Reading each activity's object back in the arrangements' text is bounded: a real
        # notice has about ten arrangements of a few hundred characters.
        if sum(len(t) for _, t in self.texts) > MAX_REVERSE_TEXT:
            self.texts = []
        self.lengths = sorted({len(t) for t in self.by_term}, reverse=True)

    def links(self, activity_title: str, activity_entities: set[str]) -> dict[str, str]:
        """Arrangement id → why (the shared entity id or head term) for one activity."""
        out: dict[str, str] = {}
        for entity in sorted(activity_entities):
            for arrangement_id in self.by_entity.get(entity, ()):
                out.setdefault(arrangement_id, entity)
        title = fold_aliases(activity_title)
        for length in self.lengths:
            for i in range(len(title) - length + 1):
                for arrangement_id in self.by_term.get(title[i : i + length], ()):
                    out.setdefault(arrangement_id, title[i : i + length])
        # The arrangement names the activity's own object: "进行质量管理经验分享和交流" is in
        # "举办企业、专家质量管理经验分享和交流".
        obj = _strip(title.split("，", 1)[0])
        if _length(obj) >= MIN_HEAD:
            for arrangement_id, text in self.texts:
                if obj in text:
                    out.setdefault(arrangement_id, obj)
        if any(w in activity_title for w in ENFORCEMENT_ACTION):
            for arrangement_id in self.enforcement:
                out.setdefault(arrangement_id, "执法打假")
        return out
