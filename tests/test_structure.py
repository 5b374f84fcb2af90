import pytest

from loaders.errors import LoadError
from loaders.normalize import normalize
from loaders.reader import bundled_notice
from loaders.structure import cn_number, parse_structure

RAW = bundled_notice()[1].decode()


@pytest.fixture(scope="module")
def notice():  # type: ignore[no-untyped-def]
    return parse_structure(normalize(RAW))


@pytest.mark.parametrize(("numeral", "value"), [("一", 1), ("十", 10), ("十一", 11), ("二十三", 23), ("三十二", 32)])
def test_cn_number(numeral: str, value: int) -> None:
    assert cn_number(numeral) == value


def test_body_sections_have_their_items(notice) -> None:  # type: ignore[no-untyped-def]
    assert notice.year == 2023 and notice.declared_count == 25
    assert notice.content_items[0].title == "深入学习习近平总书记关于质量发展的重要论述"
    assert (len(notice.content_items), len(notice.key_arrangements), len(notice.requirements)) == (6, 9, 3)
    assert notice.key_arrangements[4].title == "深化重点产品监督抽查"
    assert notice.key_arrangements[4].section == "三/（五）"


def test_theme_appears_twice_with_the_same_text(notice) -> None:  # type: ignore[no-untyped-def]
    assert [t.text for t in notice.themes] == ["增强质量意识 推进高质量发展"] * 2


def test_annexes_slogans_contact_distribution(notice) -> None:  # type: ignore[no-untyped-def]
    assert {k: len(v) for k, v in notice.annexes.items()} == {1: 23, 2: 9, 3: 32, 4: 0}
    assert [o for o, _ in notice.slogans] == list(range(1, 10))
    assert notice.slogans[8][1].text == "弘扬工匠精神 推动品质革命"
    assert (notice.contact_office, notice.contact_name) == ("市场监管总局质量发展局", "蔡煜刚")
    assert notice.contact_phones == ["010-82262033", "010-82260622（传真）"]
    assert notice.contact_email == "caiyugang@samr.gov.cn"
    assert notice.copied_to is not None and notice.copied_to.text == "国家药监局，有关联合会、协会。"
    assert notice.public and len(notice.attachments) == 4 and notice.unplaced == []


def test_text_without_structure_is_refused_with_its_line() -> None:
    with pytest.raises(LoadError, match="no recognizable notice structure") as info:
        parse_structure(normalize("\n\n2023年的一段话，没有任何标题。\n"))
    assert info.value.details["line"] == 3


def test_text_without_a_year_is_refused() -> None:
    with pytest.raises(LoadError, match="year"):
        parse_structure(normalize("一、活动主题\n\n质量\n"))


def test_an_item_announcing_a_list_takes_its_numbered_points() -> None:
    from loaders.normalize import normalize

    text = (
        "市市场监管局决定于2025年9月开展“质量月”活动。\n\n一、活动主题\n\n质量筑基\n\n二、重点活动\n\n（一）开展宣传。市市场监管局组织开展宣传。\n\n"
        "（二）开展区县特色活动。各区县重点安排如下：\n\n1.锦江区开展质量承诺活动。\n\n2.武侯区举办质量大讲堂。\n\n"
        "（三）开展群众性质量活动。市总工会举办技能竞赛。\n"
    )
    s = parse_structure(normalize(text))
    assert [(i.section, i.ordinal) for i in s.key_arrangements] == [("二/（一）", 1), ("二/（二）", 2), ("二/（三）", 3)]
    assert s.key_arrangements[1].span.text.endswith("2.武侯区举办质量大讲堂。")
