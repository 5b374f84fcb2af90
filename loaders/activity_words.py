"""The words an item's sentences are split by: action verbs, scene and purpose clauses, joint
words, modals, partner counts (see :mod:`loaders.activities` and :mod:`loaders.activity_actors`)."""

from __future__ import annotations

import re

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
