"""Canonical actors of the notice, every surface form as an alias, GB/T 2260 region codes.

One entity, one node: "市场监管总局" and "国家市场监督管理总局" resolve to the same actor.
"""

from __future__ import annotations

from dataclasses import dataclass

from loaders.model import KIND_BY_NAME, Label, node_id


@dataclass(frozen=True)
class Actor:
    """A canonical actor: id, kind, name, aliases, and (regions) the GB/T 2260 code."""

    id: str
    kind: str
    name: str
    aliases: tuple[str, ...] = ()
    code: str | None = None

    @property
    def label(self) -> str:
        """The node label of this actor's kind."""
        return KIND_BY_NAME[self.kind].label

    @property
    def surface_forms(self) -> tuple[str, ...]:
        """The name and every alias."""
        return (self.name, *self.aliases)


def _organizer(name: str, *aliases: str) -> Actor:
    return Actor(node_id(Label.ORGANIZER, name), Label.ORGANIZER.name, name, aliases)


def _association(name: str, *aliases: str) -> Actor:
    return Actor(node_id(Label.ASSOCIATION, name), Label.ASSOCIATION.name, name, aliases)


def _organization(name: str, *aliases: str) -> Actor:
    return Actor(node_id(Label.ORGANIZATION, name), Label.ORGANIZATION.name, name, aliases)


def _region(code: str | None, name: str, *aliases: str) -> Actor:
    return Actor(node_id(Label.REGION, code or name), Label.REGION.name, name, aliases, code)


ORGANIZERS = (
    _organizer("市场监管总局", "国家市场监督管理总局", "市场监督管理总局"),
    _organizer("中央宣传部", "中宣部"),
    _organizer("最高人民法院", "最高法"),
    _organizer("最高人民检察院", "最高检"),
    _organizer("工业和信息化部", "工信部"),
    _organizer("公安部"),
    _organizer("民政部"),
    _organizer("自然资源部"),
    _organizer("生态环境部"),
    _organizer("住房和城乡建设部", "住房城乡建设部", "住建部"),
    _organizer("交通运输部"),
    _organizer("水利部"),
    _organizer("农业农村部"),
    _organizer("商务部"),
    _organizer("文化和旅游部", "文旅部"),
    _organizer("国家卫生健康委", "国家卫生健康委员会", "国家卫健委"),
    _organizer("中国人民银行", "人民银行", "人民银行总行"),
    _organizer("国务院国资委", "国资委", "国务院国有资产监督管理委员会"),
    _organizer("海关总署"),
    _organizer("国家国际发展合作署", "国际发展合作署"),
    _organizer("全国总工会", "中华全国总工会"),
    _organizer("供销合作总社", "中华全国供销合作总社"),
    _organizer("全国工商联", "中华全国工商业联合会"),
    _organizer("国家发展改革委", "国家发展和改革委员会", "发展改革委"),
    _organizer("教育部"),
    # The rest of the State Council's organs and the bodies under its ministries.
    _organizer("外交部"), _organizer("国防部"), _organizer("科技部", "科学技术部"),
    _organizer("国家民委", "国家民族事务委员会"), _organizer("国家安全部"), _organizer("司法部"),
    _organizer("财政部"), _organizer("人力资源社会保障部", "人力资源和社会保障部", "人社部"),
    _organizer("退役军人事务部", "退役军人部"), _organizer("应急管理部"), _organizer("审计署"),
    _organizer("国务院办公厅", "国办"), _organizer("国家税务总局", "税务总局"),
    _organizer("金融监管总局", "国家金融监督管理总局", "国家金融监管总局"),
    _organizer("中国证监会", "中国证券监督管理委员会", "证监会"),
    _organizer("广电总局", "国家广播电视总局", "国家广电总局"), _organizer("体育总局", "国家体育总局"),
    _organizer("国家统计局"), _organizer("国家医保局", "国家医疗保障局"),
    _organizer("国家知识产权局", "知识产权局"), _organizer("国家信访局"),
    _organizer("国家粮食和储备局", "国家粮食和物资储备局"), _organizer("国家能源局"),
    _organizer("国家国防科工局", "国防科工局"), _organizer("国家烟草局", "国家烟草专卖局"),
    _organizer("国家移民局", "国家移民管理局"), _organizer("国家林草局", "国家林业和草原局"),
    _organizer("国家铁路局"), _organizer("中国民航局", "中国民用航空局", "民航局"), _organizer("国家邮政局"),
    _organizer("国家文物局"), _organizer("国家中医药局", "国家中医药管理局"),
    _organizer("国家疾控局", "国家疾病预防控制局"),
    _organizer("国家矿山安监局", "国家矿山安全监察局"), _organizer("国家消防救援局"),
    _organizer("国家外汇局", "国家外汇管理局"), _organizer("国家药监局", "国家药品监督管理局"),
    _organizer("国家数据局"), _organizer("国家标准委", "国家标准化管理委员会"),
    _organizer("国家认监委", "国家认证认可监督管理委员会"), _organizer("国家乡村振兴局"),
    _organizer("国务院新闻办", "国务院新闻办公室", "国新办"), _organizer("中央网信办", "国家网信办"),
    _organizer("中央文明办"), _organizer("中央组织部", "中组部"), _organizer("中央统战部"),
    _organizer("中国气象局"), _organizer("中国地震局"), _organizer("中国科学院", "中科院"),
    _organizer("中国工程院"), _organizer("中国贸促会", "中国国际贸易促进委员会"),
    # People's organizations: they issue the notice with the ministries (附件1), whatever their
    # names end with (中国残联 is a 联合会 but not an association).
    _organizer("共青团中央", "团中央"), _organizer("全国妇联", "中华全国妇女联合会"),
    _organizer("中国科协", "中国科学技术协会"), _organizer("中国残联", "中国残疾人联合会"),
    _organizer("中国侨联", "中华全国归国华侨联合会"), _organizer("中国文联", "中国文学艺术界联合会"),
    _organizer("中国作协", "中国作家协会"),
)  # fmt: skip

