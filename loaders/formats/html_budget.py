"""What reading one web page may cost, checked on its text before libxml2 parses it.

libxml2 recovers from what it will not parse by dropping it: a page of one 19 MB text node
or of 100,000 nested elements comes back empty, which read as "holds no text". Here such a
page is refused first, naming the limit: the longest run of text without markup, the number
of tags, and how deep elements nest (counted by a linear scan of the tags, ignoring void
elements and those whose end tag HTML lets a page leave out).
"""

from __future__ import annotations

import re

from loaders.errors import LoadError

MAX_TEXT_RUN = 1_000_000  # characters between two tags; a notice is ~30,000 characters in all
MAX_TAGS = 200_000  # a government page with its chrome has a few thousand
MAX_DEPTH = 200  # under libxml2's own 256, past which it drops elements without a word
# Start and end tags. Examples: "<div class=\"TRS_Editor\">", "</p>", "<br/>"
TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*?(/?)>")
VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                  "track", "wbr", "basefont", "frame", "keygen"))  # fmt: skip
OPTIONAL_END = frozenset(("p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot",
                          "colgroup", "caption", "rt", "rp", "html", "head", "body"))  # fmt: skip


def _refuse(what: str, limit: str) -> LoadError:
    return LoadError(f"this HTML file {what}", line=1, kind="HTML", limit=limit)


def check(text: str) -> None:
    """Refuse a page over a budget, before it is parsed."""
    longest = max((len(run) for run in text.split("<")), default=0)
    if longest > MAX_TEXT_RUN:
        raise _refuse(
            f"has {longest:,} characters of text without markup (more than {MAX_TEXT_RUN:,}); "
            "a notice's paragraphs are far shorter",
            "text run",
        )
    depth = deepest = tags = 0
    for match in TAG.finditer(text):
        tags += 1
        if tags > MAX_TAGS:
            raise _refuse(f"has more than {MAX_TAGS:,} tags; a notice's page has a few thousand", "tags")
        name = match.group(2).lower()
        if name in VOID or name in OPTIONAL_END or match.group(3):
            continue
        depth = max(depth - 1, 0) if match.group(1) else depth + 1
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            raise _refuse(f"nests elements more than {MAX_DEPTH} deep; a page is a few dozen deep", "depth")
