"""A government web page's main text, site chrome dropped (lxml's HTML parser).

The page is parsed once; navigation, headers, footers, scripts and elements whose class or
id names chrome (menu, share, breadcrumb …) are removed; the main text is the deepest element
that still holds nearly all of the page's Chinese text.
"""

from __future__ import annotations

import re

import lxml.html
from lxml.etree import _Element

from loaders.formats import html_budget

# Declared character set. Examples: '<meta charset="gb2312">', 'content="text/html; charset=GBK"'
CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)
# Tags whose content is not the page's visible text (chrome, code, form controls, embedded objects).
DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe",
             "select", "button", "template", "svg", "textarea", "object", "embed", "applet", "noembed",
             "noframes", "datalist", "canvas", "audio", "video", "map", "input", "title")  # fmt: skip
# Inline styles that hide an element. Examples: "display:none", "visibility: hidden", "font-size:0"
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?:px|pt|em)?\s*(?:;|$)", re.I)
# class/id words of site chrome. Examples: class="breadcrumb", id="footer", class="share-bar"
CHROME = re.compile(
    r"nav|menu|footer|header|breadcrumb|crumb|share|sidebar|related|copyright|toolbar|print|search|login|banner|"
    r"topbar|bottom|foot|guide|location|position",
    re.IGNORECASE,
)
BLOCK_TAGS = frozenset((
    "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table", "ul",
    "ol", "blockquote", "pre", "dd", "dt", "main", "center", "td", "th",
))  # fmt: skip
CJK = re.compile(r"[\u3400-\u9fff]")
# The main text holds at least this share of the page's Chinese characters.
MAIN_SHARE = 0.85
WHITE = re.compile(r"[ \t\u00a0\r\n]+")


def _decode(raw: bytes) -> str:
    """Valid UTF-8 is UTF-8 whatever the page declares (GB18030 would read it as garbage);
    otherwise the declared charset, then GB18030."""
    declared = CHARSET.search(raw[:4096])
    codecs = [declared.group(1).decode("ascii").lower()] if declared else []
    for codec in ["utf-8", *codecs, "gb18030"]:
        codec = "gb18030" if codec in ("gb2312", "gbk", "gb_2312-80") else codec
        try:
            return raw.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
    return raw.decode("utf-8", errors="replace")


def _is_chrome(element: _Element) -> bool:
    names = f"{element.get('class') or ''} {element.get('id') or ''}"
    return bool(names.strip()) and CHROME.search(names) is not None


def _hidden(element: _Element) -> bool:
    """Not shown to a reader: the ``hidden`` attribute, ``aria-hidden``, or a hiding style."""
    return (
        element.get("hidden") is not None
        or (element.get("aria-hidden") or "").strip().lower() == "true"
        or HIDDEN_STYLE.search(element.get("style") or "") is not None
    )


def _main(body: _Element) -> _Element:
    """The deepest element holding MAIN_SHARE of the page's Chinese text (one pass, bottom up)."""
    elements = list(body.iter())
    counts: dict[_Element, int] = {}
    for element in reversed(elements):
        own = len(CJK.findall(element.text or "")) if isinstance(element.tag, str) else 0
        counts[element] = own + sum(counts[c] + len(CJK.findall(c.tail or "")) for c in element)
    total = counts[body] or 1
    best = body
    for element in elements:  # document order: a deeper qualifying element comes later
        if isinstance(element.tag, str) and counts[element] >= MAIN_SHARE * total:
            best = element
    return best


def _render(element: _Element) -> str:
    """Text with a blank line between blocks, spaces inside a line kept as one."""
    out: list[str] = []

    def walk(node: _Element) -> None:
        block = isinstance(node.tag, str) and node.tag.lower() in BLOCK_TAGS
        if block:
            out.append("\n\n")
        if node.text and isinstance(node.tag, str):
            out.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                out.append(child.tail)
        if block:
            out.append("\n\n")

    walk(element)
    lines = (WHITE.sub(" ", line).strip() for line in "".join(out).split("\n"))
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _drop(element: _Element) -> None:
    """Remove an element and its children, keeping the text after it (its tail)."""
    parent = element.getparent()
    assert parent is not None
    previous = element.getprevious()
    if element.tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def html_text(raw: bytes) -> str:
    """The main, visible text of a web page, one paragraph a line, blank lines between."""
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", _decode(raw))
    html_budget.check(text)
    root = lxml.html.document_fromstring(text)
    for element in list(root.iter()):
        if element.getparent() is None:
            continue
        # comments and processing instructions, chrome and hidden elements
        unseen = not isinstance(element.tag, str) or element.tag.lower() in DROP_TAGS or _hidden(element)
        if unseen or _is_chrome(element):
            _drop(element)
    body = root.find("body")
    return _render(_main(body if body is not None else root))