# 主送 lists local counterparts of the national departments; a recipient naming one of
# these stems points at the national body it answers to (used to find the organizers the
# notice counts in "25 个部门" but does not list in 附件1).
RECIPIENT_STEMS = {
    "市场监管局": "市场监管总局",
    "党委宣传部": "中央宣传部",
    "高级人民法院": "最高人民法院",
    "人民检察院": "最高人民检察院",
    "发展改革委": "国家发展改革委",
    "教育厅": "教育部",
    "工业和信息化主管部门": "工业和信息化部",
    "公安厅": "公安部",
    "民政厅": "民政部",
    "自然资源主管部门": "自然资源部",
    "生态环境厅": "生态环境部",
    "住房城乡建设厅": "住房和城乡建设部",
    "交通运输厅": "交通运输部",
    "水利": "水利部",
    "农业农村": "农业农村部",
    "商务主管部门": "商务部",
    "文化和旅游厅": "文化和旅游部",
    "卫生健康委": "国家卫生健康委",
    "中国人民银行": "中国人民银行",
    "国资委": "国务院国资委",
    "海关": "海关总署",
    "供销合作社": "供销合作总社",
    "总工会": "全国总工会",
    "工商联": "全国工商联",
}

REGIONS = (
    _region("110000", "北京市", "北京", "京"),
    _region("120000", "天津市", "天津", "津"),
    _region("130000", "河北省", "河北", "冀"),
    _region("140000", "山西省", "山西", "晋"),
    _region("150000", "内蒙古自治区", "内蒙古", "蒙"),
    _region("210000", "辽宁省", "辽宁", "辽"),
    _region("220000", "吉林省", "吉林", "吉"),
    _region("230000", "黑龙江省", "黑龙江", "黑"),
    _region("310000", "上海市", "上海", "沪"),
    _region("320000", "江苏省", "江苏", "苏"),
    _region("330000", "浙江省", "浙江", "浙"),
    _region("340000", "安徽省", "安徽", "皖"),
    _region("350000", "福建省", "福建", "闽"),
    _region("360000", "江西省", "江西", "赣"),
    _region("370000", "山东省", "山东", "鲁"),
    _region("410000", "河南省", "河南", "豫"),
    _region("420000", "湖北省", "湖北", "鄂"),
    _region("430000", "湖南省", "湖南", "湘"),
    _region("440000", "广东省", "广东", "粤"),
    _region("450000", "广西壮族自治区", "广西", "桂"),
    _region("460000", "海南省", "海南", "琼"),
    _region("500000", "重庆市", "重庆", "渝"),
    _region("510000", "四川省", "四川", "川"),
    _region("520000", "贵州省", "贵州", "黔"),
    _region("530000", "云南省", "云南", "滇"),
    _region("540000", "西藏自治区", "西藏", "藏"),
    _region("610000", "陕西省", "陕西", "陕"),
    _region("620000", "甘肃省", "甘肃", "甘"),
    _region("630000", "青海省", "青海", "青"),
    _region("640000", "宁夏回族自治区", "宁夏", "宁"),
    _region("650000", "新疆维吾尔自治区", "新疆", "新"),
    _region("710000", "台湾省", "台湾", "台"),
    _region("810000", "香港特别行政区", "香港", "港"),
    _region("820000", "澳门特别行政区", "澳门", "澳"),
    _region(None, "新疆生产建设兵团", "兵团"),
)

