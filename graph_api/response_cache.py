"""Answers kept per graph version: a repeated question costs a lookup until the next load.

The graph changes only when a load lands, and every load changes the store's version
(:meth:`GraphStore.version`). An answer is therefore keyed by the version it was read from,
with the document, variables, operation name and everything else that shapes the bytes
(the caller's role where introspection or metrics depend on it, the response media type).
The first lookup under a new version drops every older answer: invalidation is exact, with no
time-to-live. The cache is bounded by bytes (least recently used answers go first).
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class CachedAnswer:
    """An answer as it was computed (shaped for each client's media type when sent) and the
    bytes it takes, counted once when it is kept."""

    value: Any
    size: int


def answer_key(version: str, query: str, variables: Any, operation_name: Any, *vary: str) -> str:
    """A stable key for one question asked of one graph version (also the answer's ETag)."""
    canonical = json.dumps(
        # As sent: `operationName: 0` or `variables: 0` must not share the key of an absent one.
        [version, query, variables, operation_name, *vary],
        ensure_ascii=True,  # escapes lone surrogates too: any string a client sends has a key
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class ResponseCache:
    """Answers of the current graph version, at most ``max_bytes`` of them."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.hits = 0
        self.misses = 0
        self.bytes = 0
        self._version: str | None = None
        self._answers: OrderedDict[Hashable, CachedAnswer] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._answers)

    def get(self, version: str, key: Hashable, count_miss: bool = True) -> CachedAnswer | None:
        """The answer under ``key`` if it was read from ``version``; counts a hit, or a miss
        (unless ``count_miss``: a lookup that another lookup of the same request follows)."""
        with self._lock:
            self._follow(version)
            answer = self._answers.get(key)
            if answer is None:
                self.misses += count_miss
                return None
            self._answers.move_to_end(key)
            self.hits += 1
            return answer

    def put(self, version: str, key: Hashable, answer: CachedAnswer) -> bool:
        """Keep ``answer``, read from ``version``; whether it is kept (too large an answer, or
        one of an older version than the answers held, is not)."""
        size = answer.size
        if size > self.max_bytes // 4:
            return False
        with self._lock:
            self._follow(version)
            if version != self._version:
                return False
            old = self._answers.pop(key, None)
            if old is not None:
                self.bytes -= old.size
            self._answers[key] = answer
            self.bytes += size
            while self.bytes > self.max_bytes:
                _, dropped = self._answers.popitem(last=False)
                self.bytes -= dropped.size
            return True

    def _follow(self, version: str) -> None:
        """A newer version than the answers held: drop them all (a load landed)."""
        if version != self._version:
            self._answers.clear()
            self.bytes = 0
            self._version = version
