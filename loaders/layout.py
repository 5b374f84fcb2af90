"""The line shapes of a Quality Month notice, across years and layouts.

Each pattern reads one line of normalized text (full-width punctuation, ASCII digits; see
:mod:`loaders.normalize`). The structure parser (:mod:`loaders.structure`) decides what a line
means from these shapes and from where it stands.
"""

from __future__ import annotations

import re

CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_NUMERAL = "[一二三四五六七八九十]+"

# Body section heading, optionally with its text inline after "：".
# Examples: "三、重点安排", "二、活动重点", "一、活动主题：增强质量意识 推进高质量发展"
SECTION_HEADING = re.compile(rf"^({CN_NUMERAL})[、.．，]\s*([^\s，。：]{{2,10}})(?:[：]\s*(.*))?$")
# What a section heading means, by its name. Unknown names are kept as their own text.
SECTION_KINDS = {
    "活动主题": "theme", "主题": "theme", "活动口号": "slogans",
    "活动内容": "content", "活动重点": "content", "主要内容": "content", "重点内容": "content",
    "主要活动": "content", "活动安排": "content", "重点工作": "content",
    "重点安排": "arrangement", "重点活动": "arrangement", "重点活动安排": "arrangement",
    "主要安排": "arrangement", "全国性重点活动": "arrangement",
    "工作要求": "requirement", "有关要求": "requirement", "组织实施": "requirement",
    "活动要求": "requirement", "组织保障": "requirement", "保障措施": "requirement",
    "指导思想": "guidance", "总体要求": "guidance", "工作目标": "guidance", "活动目标": "guidance",
    "活动时间": "period", "时间安排": "period", "实施步骤": "period", "进度安排": "period",
}  # fmt: skip
# A numbered item: "（一）…", "1.…", "1、…", "（1）…", "①…". The marker and the rest.
# Examples: "（五）深化重点产品监督抽查。加强…", "1.举办2024年中国质量大会。", "3、…"
ITEM = re.compile(
    rf"^(?:（(?P<cn>{CN_NUMERAL})）|(?P<d>\d{{1,3}})[.、．](?!\d)|（(?P<pd>\d{{1,3}})）|(?P<c>[\u2460-\u2473]))\s*(?P<body>.+)$"
)


def item_number(m: re.Match[str]) -> int:
    """The number of an ITEM match: "（五）" → 5, "12." → 12, "（3）" → 3, "②" → 2."""
    if m.group("c"):
        return ord(m.group("c")) - 0x2460 + 1
    return cn_number(m.group("cn") or m.group("d") or m.group("pd"))


def item_style(m: re.Match[str]) -> str:
    """The numbering style of an ITEM match: "（一）", "1.", "（1）" or "①"."""
    return "（一）" if m.group("cn") else "1." if m.group("d") else "（1）" if m.group("pd") else "①"