ASSOCIATIONS = (
    _association("中国质量协会", "中国质协"),
    _association("中国轻工业联合会", "中国轻工联"),
    _association("中国商业联合会", "中国商联"),
    _association("中国机械工业联合会", "中国机械联合会", "中国机械联"),
    _association("中国石油和化学工业联合会", "中国石化联合会"),
    _association("中国中小商业企业协会"),
    _association("中国钢铁工业协会", "中钢协"),
    _association("中国施工企业管理协会", "中施企协"),
    _association("中国水利电力质量管理协会", "中国水电质协"),
)

ORGANIZATIONS = (
    _organization("中国质量报刊社"),
    _organization("湖南广播影视集团"),
    _organization("吉林省委党校", "中共吉林省委党校"),
)

# Words that stand for "whoever it concerns": never an actor, never a partner.
# Examples: "会同有关部门等共同举办", "与金融机构推进", "各地区各部门要…"
PLACEHOLDERS = (
    "有关部门", "相关部门", "各地区各部门", "各地区", "各部门", "各地", "各级", "有关单位", "相关单位", "各单位",
    "金融机构", "有关方面", "各有关方面", "有关企业", "相关企业", "企业", "社会各界", "新闻媒体", "主流媒体",
    "专家服务团", "科技特派员队伍", "检验检测机构", "地方", "有关", "相关",
)  # fmt: skip

ALL_ACTORS = ORGANIZERS + REGIONS + ASSOCIATIONS + ORGANIZATIONS
BY_ID = {actor.id: actor for actor in ALL_ACTORS}


def _surface_index() -> list[tuple[str, Actor]]:
    # One-character region abbreviations (沪, 苏 …) are too ambiguous for free text;
    # they are resolved only inside an abbreviation run such as "苏浙皖赣沪".
    pairs = [(form, a) for a in ALL_ACTORS for form in a.surface_forms if len(form) > 1]
    return sorted(pairs, key=lambda p: -len(p[0]))


SURFACES = _surface_index()
ABBREVIATIONS = {
    alias: actor for actor in REGIONS for alias in actor.aliases if len(alias) == 1
}
BY_NAME = {form: actor for form, actor in SURFACES}


# Surfaces by their first two characters: a lookup is a dict probe, not a scan of every name.
_BY_PREFIX: dict[str, list[tuple[str, Actor]]] = {}
for _form, _actor in SURFACES:
    _BY_PREFIX.setdefault(_form[:2], []).append((_form, _actor))


def actor_at(text: str, start: int = 0) -> Actor | None:
    """The actor whose longest surface form starts at ``text[start:]``, if any."""
    for form, actor in _BY_PREFIX.get(text[start : start + 2], ()):
        if text.startswith(form, start):
            return actor
    return None


def placeholder_at(text: str, start: int = 0) -> str | None:
    """The placeholder ("有关部门", "金融机构" …) at ``text[start:]``, if any (longest first)."""
    return next((p for p in _PLACEHOLDERS_LONGEST_FIRST if text.startswith(p, start)), None)


_PLACEHOLDERS_LONGEST_FIRST = sorted(PLACEHOLDERS, key=len, reverse=True)


def find_actor(name: str) -> Actor | None:
    """The actor a complete name or alias denotes."""
    return BY_NAME.get(name.strip())
