"""Relay paging over offset cursors: page windows from `first`/`after`/`last`/`before`, and
the cursors and page info of the page a statement returned.

A cursor is the item's offset in the ordered list, so every direction costs the same one
statement: ``before`` bounds the window from above, ``last`` takes its end (without ``before``,
the statement takes the last items, as the total is not known before it runs).
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from graph_api.compiler.queries import Page
from graph_api.errors import BadUserInput, LimitExceeded
from graph_api.schema.common import PageInfo
from graph_api.settings import Settings
from graph_api.store.repository import PageRows

CURSOR_PREFIX = "qg1:"

FIRST = "Page size from the start (or from `after`); default 20, at most 100 (QGRAPH_DEFAULT_PAGE, QGRAPH_MAX_PAGE)."
AFTER = "Cursor of the item to continue after (`pageInfo.endCursor`)."
LAST = "Page size from the end (or from `before`), at most 100 (QGRAPH_MAX_PAGE); not with `first`."
BEFORE = "Cursor of the item to stop before (`pageInfo.startCursor`): pages backwards with `last`."


def encode_cursor(offset: int) -> str:
    """An opaque cursor for the item at ``offset``."""
    return base64.urlsafe_b64encode(f"{CURSOR_PREFIX}{offset}".encode()).decode()


def decode_cursor(cursor: str, argument: str = "after") -> int:
    """The offset inside a cursor; BAD_USER_INPUT when it is not one of ours."""
    try:
        raw = base64.urlsafe_b64decode(cursor.encode()).decode()
        if not raw.startswith(CURSOR_PREFIX):
            raise ValueError
        offset = int(raw[len(CURSOR_PREFIX) :])
        if offset < 0:
            raise ValueError
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise BadUserInput(f"malformed cursor {cursor!r}", argument=argument) from None
    return offset


def _size(settings: Settings, name: str, value: int) -> int:
    if value < 0:
        raise BadUserInput(f"{name} must be at least 0, got {value}", argument=name)
    if value > settings.max_page:
        raise LimitExceeded(f"{name} may be at most {settings.max_page}, got {value}", argument=name)
    return value


def page_window(
    settings: Settings,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Page:
    """The offsets of a Relay page; a size over the maximum is LIMIT_EXCEEDED."""
    if first is not None and last is not None:
        raise BadUserInput("pass `first` or `last`, not both", argument="last")
    low = decode_cursor(after) + 1 if after else 0
    high = decode_cursor(before, "before") if before else None
    if last is not None:
        size = _size(settings, "last", last)
        if high is None:
            return Page(None, size, floor=low)
        skip = max(high - size, low)
        return Page(skip, max(high - skip, 0))
    size = _size(settings, "first", settings.default_page if first is None else first)
    return Page(low, size if high is None else max(min(size, high - low), 0))


def paged(page: Page, found: PageRows) -> tuple[list[dict[str, Any]], list[str], PageInfo]:
    """The rows of the page, their cursors, and its page info (items before and after it in
    the whole list, whatever the window)."""
    rows = found.rows
    if page.skip is None:
        start = found.total - len(rows)
        dropped = max(page.floor - start, 0)  # `last` with `after`: nothing at or before `after`
        rows, start = rows[dropped:], start + dropped
    else:
        start = min(page.skip, found.total)
    cursors = [encode_cursor(start + i) for i in range(len(rows))]
    info = PageInfo(
        has_next_page=start + len(rows) < found.total,
        has_previous_page=start > 0,
        start_cursor=cursors[0] if cursors else None,
        end_cursor=cursors[-1] if cursors else None,
    )
    return rows, cursors, info
