from loaders.normalize import normalize
from loaders.reader import bundled_notice

RAW = bundled_notice()[1].decode()


def test_page_breaks_are_repaired_exactly_where_the_pdf_split_words() -> None:
    doc = normalize(RAW)
    assert [(r.line, r.before, r.after) for r in doc.repairs] == [
        (15, "步提高产品、", "工程和服务质"),
        (23, "质量强国深入", "人心。大力开"),
        (35, "力度。开展危", "害食品药品安"),
        (47, "职工“五小”", "创新大赛。在"),
        (150, "程质量控制管", "理典型项目交"),
        (172, "质量强国建设", "纲要》专题课"),
        (188, "。启动“赣质", "通”质量基础"),
        (206, "，举办质量创", "新成果大赛，"),
    ]


def test_repaired_phrases_read_whole() -> None:
    text = normalize(RAW).text
    for phrase in ("开展危害食品药品安全犯罪案件", "全过程质量控制管理典型项目", "《质量强国建设纲要》专题课",
                   "“赣质通”", "质量创新成果大赛", "“五小”创新大赛", "深入人心"):
        assert phrase in text


def test_spaces_around_digits_close_but_spaces_between_chinese_phrases_stay() -> None:
    text = normalize(RAW).text
    assert "剑网2023" in text and "剑网 2023" not in text
    assert "2023年9月" in text and "覆盖142种" in text and "QC小组" in text
    assert "增强质量意识 推进高质量发展" in text


def test_half_width_punctuation_next_to_chinese_becomes_full_width() -> None:
    text = normalize(RAW).text
    assert "知识竞赛活动，开展企业质量技术应用调查" in text
    assert "主送：各省" in text and "https://www.samr.gov.cn/zlfzj/" in text


def test_offsets_map_back_to_original_lines() -> None:
    doc = normalize(RAW)
    assert doc.line_of(doc.text.index("开展危害食品")) == 35
    assert doc.line_of(doc.text.index("害食品药品")) == 37  # the fragment after the page break
    assert doc.offsets[doc.text.index("害食品药品")] == RAW.index("害食品药品")
    assert doc.line_of(doc.text.index("中国钢铁工业协会")) == 148


def test_crlf_input_normalizes_like_lf() -> None:
    assert normalize(RAW.replace("\n", "\r\n")).text == normalize(RAW).text
