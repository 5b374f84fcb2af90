from loaders.tokens import fold, query_parts, tokens


def test_bigrams_of_chinese_runs() -> None:
    assert tokens("监督抽查") == {"监督", "督抽", "抽查"}
    assert tokens("抽查") <= tokens("产品质量国家监督抽查")


def test_folding_closes_spaces_and_widths() -> None:
    assert fold("剑网 2023") == "剑网2023"
    assert fold("ＱＣ 小组") == "qc小组"
    assert query_parts("  质量  大会 ") == ["质量", "大会"]


def test_one_character_runs_are_kept() -> None:
    assert tokens("沪") == {"沪"}
