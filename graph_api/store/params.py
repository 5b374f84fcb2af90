"""Statement parameters the stores cannot take: NUL characters and lone surrogates.

FalkorDB's parser stops at a NUL and answers with its own parser text; a lone surrogate
(``"\\ud800"`` from JSON) cannot be encoded as UTF-8 by either driver. Both are the caller's
input, so they are refused as ``BAD_USER_INPUT`` naming the argument, before any round trip.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph_api.errors import BadUserInput

NUL = "\x00"


def unstorable(text: str) -> str | None:
    """Why ``text`` cannot be sent to a store (``None`` when it can)."""
    if NUL in text:
        return "a NUL character"
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            return "a lone surrogate"
    return None


def find_unstorable(value: Any) -> str | None:
    """The first reason any string inside ``value`` (lists, dicts, objects) cannot be stored."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            reason = unstorable(item)
            if reason:
                return reason
        elif isinstance(item, Mapping):
            stack.extend(item.values())
        elif isinstance(item, list | tuple | set | frozenset):
            stack.extend(item)
    return None


def check_params(params: Mapping[str, Any] | None) -> None:
    """Raise ``BadUserInput`` naming the parameter whose value a store cannot take."""
    for key, value in (params or {}).items():
        reason = find_unstorable(value)
        if reason:
            raise BadUserInput(f"argument {key!r} contains {reason}, which the store cannot take", argument=key)
