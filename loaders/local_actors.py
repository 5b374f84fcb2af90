"""Actors of a local notice, qualified by the notice's jurisdiction.

A short form is local: "省市场监管局" in a Guangdong notice is 广东省市场监督管理局, "市委宣传部" in
a Chengdu one is 中共成都市委宣传部, "县教育局" in 长沙县's is 长沙县教育局. The full name is the
actor (one node across notices); the short form stays an alias. Districts and counties get their
GB/T 2260 codes (settled by the jurisdiction when a name is used twice); townships, 街道 and
development zones are regions without a code, named within their county or city.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders import divisions, lexicon, open_actors
from loaders.lexicon import Actor

# Short names of local bodies → their full names after the jurisdiction's name.
# Example: "省市场监管局" → "广东省" + "市场监督管理局"
FULL_BODY_NAMES = {
    "市场监管局": "市场监督管理局", "发展改革委": "发展和改革委员会", "发改委": "发展和改革委员会",
    "工信局": "工业和信息化局", "工信厅": "工业和信息化厅", "经信局": "经济和信息化局", "经信厅": "经济和信息化厅",
    "住建局": "住房和城乡建设局", "住建厅": "住房和城乡建设厅", "住房城乡建设局": "住房和城乡建设局",
    "住房城乡建设厅": "住房和城乡建设厅", "国资委": "人民政府国有资产监督管理委员会", "科技局": "科学技术局",
    "科技厅": "科学技术厅", "卫健委": "卫生健康委员会", "卫生健康委": "卫生健康委员会",
    "人社局": "人力资源和社会保障局", "人社厅": "人力资源和社会保障厅", "文旅局": "文化和旅游局",
    "文旅厅": "文化和旅游厅", "药品监管局": "药品监督管理局", "药监局": "药品监督管理局",
}  # fmt: skip
# What a local body's name ends with (a short form whose body ends otherwise is no name:
# "省住房城乡" is cut off before 建设厅).
BODY_ENDINGS = (
    *open_actors.GOVERNMENT_ENDINGS, *open_actors.ASSOCIATION_ENDINGS, *open_actors.OTHER_ENDINGS, "工会", "人民政府",
)  # fmt: skip
# A run of one-character city abbreviations with its count. Example: "莞惠两市" → 东莞市, 惠州市
CITY_RUN = re.compile(r"^([一-鿿]{2,5})[两二三四五六七八九十]市$")
# A local short form: the level word, then a body's name. Examples: "省市场监管局", "市委宣传部",
# "县教育局", "团县委", "团市委"
SHORT_FORM = re.compile(r"^(?:(自治区|省|市|县|区|州|盟|旗)(委)?(.+)|团(自治区|省|市|县|区)委)$")
# Words of a development zone's short name. Example: "成都高新区" → "成都高新技术产业开发区"
ZONE_WORDS = {"高新区": "高新技术产业开发区", "经开区": "经济技术开发区", "管委会": "管理委员会"}
ZONE = re.compile(r"^[\u4e00-\u9fff]{2,8}(?:高新区|经开区|新区|开发区|园区)(?:管委会)?$")
# Townships and 街道 (an office stands for its 街道). Examples: "星沙街道", "星沙街道办事处", "黄花镇"
TOWNSHIP = re.compile(r"^([\u4e00-\u9fff]{1,6}?(?:街道|镇|乡))(?:办事处|人民政府)?$")


@dataclass(frozen=True)
class Jurisdiction:
    """The notice's jurisdiction: its GB/T 2260 code, read from its issuers."""

    code: str

    def at(self, level_word: str) -> str | None:
        """The code a level word points at: "省" the province, "市" the city, "县"/"区" the county."""
        code, level = self.code, divisions.level_of(self.code)
        province = code[:2] + "0000"
        if level_word == "省" or (level_word == "自治区" and divisions.name_of(province).endswith("自治区")):
            return province
        if level_word in ("市", "州", "盟"):
            if level == "PROVINCIAL" and divisions.name_of(code).endswith("市"):
                return code  # 北京市's notice: 市市场监管局 is 北京市市场监督管理局
            if level == "CITY":
                return code
            return divisions.parent_of(code) if level == "COUNTY" else None
        if level_word == "区" and level == "PROVINCIAL" and divisions.name_of(code).endswith("自治区"):
            return code  # 区市场监管局 in 广西壮族自治区's notice
        return code if level == "COUNTY" else None

    @property
    def name(self) -> str:
        """Its name ("长沙县")."""
        return divisions.name_of(self.code)

    def context(self) -> str:
        """Its name and its parents' names, to settle a division name used twice."""
        names, code = [], self.code
        while code:
            names.append(divisions.name_of(code))
            code = divisions.parent_of(code) or ""
        return "".join(names)


def is_placeholder(name: str) -> bool:
    """ "各市市场监管局", "各有关单位", "县直有关单位", "各区(市)县人民政府": whoever it concerns."""
    return name.startswith("各") or "有关" in name or "相关" in name or lexicon.placeholder_at(name) == name


# Words that open a scene, not a name. Example: "在星沙街道举办…"
NOT_A_NAME = ("在", "结合", "围绕", "以", "按照", "对", "向", "为", "由", "从", "到", "于")
# A run of names is no one name: "市总工会、团市委"
LIST_MARKS = re.compile(r"[、，,；;。\s]")
# Bodies the generic name endings miss. Example: "浙江省总工会"
OTHER_BODY_ENDINGS = ("工会", "人民政府", "管委会", "电视台", "广播电视台")
GOVERNMENT_BODY_ENDINGS = ("工会", "人民政府")


