"""Facts verified by reading the 2023 notice line by line (line numbers of the source text)."""

A = "activity:2023:"
# (source, relationship, target, role or None)
RELATION_FACTS = [
    # 附件1/一 (line 86): 市场监管总局会同有关部门等共同举办中国质量（成都）大会
    ("organizer:市场监管总局", "RUNS", A + "附件1/一/1", "LEAD"),
    # "有关部门" is a placeholder, not an actor: no partner node (issue 10)
    (A + "附件1/一/1", "PART_OF", "event:中国质量（成都）大会", None),
    ("organizer:市场监管总局", "HOSTS", "event:中国质量（成都）大会", None),
    (A + "附件1/一/2", "PART_OF", "event:质量之光", None),
    # line 86: 中国质量报刊社联合湖南广播影视集团举办“质量强国有我”主题宣传活动
    ("organization:中国质量报刊社", "RUNS", A + "附件1/一/12", "LEAD"),
    ("organization:湖南广播影视集团", "RUNS", A + "附件1/一/12", "PARTNER"),
    # line 88: 中央宣传部结合“剑网 2023”专项行动加大网络侵权盗版打击力度
    (A + "附件1/二/1", "PART_OF", "campaign:剑网2023", None),
    # line 96: 公安部结合“昆仑 2023”专项行动 … 侦破 / 打掉 / 斩断
    (A + "附件1/六/1", "PART_OF", "campaign:昆仑2023", None),
    (A + "附件1/六/3", "PART_OF", "campaign:昆仑2023", None),
    # line 98: 民政部结合“养老服务监管效能提升年”活动
    (A + "附件1/七/1", "PART_OF", "campaign:养老服务监管效能提升年", None),
    # line 100: 自然资源部联合市场监管总局 … “双随机、一公开”监督检查工作
    ("organizer:自然资源部", "RUNS", A + "附件1/八/1", "LEAD"),
    ("organizer:市场监管总局", "RUNS", A + "附件1/八/1", "PARTNER"),
    (A + "附件1/八/2", "PART_OF", "campaign:双随机、一公开", None),  # the 双随机 checks (atom 2 of 八)
    # line 102: 生态环境部配合市场监管总局开展 … 监督抽查活动
    ("organizer:生态环境部", "RUNS", A + "附件1/九/1", "SUPPORT"),
    ("organizer:市场监管总局", "RUNS", A + "附件1/九/1", "LEAD"),
    (A + "附件1/九/1", "PART_OF", "campaign:双随机、一公开", None),
    # line 106: 交通运输部 … 10 类产品，开展质量监督抽查
    ("organizer:交通运输部", "RUNS", A + "附件1/十一/3", "LEAD"),
    (A + "附件1/十一/3", "COVERS", "products:2023:10类", None),
    # line 104: 宣传贯彻《建设工程质量检测管理办法》
    (A + "附件1/十/2", "CITES", "document:建设工程质量检测管理办法", None),
    # line 120: 国务院国资委在中国质量（成都）大会期间，主办“开展质量提升 建设一流企业”分论坛
    ("organizer:国务院国资委", "HOSTS", "event:开展质量提升 建设一流企业分论坛", None),
    ("event:开展质量提升 建设一流企业分论坛", "PART_OF", "event:中国质量（成都）大会", None),
    # line 130: 全国工商联在中国质量（成都）大会期间举办“民营企业质量效益型发展”分论坛
    ("organizer:全国工商联", "HOSTS", "event:民营企业质量效益型发展分论坛", None),
    ("event:民营企业质量效益型发展分论坛", "PART_OF", "event:中国质量（成都）大会", None),
    # line 142: 中国机械联合会 = 中国机械工业联合会
    ("association:中国机械工业联合会", "RUNS", A + "附件2/四/1", "LEAD"),
    # line 178: 上海市会同四省举办苏浙皖赣沪四省一市 … 共同行动启动仪式
    ("region:310000", "RUNS", A + "附件3/九/1", "LEAD"),
    ("region:320000", "RUNS", A + "附件3/九/1", "PARTNER"),
    ("region:330000", "RUNS", A + "附件3/九/1", "PARTNER"),
    ("region:340000", "RUNS", A + "附件3/九/1", "PARTNER"),
    ("region:360000", "RUNS", A + "附件3/九/1", "PARTNER"),
    # line 178: 发布五地《首席质量官评价规范》地方标准
    # a 《…》 title followed by 地方标准 is a Standard, applied over APPLIES (issue 16)
    (A + "附件3/九/2", "APPLIES", "standard:首席质量官评价规范", None),
    # line 202: 广西 … 与金融机构推进“桂质贷”金融服务
    # "金融机构" is a placeholder: the activity has its lead only (issue 10)
    ("region:450000", "RUNS", A + "附件3/二十/5", "LEAD"),
    # line 180 and 214: “提质强企” in 江苏 and 云南, one campaign
    (A + "附件3/十/5", "PART_OF", "campaign:提质强企", None),
    (A + "附件3/二十五/1", "PART_OF", "campaign:提质强企", None),
    # line 228: 新疆生产建设兵团 (no GB/T 2260 code)
    ("region:新疆生产建设兵团", "RUNS", A + "附件3/三十二/1", "LEAD"),
    # line 45 / 128: 三/（八）开展农资质量技术服务活动 ← 供销合作总社
    (A + "附件1/二十二/1", "IMPLEMENTS", "arrangement:2023:8", None),
    # line 35 / 96: 三/（四）剑网2023、昆仑2023 ← 公安部
    (A + "附件1/六/1", "IMPLEMENTS", "arrangement:2023:4", None),
    # line 39 / 106: 三/（五）10类产品 ← 交通运输部
    (A + "附件1/十一/3", "IMPLEMENTS", "arrangement:2023:5", None),
    # 附件1 lists 23 organizers; 主送 suggests the two unlisted ones of "25 个部门"
    ("notice:2023", "ORGANIZED_BY", "organizer:国家发展改革委", None),
    ("notice:2023", "ORGANIZED_BY", "organizer:教育部", None),
]