# An annex item numbered "十一、…" (annex lists use the body's section numerals).
ANNEX_ITEM = re.compile(rf"^({CN_NUMERAL})[、．，]\s*(.+)$")
# Annex heading. Examples: "附件1", "附件 1" (closed by normalization), "附件一", "附件3：".
ANNEX_HEADING = re.compile(rf"^附件\s*(\d{{1,2}}|{CN_NUMERAL})(?:[：]\s*(\S.*))?$")
# The body's list of attachments. Example: "附件：1. 2023年全国“质量月”联合主办单位开展的主要活动"
ATTACHMENT_LIST = re.compile(r"^-?\s*附件[：]\s*(?:(\d{1,2})[.、．]\s*)?(.*)$")
ATTACHMENT_ENTRY = re.compile(r"^-?\s*(\d{1,2})[.、．]\s*(.+)$")
# Slogan lines: "- 1.大力增强质量意识 加快建设质量强国", "1.坚持质量第一 建设质量强国"
SLOGAN = re.compile(rf"^-?\s*(?:(\d{{1,2}})[.、．]|（(\d{{1,2}})）|({CN_NUMERAL})、)\s*(.+)$")
# Theme or slogan label in the slogans annex, inline or alone. Example: "主题：强化质量支撑 推动高质量发展"
THEME_LABEL = re.compile(r"^(?:活动)?主题[：]?\s*(.*)$")
# The theme given inline in the body, without a numbered heading. Example: "活动主题：质量第一"
INLINE_THEME = re.compile(r"^(?:活动)?主题[：]\s*(\S.*)$")
SLOGAN_LABEL = re.compile(r"^(?:宣传|活动)?口号[：]?$")
# Distribution. Example: "主送：各省、自治区…" / "抄送：国家药监局，有关联合会、协会。"
RECIPIENTS = re.compile(r"^主送(?:单位)?[：]\s*(.+)$")
COPIED_TO = re.compile(r"^抄送(?:单位)?[：]\s*(.+)$")
# A salutation that addresses the notice before its body. Example: "各省、自治区、直辖市…：" (ends "：")
# Local notices address their own units: "各乡镇（街道）市场监管所、中心学校，县直有关单位，各有关企业："
SALUTATION = re.compile(r"^各(?:省|地区|有关|地级|市|县|区|乡镇|街道|州|盟|旗|相关|单位|部门)[^。]{2,}：$")
# The rule a notice states for its role lists. Examples: "各项活动责任单位中，排在第一位的为牵头单位。",
# "排名第一的为牵头单位"
ROLE_RULE = re.compile(r"(?:排在|排名|列)第一(?:位|个)?的?(?:单位)?为牵头(?:单位|部门)")
# A role list on a line of its own after its item, bracketed or not.
# Examples: "（牵头单位：市市场监管局；配合单位：市教育局）", "责任单位：县市场监管局、县教育局"
ROLE_LINE = re.compile(r"^[（(]?\s*(?:牵头|责任|配合)(?:单位|部门)\s*[：:]")
# A sentence addressed to whoever it concerns, not an activity of a named body.
# Examples: "其他区（市）县结合实际自行组织开展特色活动。", "各地要结合实际…"
INSTRUCTION = re.compile(r"^(?:其他|其余|各)[^，。]{1,16}?(?:要|可|应|结合|自行|根据)")
# Contact labels and their variants. Examples: "联系人：市场监管总局质量发展局 蔡煜刚",
# "联 系 人：…", "电 话：010—82262033、…", "联系电话：010—55550188", "电子邮箱：…", "邮 箱：…"
CONTACT_PERSON = re.compile(r"^联\s*系\s*人(?:\s*及\s*电\s*话)?[：]\s*(.+)$")
CONTACT_PHONE = re.compile(r"^(?:联\s*系\s*)?(?:电\s*话|传\s*真|手\s*机)[：]\s*(.+)$")
CONTACT_EMAIL = re.compile(r"^(?:电\s*子\s*)?(?:邮\s*箱|信\s*箱|邮\s*件|e-?mail)[：]\s*(\S+@\S+)$", re.IGNORECASE)
# Several contact fields on one line: "联系人：张三  联系电话：010-66668888  电子邮箱：…"
# (Normalization may have closed the spaces after the digits: "010-12345678电子邮箱：…".)
CONTACT_FIELDS = re.compile(
    r"(?<=[^\s系子])\s*(?=(?:联\s*系\s*)?(?:电\s*话|传\s*真|手\s*机)[：]|(?:电\s*子\s*)?(?:邮\s*箱|信\s*箱)[：])"
)
PHONE = re.compile(r"\d{3,4}[—–－-]\d{7,8}|\d{7,11}")
PERSON_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
# The notice's title. Examples: "市场监管总局等部门关于开展2023年全国“质量月”活动的通知",
# "2026年全国“质量月”活动方案"
TITLE = re.compile(r"^[^，。]{0,80}质量月[^，。]{0,20}(?:通知|方案|安排)$")
# 文号 (document number). Examples: "国市监质发〔2022〕68号", "市监质发[2024]12号"
DOC_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,12}[〔\[【（]\s*(\d{4})\s*[〕\]】）]\s*\d{1,4}\s*号$")
# The date of the signature block. Examples: "2023年8月29日", "二〇二三年八月二十九日"
DATE_LINE = re.compile(
    r"^(\d{4}|[〇零一二三四五六七八九]{4})年(\d{1,2}|[一二三四五六七八九十]{1,2})月(\d{1,2}|[一二三四五六七八九十]{1,3})日$"
)
# 主题词 and the printing line. Examples: "主题词：质量 活动 通知", "市场监管总局办公厅 2023年8月30日印发"
KEYWORDS = re.compile(r"^主题词[：]\s*(.+)$")
PRINTED = re.compile(r"^(.{2,30}?)\s*(\d{4}年\d{1,2}月\d{1,2}日)\s*印发$")
PUBLIC_MARK = re.compile(r"^（此件[^）]{2,10}）$")
# Year and declared department count. Examples: "市场监管总局等25个部门定于2023年9月联合开展",
# "等二十五个部门"
DECLARED_COUNT = re.compile(rf"等(\d{{1,3}}|{CN_NUMERAL})个?(?:部门|单位)")
YEAR_IN_PREAMBLE = re.compile(r"定于(\d{4})年")
YEAR_AT_START = re.compile(r"^(\d{4})年")
YEAR_OF_MONTH = re.compile(r"(\d{4})年(?:全国)?“?质量月")
# A line of a signature block: organ names separated by spaces, nothing else.
# Example: "市场监管总局 中央宣传部 最高人民法院"
ORGAN_SUFFIX = (
    "部", "委", "局", "署", "院", "厅", "办公室", "办公厅", "总局", "总会", "联合会", "总社", "工商联", "残联",
    "妇联", "科协", "团中央", "人民银行", "国资委", "委员会", "工会",
)  # fmt: skip
# Lines that are not the notice's text: page numbers, ellipses, web-page chrome.
# Examples: "……", "— 3 —", "-12-", "第 2 页 共 9 页", "【打印本页】", "关闭窗口", "分享到："
ARTIFACT = re.compile(
    r"^(?:[.…·—\-_=*~\s]+|[—\-－]\s*\d{1,3}\s*[—\-－]|第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?|\d{1,3}"
    r"|(?:【?(?:打印本页|打印|关闭窗口|关闭|字体|字号|分享到|返回顶部|收藏|扫一扫|【大\s*中\s*小】)[】：:\s大中小]*)+)$"
)