def qualify(name: str, where: Jurisdiction) -> Actor | None:
    """The actor a name in a local notice denotes, qualified by ``where``; None for placeholders."""
    name = name.strip()
    if not name or is_placeholder(name) or name.startswith(NOT_A_NAME) or LIST_MARKS.search(name):
        return None
    if (known := lexicon.find_actor(name)) is not None:
        return known
    if m := SHORT_FORM.match(name):
        return _short_form(name, m, where)
    if m := TOWNSHIP.match(name):
        full = where.name + m.group(1) if not m.group(1).startswith(where.name) else m.group(1)
        return Actor(f"region:{full}", "REGION", full, tuple(dict.fromkeys(a for a in (m.group(1), name) if a != full)))
    if ZONE.match(name):
        full = name
        for short, long in ZONE_WORDS.items():
            full = full.replace(short, long)
        kind = "ORGANIZER" if full.endswith("管理委员会") else "REGION"
        prefix = "organizer" if kind == "ORGANIZER" else "region"
        return Actor(f"{prefix}:{full}", kind, full, (name,) if name != full else ())
    if name.endswith("人民政府") and (codes := divisions.codes_by_name().get(name.removesuffix("人民政府"))):
        full = _unique_name(divisions.pick(codes, where.context())) + "人民政府"  # 西湖区 is in 杭州 and 南昌
        return Actor(f"organizer:{full}", "ORGANIZER", full, (name,) if name != full else ())
    codes = divisions.codes_by_name().get(name)
    if codes:
        code = divisions.pick(codes, where.context())
        return Actor(f"region:{code}", "REGION", name, _short_region(name), code)
    found = open_actors.kind_of(name, None)
    if found is None and open_actors.NAME.match(name) and name.endswith(OTHER_BODY_ENDINGS):
        found = "ORGANIZER" if name.endswith(GOVERNMENT_BODY_ENDINGS) else "ORGANIZATION"
    return open_actors.make_actor(name, found) if found else None


def _short_form(name: str, m: re.Match[str], where: Jurisdiction) -> Actor | None:
    if m.group(4):  # 团县委 → 共青团长沙县委员会
        code = where.at(m.group(4))
        if code is None:
            return None
        full = f"共青团{_unique_name(code)}委员会"
        return Actor(f"organizer:{full}", "ORGANIZER", full, (name,))
    level_word, party, body = m.group(1), m.group(2), m.group(3)
    code = where.at(level_word)
    if code is None or not body or not body.endswith(BODY_ENDINGS):
        return None
    place = _unique_name(code)
    # 市委宣传部 → 中共成都市委宣传部
    full = f"中共{place}委{body}" if party else place + FULL_BODY_NAMES.get(body, body)
    kind = open_actors.kind_of(full, None) or "ORGANIZER"
    prefix = {"ASSOCIATION": "association", "REGION": "region"}.get(kind, "organizer")
    if kind == "ORGANIZATION":
        prefix = "organization"
    return Actor(f"{prefix}:{full}", kind, full, (name,))


def qualify_all(names: str, where: Jurisdiction) -> list[Actor] | None:
    """Every actor a run of names denotes ("广州市、深圳市", "莞惠两市", "省教育厅和省市场监管局");
    None when a part is not a name (placeholders are dropped, not failures)."""
    if m := CITY_RUN.match(names):
        cities = [_city_with(ch, where) for ch in m.group(1)]
        return [c for c in cities if c] if all(cities) else None
    if (whole := qualify(names, where)) is not None:
        return [whole]
    out: list[Actor] = []
    for part in (p for p in re.split(r"[、，]", names) if p):
        if is_placeholder(part):
            continue
        found = qualify(part, where)
        if found is None and "和" in part:
            pieces = [qualify(p, where) for p in part.split("和")]
            if not all(pieces):
                return None
            out += [p for p in pieces if p]
        elif found is None:
            return None
        else:
            out.append(found)
    return out or None


def _city_with(char: str, where: Jurisdiction) -> Actor | None:
    """The one prefecture-level city of the notice's province whose name holds ``char``."""
    province = where.code[:2]
    found = [
        code for code, name in divisions.table().items()
        if code.startswith(province) and divisions.level_of(code) == "CITY" and char in name
    ]  # fmt: skip
    if len(found) != 1:
        return None
    name = divisions.name_of(found[0])
    return Actor(f"region:{found[0]}", "REGION", name, _short_region(name), found[0])


def _unique_name(code: str) -> str:
    """A division's name, with its parent's before it when the name is used twice (朝阳区 is in
    北京市 and in 长春市: "北京市朝阳区"), so two bodies never share one name."""
    name = divisions.name_of(code)
    parent = divisions.parent_of(code)
    if len(divisions.codes_by_name().get(name, ())) > 1 and parent:
        return divisions.name_of(parent) + name
    return name


def _short_region(name: str) -> tuple[str, ...]:
    # "佛山市" is also "佛山" (as open_actors names cities); "长沙县" is not "长沙" (the city).
    return (name[:-1],) if name.endswith("市") and len(name) > 2 else ()


def parent_region(actor: Actor, where: Jurisdiction) -> Actor | None:
    """The region a region lies within: the GB/T 2260 parent of a coded one, the notice's
    jurisdiction for a township, 街道 or zone; None for a province or a non-region."""
    if actor.kind != "REGION":
        return None
    code = divisions.parent_of(actor.code) if actor.code else where.code
    if code is None or code == actor.code:
        return None
    return region_of(code)


def region_of(code: str) -> Actor:
    """The region actor of a code: the lexicon's (with its aliases) for a province, else from the table."""
    known = lexicon.BY_ID.get(f"region:{code}")
    if known is not None:
        return known
    name = divisions.name_of(code)
    return Actor(f"region:{code}", "REGION", name, _short_region(name), code)
