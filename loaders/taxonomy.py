"""Activity types: a documented cue-word taxonomy (multi-valued per activity).

An activity takes every type whose cue words occur in its clause; none gives ``OTHER``.
The contract (``contract/README.md`` at the repository root) fixes the first cues of each type.
"""

from __future__ import annotations

import re

ACTIVITY_TYPES: dict[str, tuple[str, ...]] = {
    # "开展质量监督抽查", "食品安全抽检“你点我检”"
    "SUPERVISION_SAMPLING": ("监督抽查", "抽查", "抽检"),
    # "公路水运工程建设质量专项督查", "隐患排查治理", "“双随机、一公开”监督检查"
    "INSPECTION": ("检查", "督查", "排查"),
    # "加大网络侵权盗版打击力度", "依法惩治侵权假冒犯罪", "侦破一批大案要案"
    "ENFORCEMENT": ("打击", "惩治", "侦破", "执法", "专项行动", "打掉", "斩断", "专项治理", "打假", "侵权盗版", "伪劣"),
    # "召开2023年江苏质量大会", "新闻发布会", "现场观摩会"
    "CONFERENCE": ("大会", "会议", "现场会", "观摩会", "发布会", "交流会", "研讨会", "推进会", "座谈会", "对接会"),
    # "“民营企业质量效益型发展”分论坛", "产业链质量提升主题沙龙"
    "FORUM": ("论坛", "沙龙"),
    # "“质量之光”…成果展", "交易博览会", "科普视频展播"
    "EXHIBITION": ("成果展", "展览", "博览会", "展播", "展示"),
    # "品牌故事大赛", "知识竞赛", "征文比赛", "成果发表赛"
    "COMPETITION": ("竞赛", "大赛", "比赛", "征文", "发表赛", "演讲"),
    # "专题培训", "实训讲堂", "高级研修班", "“质量安全第一课”"
    "TRAINING": ("培训", "实训", "研修", "讲堂", "第一课", "课堂", "专题课", "大练兵", "人才培养", "集训", "研学"),
    # "主题宣传活动", "普法宣传", "科普宣传", "巡回宣讲", "推介下乡"
    # "质量文化进高校", "质量教育进校园": a campaign carried into schools and communities
    "PUBLICITY": ("宣传", "宣讲", "普法", "科普", "推介", "访谈", "绘画", "安全教育", "进校园", "进高校", "进社区",
                  "进乡村", "进乡镇", "进农村", "进机关"),
    # "标准宣贯", "计量检定规程", "地方标准"
    "STANDARDS": ("标准", "宣贯", "宣传贯彻", "规程"),
    # "省长质量奖", "颁奖", "评选表彰"
    "AWARD": ("质量奖", "颁奖", "颁发", "表彰", "评选"),
    # "“质量月”活动启动仪式"
    "LAUNCH_CEREMONY": ("启动仪式",),
    # "发布一批食品药品安全刑事审判典型案例", "指导性案例"
    "CASE_RELEASE": ("典型案例", "指导性案例", "案例征集", "小案例"),
    # "质量帮扶和技术指导", "农资质量技术服务", "“一站式”服务"
    "TECHNICAL_ASSISTANCE": ("帮扶", "技术指导", "技术服务", "一站式", "送政策上门", "个性化服务", "计量服务"),
    # "全国检验检测机构开放日", "实验室开放日"
    "OPEN_DAY": ("开放日",),
    # "进出口商品质量安全风险专项监测", "能力验证", "专项监督"
    "MONITORING": ("监测", "能力验证", "专项监督", "监督指导"),
    # "全国质量标杆经验交流", "经验分享和观摩", "成果交流"
    "EXPERIENCE_EXCHANGE": ("经验交流", "交流", "经验分享", "观摩", "分享"),
    # "“一站式”服务线上平台", "中国—东盟质量服务一站式网上系统"
    "PLATFORM": ("平台", "网上系统", "上线", "网络课堂"),
    # "商贸流通专项试点", "“一站式”服务试点", "示范项目"
    "PILOT": ("试点", "示范区", "示范基地", "示范创建"),
    "OTHER": (),
}


# Words that describe who takes part, not what is done: "质量奖获奖单位开展巡回宣讲" is publicity,
# not an award. They are removed before the cue words are looked up.
# People named by their role are participants too: "普法宣讲员集训" trains, it does not publicize.
PARTICIPANT_MODIFIER = re.compile(r"[^，。、“”]{0,8}质量奖获奖(?:单位|企业|组织)|(?:普法)?宣讲员|讲解员|监督员")


# A cited title names a document, not what is done with it: "发布《质量基础设施“一站式”服务评价》
# 地方标准" is a standard's release, not a one-stop service.
CITED_TITLE = re.compile(r"《[^》]*》")


def classify(text: str) -> list[str]:
    """The activity types whose cue words occur in ``text``, in taxonomy order."""
    text = CITED_TITLE.sub("《》", PARTICIPANT_MODIFIER.sub("", text))
    found = [name for name, cues in ACTIVITY_TYPES.items() if any(c in text for c in cues)]
    return found or ["OTHER"]


# Chinese display names of the activity types (explorer, legends, facet labels).
ACTIVITY_TYPE_NAMES: dict[str, str] = {
    "SUPERVISION_SAMPLING": "监督抽查",
    "INSPECTION": "检查督查",
    "ENFORCEMENT": "执法打击",
    "CONFERENCE": "会议",
    "FORUM": "论坛",
    "EXHIBITION": "展览展示",
    "COMPETITION": "竞赛",
    "TRAINING": "培训",
    "PUBLICITY": "宣传",
    "STANDARDS": "标准宣贯",
    "AWARD": "评奖表彰",
    "LAUNCH_CEREMONY": "启动仪式",
    "CASE_RELEASE": "案例发布",
    "TECHNICAL_ASSISTANCE": "技术帮扶",
    "OPEN_DAY": "开放日",
    "MONITORING": "监测",
    "EXPERIENCE_EXCHANGE": "经验交流",
    "PLATFORM": "平台建设",
    "PILOT": "试点示范",
    "OTHER": "其他",
}
