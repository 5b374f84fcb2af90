"""Who runs an activity: the actor a sentence opens with, its joint partners and their roles.

Roles come only from joint words: "上海市会同四省举办…" (a lead and partners), "生态环境部配合
市场监管总局开展…" (the other body leads, the subject supports), "中华全国总工会、共青团中央联合
开展…" (co-subjects run it jointly).
"""

from __future__ import annotations

from dataclasses import dataclass

from loaders import lexicon, open_actors
from loaders.activity_words import ABBREVIATION_RUN, ACTION_VERBS, CO_SUBJECT, JOINT, PARTNER_COUNT, SUPPORT_WORDS
from loaders.lexicon import Actor


@dataclass(frozen=True)
class Participation:
    """An actor taking part in an activity, with its role (LEAD, PARTNER, SUPPORT)."""

    actor: Actor
    role: str


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


def lead_and_partners(sentence: str, annex_role: str | None) -> tuple[Actor | None, list[Participation], int]:
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
