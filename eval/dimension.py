"""One scored dimension: true and false positives, false negatives, precision and recall."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Score:
    """Counts of one dimension, and what was missed or added (shown with ``-v``)."""

    name: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, predicted: Iterable[Any], expected: Iterable[Any], where: str = "") -> None:
        p, e = set(predicted), set(expected)
        self.tp += len(p & e)
        self.fp += len(p - e)
        self.fn += len(e - p)
        self.errors += [f"FP {where} {x}" for x in sorted(map(str, p - e))]
        self.errors += [f"FN {where} {x}" for x in sorted(map(str, e - p))]

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
