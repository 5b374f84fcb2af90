from loaders.entities import campaigns_in, products_in, repeated_brands, topics_in


def test_quoted_campaigns_sharing_one_noun_are_each_a_campaign() -> None:
    assert [c.name for c in campaigns_in("结合“剑网2024”“昆仑2024”专项行动")] == ["剑网2024", "昆仑2024"]
    assert [c.name for c in campaigns_in("开展质量技术帮扶“提质强企”行动")] == ["提质强企"]


def test_yearly_campaigns_carry_their_series() -> None:
    campaign = campaigns_in("结合“剑网2025”专项行动")[0]
    assert (campaign.id, dict(campaign.props)) == ("campaign:剑网2025", {"series": "剑网", "year": 2025})


def test_a_repeated_brand_names_one_programme_per_use() -> None:
    item = "实施“百千万”质量管理小组活动、“百千万”中小企业质量管理能力提升行动和“百千万”质量人才培养计划"
    assert repeated_brands(item) == frozenset({"百千万"})
    assert [c.name for c in campaigns_in("实施“百千万”质量管理小组活动", repeated_brands(item))] == [
        "百千万质量管理小组活动"
    ]
    assert campaigns_in("组织“质量安全”全国少年儿童绘画活动") == []


def test_a_longer_topic_is_counted_once_and_award_winners_are_not_a_topic() -> None:
    assert [t.name for t in topics_in("开展全省优秀QC质量管理小组成果交流")] == ["质量管理小组"]
    assert [t.name for t in topics_in("组织政府质量奖获奖企业观摩活动")] == []


def test_product_examples_are_read_backwards_from_the_count() -> None:
    (product,) = products_in(
        "围绕道路运输车辆卫星导航车载终端、高分子防水材料、溢油分散剂等10类产品，开展质量监督抽查", 2023
    )
    assert (product.id, product.name, product.examples) == (
        "products:2023:10类",
        "10类产品",
        ("道路运输车辆卫星导航车载终端", "高分子防水材料", "溢油分散剂"),
    )


def test_standards_are_read_from_codes_and_from_titles_that_are_standards() -> None:
    from loaders.entities import cited_in, documents_in, standards_in

    found = standards_in("贯彻GB/T 19001-2016和GB 2760—2014，推广T/CAQ 10201，对标ISO 9001、JT/T 808")
    assert [(s.id, s.aliases, dict(s.props)["level"]) for s in found] == [
        ("standard:GB/T 19001", ("GB/T 19001-2016",), "NATIONAL"),
        ("standard:GB 2760", ("GB 2760-2014",), "NATIONAL"),
        ("standard:T/CAQ 10201", (), "GROUP"),
        ("standard:ISO 9001", (), "INTERNATIONAL"),
        ("standard:JT/T 808", (), "SECTOR"),
    ]
    title = "发布五地《首席质量官评价规范》地方标准，宣贯《食品安全国家标准 食品添加剂使用标准》和《质量强国建设纲要》"
    assert [(s.id, dict(s.props)["level"]) for s in standards_in(title)] == [
        ("standard:首席质量官评价规范", "LOCAL"),
        ("standard:食品安全国家标准 食品添加剂使用标准", "NATIONAL"),
    ]
    assert [d.id for d in documents_in(title)] == ["document:质量强国建设纲要"]
    assert [n.label for n in cited_in(title)] == ["Document", "Standard", "Standard"]
    assert standards_in("QC小组 5G 2023年 B2B 团体标准") == []  # no code, no title: the 标准化 topic
