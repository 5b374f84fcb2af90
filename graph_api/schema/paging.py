"""Relay-style offset cursors and page-size rules."""

from __future__ import annotations

import base64
import binascii

from graph_api.errors import BadUserInput, LimitExceeded
from graph_api.settings import Settings

CURSOR_PREFIX = "qg1:"


def encode_cursor(offset: int) -> str:
    """An opaque cursor for the item at ``offset``."""
    return base64.urlsafe_b64encode(f"{CURSOR_PREFIX}{offset}".encode()).decode()


def decode_cursor(cursor: str) -> int:
    """The offset inside a cursor; BAD_USER_INPUT when it is not one of ours."""
    try:
        raw = base64.urlsafe_b64decode(cursor.encode()).decode()
        if not raw.startswith(CURSOR_PREFIX):
            raise ValueError
        offset = int(raw[len(CURSOR_PREFIX) :])
        if offset < 0:
            raise ValueError
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise BadUserInput(f"malformed cursor {cursor!r}", argument="after") from None
    return offset


def page_bounds(settings: Settings, first: int | None, after: str | None) -> tuple[int, int]:
    """(start, size) of a page; ``first`` over the maximum is LIMIT_EXCEEDED."""
    size = settings.default_page if first is None else first
    if size < 0:
        raise BadUserInput(f"first must be at least 0, got {size}", argument="first")
    if size > settings.max_page:
        raise LimitExceeded(f"first may be at most {settings.max_page}, got {size}", argument="first")
    start = decode_cursor(after) + 1 if after else 0
    return start, size