RELATION_FACTS += [
    # line 208: "百千万" names three programmes
    (A + "附件3/二十二/3", "PART_OF", "campaign:百千万质量管理小组活动", None),
    (A + "附件3/二十二/5", "PART_OF", "campaign:百千万质量人才培养计划", None),
    # line 226: one clause, three activities (ceremony, seminar, contest)
    ("region:650000", "RUNS", A + "附件3/三十一/3", "LEAD"),
    # line 120: the forum held "在中国质量（成都）大会期间" is a FORUM, linked to 三/（一） by its event
    (A + "附件1/十八/1", "IMPLEMENTS", "arrangement:2023:1", None),
    # line 92: 依法惩治侵权假冒犯罪 carries out 三/（四）开展执法打假系列活动
    (A + "附件1/四/1", "IMPLEMENTS", "arrangement:2023:4", None),
    # line 144: QC group congress → 三/（九）举办质量管理小组活动
    (A + "附件2/五/1", "IMPLEMENTS", "arrangement:2023:9", None),
]

# Who runs supervision sampling (监督抽查, 抽查, 抽检), by reading the annexes:
# 交通运输部 (line 106), 市场监管总局 leads and 生态环境部 assists the 双随机 监督抽查
# (line 102), 甘肃省 runs 食品安全抽检“你点我检” (line 220).
SUPERVISION_SAMPLING_ACTORS = {
    "organizer:交通运输部",
    "organizer:市场监管总局",
    "organizer:生态环境部",
    "region:620000",
}

# Issue 10: atomic activities (a clause naming several gives one each; a clause that only says
# what an event is for stays with it: 162 → 189, the hand annotation in eval/ has 190), placeholders
# (有关部门, 金融机构, 专家服务团, 科技特派员队伍) are no actors and 吉林省委党校 has no joint word
# (Organization 8 → 2), 国家药监局 is a State Council body (Organizer 25 → 26); campaigns 7 → 9.
COUNTS = {
    "Activity": 189,
    "Association": 9,
    "Campaign": 9,  # one "百千万" stood for three programmes: now three
    "Contact": 1,
    "ContentItem": 6,
    "Document": 4,  # 《…》地方标准 titles are Standards now (issue 16): 7 → 4
    "Standard": 3,
    "Event": 5,
    "KeyArrangement": 9,
    "Notice": 1,
    "Organization": 2,
    "Organizer": 26,
    "ProductCategory": 2,
    "Region": 32,
    "Requirement": 3,
    "Slogan": 9,
    "Theme": 1,
    "Topic": 20,
}