def cn_number(numeral: str) -> int:
    """Chinese numerals up to 99: "九" → 9, "十一" → 11, "二十三" → 23, "三十" → 30; digits as is."""
    if numeral.isdigit():
        return int(numeral)
    if numeral == "十":
        return 10
    if "十" in numeral:
        tens, _, units = numeral.partition("十")
        return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[units] if units else 0)
    if len(numeral) == 4:  # a year written digit by digit: "二〇二三"
        return int("".join(str(CN_DIGITS[c]) for c in numeral))
    return CN_DIGITS[numeral]


def cn_numeral(number: int) -> str:
    """The inverse of :func:`cn_number` for 1–99: 11 → "十一"; ids read the same in every layout."""
    digits = "〇一二三四五六七八九"
    if number >= 100:
        return str(number)
    if number < 10:
        return digits[number]
    tens, units = divmod(number, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[units] if units else "")


def is_signature(text: str) -> bool:
    """A line of organ names only: "市场监管总局 中央宣传部 …" or one name such as "国家市场监督管理总局"."""
    if ITEM.match(text) or ANNEX_ITEM.match(text):
        return False  # "（一）中央宣传部" is a numbered heading
    tokens = text.split()
    return (
        bool(tokens)
        and len(text) <= 200
        and all(len(t) <= 20 and t.endswith(ORGAN_SUFFIX) and not re.search(r"[，。、：；]", t) for t in tokens)
    )
