"""A notice's identity: who issued it, for which jurisdiction and level, its number and date.

The national notice of a year keeps the id ``notice:<year>`` (clients rely on it); a local one
is ``notice:<year>:<GB/T 2260 code of its jurisdiction>``, with a short hash of its 文号 when it
has one ("粤市监质〔2023〕318号" → ``notice:2023:440000:5d2c1a``), so two notices never share an
id and a reload replaces only the same notice.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from loaders import divisions
from loaders.layout import DATE_LINE, cn_number
from loaders.structure import NoticeStructure

# Words that place a notice below the national level when no issuer names a division.
# Example: "决定于2024年9月在全县联合开展" (the jurisdiction stays unknown)
LOCAL_SCOPE = re.compile(r"在全(?:省|市|县|区|州|盟|旗)")


@dataclass(frozen=True)
class NoticeIdentity:
    """The notice's id key ("2023", "2023:440000:…"), level, jurisdiction code and dates."""

    key: str
    level: str  # NATIONAL, PROVINCIAL, CITY, COUNTY
    code: str | None
    document_number: str | None
    issued_on: str | None  # ISO date of the signature's date line

    @property
    def notice_id(self) -> str:
        """The Notice node's id."""
        return f"notice:{self.key}"

    @property
    def jurisdiction(self) -> str | None:
        """The jurisdiction's name ("广东省"), None for a national notice."""
        return divisions.name_of(self.code) if self.code else None


def iso_date(line: str | None) -> str | None:
    """ "2023年8月25日" or "二〇二三年八月二十五日" → "2023-08-25"."""
    if not line or not (m := DATE_LINE.match(line)):
        return None
    year, month, day = (cn_number(g) for g in m.groups())
    return f"{year:04d}-{month:02d}-{day:02d}"


def issuers(structure: NoticeStructure) -> list[str]:
    """Texts that name the issuer, most telling first: title, then the signatories."""
    return [t for t in (structure.title, *structure.signatories) if t]


def identify(structure: NoticeStructure, context: str = "") -> NoticeIdentity:
    """The notice's identity from its title, signatories, 文号 and date line."""
    year = structure.year
    code = next((c for text in issuers(structure) if (c := divisions.division_at_start(text, context))), None)
    number = structure.doc_number
    issued_on = iso_date(structure.date)
    if code is None:
        if LOCAL_SCOPE.search(structure.preamble.text if structure.preamble else ""):
            key = f"{year}:local:{_short_hash(number or (structure.title or '') + (structure.date or ''))}"
            return NoticeIdentity(key, "LOCAL", None, number, issued_on)
        return NoticeIdentity(str(year), "NATIONAL", None, number, issued_on)
    key = f"{year}:{code}" + (f":{_short_hash(number)}" if number else "")
    return NoticeIdentity(key, divisions.level_of(code), code, number, issued_on)


def _short_hash(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:6]
