"""The contact block of a notice: person, office, phones, e-mail, one field or several a line.

Examples: "联系人：市场监管总局质量发展局 蔡煜刚", "电 话：010—82262033、82260622（传真）",
"联系人：张三  联系电话：010-66668888  电子邮箱：…".
"""

from __future__ import annotations

import re

from loaders import layout as L
from loaders.notice_parts import NoticeStructure, Span


def read_contact(n: NoticeStructure, line: Span) -> bool:
    """Read a contact line into ``n``; False when it holds no contact field."""
    fields = L.CONTACT_FIELDS.split(line.text)
    if len(fields) > 1:
        found = False
        for text in fields:
            start = line.start + line.text.index(text)
            found |= _field(n, Span(start, start + len(text), text))
        return found
    return _field(n, line)


def _field(n: NoticeStructure, line: Span) -> bool:
    text = line.text
    if m := L.CONTACT_PERSON.match(text):
        parts = m.group(1).split()
        phones = [p for p in parts if L.PHONE.fullmatch(p)]
        words = [p for p in parts if p not in phones]
        if words and L.PERSON_NAME.match(words[-1]):
            n.contact_name = n.contact_name or words[-1]
            n.contact_office = n.contact_office or (" ".join(words[:-1]) or None)
        n.contact_phones += _phones("、".join(phones)) if phones else []
        n.contact_span = n.contact_span or line
        return True
    if m := L.CONTACT_PHONE.match(text):
        n.contact_phones += _phones(m.group(1))
        return True
    if m := L.CONTACT_EMAIL.match(text):
        n.contact_email = n.contact_email or m.group(1)
        return True
    return False


def _phones(raw: str) -> list[str]:
    """ "010—82262033、82260622（传真）" → ["010-82262033", "010-82260622（传真）"]."""
    parts = [p.strip() for p in re.split(r"[、，,；]", raw) if p.strip()]
    out, area = [], ""
    for part in parts:
        part = re.sub(r"[—–－]", "-", part)
        if m := re.match(r"^(\d{3,4})-", part):
            area = m.group(1)
        elif area and re.match(r"^\d{7,8}", part):
            part = f"{area}-{part}"
        out.append(part)
    return out
