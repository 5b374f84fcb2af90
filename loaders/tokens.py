"""Tokens of the portable search index: character bigrams of each run of word characters.

Chinese has no spaces, so words are not split out; every two adjacent characters form a
token. "抽查" is a token of "监督抽查" and of "产品质量国家监督抽查", which is what makes a
short query find the longer phrases. The index and the query use the same function.
"""

from __future__ import annotations

import re
import unicodedata

# Queries close spaces by the loader's own rule: "剑网 2023" = "剑网2023", "QC 小组" = "QC小组".
from loaders.normalize import LOOSE_SPACE

# A run of characters that belong to words: CJK ideographs, letters, digits.
# Example: "剑网2023专项行动" is one run; "“双随机、一公开”" gives two runs.
WORD_RUN = re.compile(r"[\w]+", re.UNICODE)


def fold(text: str) -> str:
    """Width- and case-folded text with inner spaces between CJK and digits removed."""
    text = unicodedata.normalize("NFKC", text).lower()
    return LOOSE_SPACE.sub("", text)


def tokens(text: str) -> set[str]:
    """The bigram tokens of ``text`` (single characters for one-character runs)."""
    out: set[str] = set()
    for run in WORD_RUN.findall(fold(text)):
        if len(run) == 1:
            out.add(run)
        out.update(run[i : i + 2] for i in range(len(run) - 1))
    return out


def query_parts(text: str) -> list[str]:
    """The phrases of a query (split on white space), folded; empty ones dropped."""
    return [part for part in (fold(p) for p in text.split()) if part]
