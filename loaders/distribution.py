"""The 主送 and 抄送 lists: each body once, parentheses kept whole, shared prefixes restored.

"农业农村（农牧）、畜牧兽医、渔业厅（局、委）" is one addressee (the agriculture, animal husbandry
and fishery departments, whatever each province calls them): its first parts do not end in a
body's name. "中国人民银行上海总部、各分行、营业管理部" are three branches of 中国人民银行: the
later parts take the prefix back.
"""

from __future__ import annotations

import re

from loaders import lexicon

# The scope that prefixes the first group of 主送. Example: "各省、自治区、直辖市和新疆生产建设兵团市场监管局"
RECIPIENT_SCOPE = re.compile(r"^(各省、自治区、直辖市(?:和新疆生产建设兵团)?)")
# How an addressee's name ends (a trailing "（…）" of variants is ignored).
# Examples: "…厅", "…主管部门", "…中心支行", "各直属海关", "工商联"
BODY_END = re.compile(
    r"(?:厅|局|委|部门|部|院|会|社|联|所|行|署|海关|总部|机构|办|室|处|中心|政府|管委|兵团|协会|联合会)$"
)
PARENTHETICAL = re.compile(r"（[^（）]*）$")


def _split_outside(text: str, separators: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in text:
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(depth - 1, 0)
        if depth == 0 and ch in separators:
            parts.append("".join(current).strip())
            current = []
            continue
        current.append(ch)
    parts.append("".join(current).strip())
    return [p for p in parts if p]


def _is_body(name: str) -> bool:
    bare = name
    while PARENTHETICAL.search(bare):
        bare = PARENTHETICAL.sub("", bare)
    return BODY_END.search(bare) is not None


def _group(entries: list[str]) -> list[str]:
    """Merge parts that are not a body's name with the parts after them; restore prefixes."""
    merged: list[str] = []
    pending: list[str] = []
    for entry in entries:
        pending.append(entry)
        if _is_body(entry):
            merged.append("、".join(pending))
            pending = []
    if pending:
        merged.append("、".join(pending))
    head = lexicon.actor_at(merged[0]) if merged else None
    if head is None:
        return merged
    prefix = next(f for f in sorted(head.surface_forms, key=len, reverse=True) if merged[0].startswith(f))
    if merged[0] == prefix:
        return merged
    return [merged[0], *(m if lexicon.actor_at(m) else prefix + m for m in merged[1:])]


def split_recipients(text: str) -> tuple[list[str], str | None]:
    """The 主送 list: each body once, with the scope that prefixes the first group."""
    text = text.strip().rstrip("。")
    scope = None
    if m := RECIPIENT_SCOPE.match(text):
        scope, text = m.group(1), text[m.end() :]
    out: list[str] = []
    for group in _split_outside(text, "，,；;"):
        for name in _group(_split_outside(group, "、")):
            if name not in out:
                out.append(name)
    return out, scope


def split_copied(text: str) -> list[str]:
    """The 抄送 list split on "，" outside parentheses; "有关联合会、协会" stays one entry."""
    return [p.rstrip("。") for p in _split_outside(text.strip().rstrip("。"), "，,；;") if p.rstrip("。")]
