"""Named things an activity can mention: campaigns, events, documents, topics, products."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from loaders.model import Label, node_id


@dataclass(frozen=True)
class Named:
    """A shared, non-actor entity: id, label, name, aliases, extra properties."""

    id: str
    label: str
    name: str
    aliases: tuple[str, ...] = ()
    props: tuple[tuple[str, object], ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        """Name and aliases."""
        return (self.name, *self.aliases)


# A campaign run every year carries its year: "剑网2023" and "剑网2024" are two campaigns of
# one series (the ``series`` property relates them).
YEARLY = re.compile(r"^(.+?)(\d{4})$")


def _campaign(name: str, *aliases: str) -> Named:
    props: tuple[tuple[str, object], ...] = ()
    if m := YEARLY.match(name):
        props = (("series", m.group(1)), ("year", int(m.group(2))))
    return Named(node_id(Label.CAMPAIGN, name), Label.CAMPAIGN, name, aliases, props)


def _topic(name: str, *aliases: str) -> Named:
    return Named(node_id(Label.TOPIC, name), Label.TOPIC, name, aliases)


# Named programmes. Matching is on the folded text, so "剑网 2023" is "剑网2023".
CAMPAIGNS = (
    _campaign("剑网2023", "“剑网2023”专项行动"),
    _campaign("昆仑2023", "“昆仑2023”专项行动"),
    _campaign("养老服务监管效能提升年"),
    _campaign("双随机、一公开", "双随机一公开"),
    _campaign("提质强企"),
    _campaign("质量强企千百行动"),
)
# A quoted programme followed by 专项行动/行动. Example: "开展“提质强企”行动"
# Several quoted names can share the noun: "结合“剑网2024”“昆仑2024”专项行动", "“A”、“B”等专项行动".
CAMPAIGN_PATTERN = re.compile(r"((?:“[^”]{2,20}”、?){1,6})(?:等)?(?:专项行动|行动)")
QUOTED_NAME = re.compile(r"“([^”]{2,20})”")
# A named programme: a quoted brand with its own words up to 行动/计划; one brand can name
# several programmes. Example: "“百千万”中小企业质量管理能力提升行动", "“百千万”质量人才培养计划"
PROGRAMME_PATTERN = re.compile(r"“([^”]{2,12})”([^，。、“”；]{2,16}?(?:行动|计划))")

def _event(key: str, name: str, kind: str, *aliases: str) -> Named:
    return Named(node_id(Label.EVENT, key), Label.EVENT, name, aliases, (("kind", kind),))


CHENGDU = _event("中国质量（成都）大会", "中国质量（成都）大会", "CONFERENCE", "中国质量(成都)大会", "成都大会")
FORUM_SOE = _event(
    "开展质量提升 建设一流企业分论坛", "“开展质量提升 建设一流企业”分论坛", "FORUM", "开展质量提升 建设一流企业"
)
FORUM_PRIVATE = _event(
    "民营企业质量效益型发展分论坛", "“民营企业质量效益型发展”分论坛", "FORUM", "民营企业质量效益型发展"
)
EXHIBITION = _event(
    "质量之光", "质量之光——中国质量管理与质量创新成果展", "EXHIBITION", "质量之光", "中国质量管理与质量创新成果展"
)
WORLD_MANUFACTURING = _event("世界制造业大会", "世界制造业大会", "CONFERENCE")
EVENTS = (CHENGDU, FORUM_SOE, FORUM_PRIVATE, EXHIBITION, WORLD_MANUFACTURING)
# Forums are part of the conference; their hosts come from the annex items.
EVENT_PARENTS = {FORUM_SOE.id: CHENGDU.id, FORUM_PRIVATE.id: CHENGDU.id}

TOPICS = (
    _topic("首席质量官", "质量官"),
    _topic("质量管理小组", "QC小组", "质量小组", "QC质量管理小组"),
    _topic("一站式", "“一站式”服务", "一站式服务"),
    _topic("品牌", "质量品牌"),
    _topic("计量",),
    _topic("检验检测", "检验检测机构"),
    _topic("标准化", "团体标准", "地方标准", "行业标准"),
    _topic("质量标杆", "标杆"),
    _topic("工匠精神",),
    _topic("质量奖", "政府质量奖", "省长质量奖"),
    _topic("知识产权", "侵权盗版"),
    _topic("侵权假冒", "假冒伪劣"),
    _topic("食品药品安全", "食品安全"),
    _topic("质量帮扶", "技术帮扶"),
    _topic("产业链质量提升", "产业链质量"),
    _topic("质量文化",),
    _topic("中小企业", "中小微企业", "中小微工业企业"),
    _topic("质量基础设施",),
    _topic("质量管理", "全面质量管理"),
    _topic("消费品质量安全", "消费品"),
)

# 《…》 names a document. Example: "宣传贯彻《建设工程质量检测管理办法》"
DOCUMENT = re.compile(r"《([^》]{2,60})》")
# Counted product classes. Examples: "覆盖142种各类重点产品", "溢油分散剂等10类产品"
# The count is found first; the examples ("…、…等") are read backwards from it within
# EXAMPLES_WINDOW characters, so a long "甲、乙、丙…" run cannot make matching quadratic.
PRODUCT_COUNT = re.compile(r"(\d+)(种|类)([^，。]{0,6}?产品)")
EXAMPLES_WINDOW = 200
EXAMPLE = re.compile(r"^[^，。、]{2,20}$")


def document(name: str) -> Named:
    """The Document node of a 《…》 title."""
    return Named(node_id(Label.DOCUMENT, name), Label.DOCUMENT, name)


# A quoted brand that names programmes ending in 活动 too, when the item uses it more than once.
# Example: "“百千万”质量管理小组活动、“百千万”中小企业…行动和“百千万”质量人才培养计划"
BRANDED_ACTIVITY = re.compile(r"“([^”]{2,12})”([^，。、“”；]{2,16}?活动)")
QUOTED = re.compile(r"“([^”]{2,12})”")


def repeated_brands(text: str) -> frozenset[str]:
    """Quoted names used more than once in ``text`` (an item): each names its own programme."""
    seen: dict[str, int] = {}
    for m in QUOTED.finditer(text):
        seen[m.group(1)] = seen.get(m.group(1), 0) + 1
    return frozenset(name for name, n in seen.items() if n > 1 and name != "质量月")


def campaigns_in(text: str, brands: frozenset[str] = frozenset()) -> list[Named]:
    """Campaigns named in ``text``: the known list, then any quoted programme.

    ``brands`` are quoted names the item repeats: with them "…活动" names a programme too.
    """
    found = [c for c in CAMPAIGNS if any(form in text for form in c.forms)]
    names = {c.name for c in found}
    for m in CAMPAIGN_PATTERN.finditer(text):
        for q in QUOTED_NAME.finditer(m.group(1)):
            name = q.group(1)
            if name not in names and not any(name in c.name or c.name in name for c in found):
                found.append(_campaign(name))
                names.add(name)
    for m in PROGRAMME_PATTERN.finditer(text):
        brand, name = m.group(1), f"{m.group(1)}{m.group(2)}"
        known = brand in names or name in names or any(name in c.name for c in found)
        if brand != "质量月" and not known:
            found.append(_campaign(name, f"“{m.group(1)}”{m.group(2)}"))
            names.add(name)
    for m in BRANDED_ACTIVITY.finditer(text):
        name = f"{m.group(1)}{m.group(2)}"
        if m.group(1) in brands and name not in names:
            found.append(_campaign(name, f"“{m.group(1)}”{m.group(2)}"))
            names.add(name)
    return found


def events_in(text: str) -> list[Named]:
    """Events named in ``text`` (forums before the conference they belong to)."""
    return [e for e in EVENTS if any(form in text for form in e.forms)]


# Every topic's name and aliases, longest first.
TOPIC_FORMS = sorted(((form, t) for t in TOPICS for form in t.forms), key=lambda p: -len(p[0]))
# Who takes part is not what it is about: "质量奖获奖单位开展巡回宣讲" is not about the award.
AWARD_WINNERS = re.compile(r"[^，。、“”]{0,8}质量奖获奖(?:单位|企业|组织)")


def topics_in(text: str) -> list[Named]:
    """Topics whose name or alias occurs in ``text``, a longer topic's words counted once.

    "质量管理小组" is the QC-group topic, not also 质量管理: the longer forms are found first
    and blanked out before the shorter ones are looked for.
    """
    text = AWARD_WINNERS.sub("", text)
    found: list[Named] = []
    for form, topic in TOPIC_FORMS:
        if form in text:
            if topic not in found:
                found.append(topic)
            text = text.replace(form, "\u3000" * len(form))
    return [t for t in TOPICS if t in found]


def documents_in(text: str) -> list[Named]:
    """Documents cited as 《…》 in ``text`` (a title that is a standard is a Standard instead)."""
    return [document(m.group(1)) for m in DOCUMENT.finditer(text) if not _standard_title(text, m)]


# A standard's code: national (GB, GB/T, GB/Z), sector (two letters, e.g. JT/T), local
# (DB31/T), group (T/ and the body's letters), international (ISO, ISO/IEC); then the number and
# perhaps the edition's year. Examples: "GB/T 19001-2016", "GB 2760—2014", "T/CAQ 10201", "ISO 9001"
STANDARD_CODE = re.compile(
    r"(?<![A-Za-z/])(GB(?:/[TZ])?|DB\d{2}(?:/T)?|T/[A-Z]{2,10}|ISO(?:/IEC)?|[A-Z]{2}/T)"
    r"\s?(\d{1,6}(?:\.\d{1,3})*)(?:\s?[-—–]\s?((?:19|20)\d{2}))?(?!\d)"
)
# Which level a code or the noun after a 《…》 title names. Example: "《质量诊所管理规范》地方标准"
STANDARD_LEVELS = {"GB": "NATIONAL", "DB": "LOCAL", "T/": "GROUP", "IS": "INTERNATIONAL"}
STANDARD_NOUNS = {"国家": "NATIONAL", "行业": "SECTOR", "地方": "LOCAL", "团体": "GROUP", "企业": "ENTERPRISE"}
# A 《…》 title is a standard when it ends in 标准 or a standard's kind follows it.
# Examples: "《食品安全国家标准 食品添加剂使用标准》", "发布五地《首席质量官评价规范》地方标准"
STANDARD_AFTER = re.compile(r"\s?(国家|行业|地方|团体|企业)?标准")


def _standard_title(text: str, m: re.Match[str]) -> str | None:
    """The level of the standard a 《…》 title names ("" when unknown), or None if it is no standard."""
    after = STANDARD_AFTER.match(text, m.end())
    if after:
        return STANDARD_NOUNS.get(after.group(1) or "", "")
    if m.group(1).endswith("标准"):
        return next((level for noun, level in STANDARD_NOUNS.items() if noun + "标准" in m.group(1)), "")
    return None


def standard(name: str, level: str, *aliases: str) -> Named:
    """The Standard node of a code ("GB/T 19001") or a title."""
    props: tuple[tuple[str, object], ...] = (("level", level),) if level else ()
    return Named(node_id(Label.STANDARD, name), Label.STANDARD, name, aliases, props)


def standards_in(text: str) -> list[Named]:
    """Standards cited in ``text``: by code (one node per code, whatever the edition) or by a
    《…》 title that is a standard."""
    found: dict[str, Named] = {}
    for m in STANDARD_CODE.finditer(text):
        code = f"{m.group(1)} {m.group(2)}"
        level = STANDARD_LEVELS.get(m.group(1)[:2], "SECTOR")
        found.setdefault(code, standard(code, level, *([f"{code}-{m.group(3)}"] if m.group(3) else [])))
    for m in DOCUMENT.finditer(text):
        title_level = _standard_title(text, m)
        if title_level is not None:
            found.setdefault(m.group(1), standard(m.group(1), title_level))
    return list(found.values())


# What a text cites, each finder a kind: the relation to it is the registry's link to that kind
# (``loaders.model.LINK_BY_TARGET``). Activities read it from their title, sections from their text.
CITED: tuple[Callable[[str], list[Named]], ...] = (documents_in, standards_in)


def cited_in(text: str) -> list[Named]:
    """Everything ``text`` cites (documents …), in the order of :data:`CITED`."""
    return [named for find in CITED for named in find(text)]


@dataclass(frozen=True)
class ProductClass:
    """A counted class of products: "142种各类重点产品", "10类产品" with its examples."""

    id: str
    name: str
    count: int
    unit: str
    examples: tuple[str, ...]


def _examples(text: str, count_start: int) -> tuple[str, ...]:
    """The listed examples right before a count: "围绕甲、乙、丙等10类产品" → (甲, 乙, 丙)."""
    if count_start == 0 or text[count_start - 1] != "等":
        return ()
    window = text[max(0, count_start - 1 - EXAMPLES_WINDOW) : count_start - 1]
    cut = max(window.rfind("，"), window.rfind("。"))
    run = window[cut + 1 :].removeprefix("围绕")
    parts = run.split("、")
    if not all(EXAMPLE.match(p) for p in parts):
        return ()
    return tuple(parts)


def products_in(text: str, scope: int | str) -> list[ProductClass]:
    """Counted product classes in ``text``; the same count, unit and examples are one node.

    ``scope`` is the notice's id key (its year for the national notice)."""
    out = []
    for m in PRODUCT_COUNT.finditer(text):
        count, unit, noun = int(m.group(1)), m.group(2), m.group(3)
        name = f"{count}{unit}{noun}"
        product_id = node_id(Label.PRODUCT_CATEGORY, scope, f"{count}{unit}")
        out.append(ProductClass(product_id, name, count, unit, _examples(text, m.start())))
    return out
