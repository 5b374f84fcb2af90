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
