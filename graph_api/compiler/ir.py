"""The filter IR: boolean predicates over one node (and the edge that reached it).

Every node is hashable, so a predicate can key a DataLoader or a cache. Property keys and
relationship types are checked against the model's allow-list when a node is built.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from loaders.model import ENTITY, NODE_LABELS, PROPERTY_KEYS, REL_TYPES


class CompileError(ValueError):
    """A predicate names a key, label or type outside the model's allow-list."""


class Op(StrEnum):
    """How a property is compared with a parameter."""

    EQ = "eq"  # v.key = $p
    IN = "in"  # v.key IN $p
    CONTAINS = "contains"  # v.key CONTAINS $p
    STARTS_WITH = "starts_with"  # v.key STARTS WITH $p
    HAS = "has"  # $p IN v.key (a list property holds the value)
    HAS_ANY = "has_any"  # some element of the list property is in $p
    CONTAINS_ALL = "contains_all"  # the string property contains every string of $p


class Quant(StrEnum):
    """Quantifiers over the nodes a relation reaches."""

    SOME = "some"
    NONE = "none"
    ALL = "all"


Value = str | int | tuple[str, ...]


@dataclass(frozen=True)
class Prop:
    """A comparison of one property of the node (or of the edge that reached it)."""

    key: str
    op: Op
    value: Value
    on_edge: bool = False

    def __post_init__(self) -> None:
        if self.key not in PROPERTY_KEYS:
            raise CompileError(f"property {self.key!r} is not in the model's allow-list")


@dataclass(frozen=True)
class Text:
    """String operators that must all hold of one value: the property itself, or, when
    ``many``, of at least one element of a list property."""

    key: str
    ops: tuple[tuple[Op, Value], ...]
    many: bool = False

    def __post_init__(self) -> None:
        if self.key not in PROPERTY_KEYS:
            raise CompileError(f"property {self.key!r} is not in the model's allow-list")
        if any(op not in (Op.EQ, Op.IN, Op.CONTAINS, Op.STARTS_WITH) for op, _ in self.ops):
            raise CompileError("string operators are eq, in, contains and startsWith")


@dataclass(frozen=True)
class And:
    """Every part holds (no parts: true)."""

    parts: tuple[Pred, ...]


@dataclass(frozen=True)
class Or:
    """At least one part holds (no parts: false)."""

    parts: tuple[Pred, ...]


@dataclass(frozen=True)
class Not:
    """The part does not hold."""

    part: Pred


@dataclass(frozen=True)
class Rel:
    """A quantifier over the nodes one relation reaches: ``(v)-[:type]->(:label)`` when
    ``outgoing``, else ``(v)<-[:type]-(:label)``; ``where`` may test the edge too. With
    ``chain``, over the nodes a chain of zero or more such edges reaches (``-[:type*0..]->``,
    ``v`` itself included): the regions a region lies within; ``where`` then tests no edge."""

    quant: Quant
    rel_type: str
    outgoing: bool
    label: str
    where: Pred
    chain: bool = False

    def __post_init__(self) -> None:
        if self.rel_type not in REL_TYPES:
            raise CompileError(f"relationship type {self.rel_type!r} is not in the model")
        if self.label not in NODE_LABELS and self.label != ENTITY:
            raise CompileError(f"label {self.label!r} is not in the model")


@dataclass(frozen=True)
class Indexed:
    """The full-text index holds every one of ``tokens`` for the node.

    Implied by a text condition beside it (the parser adds it only where that holds), so it
    is never tested by itself: it lets a statement start from the index instead of a scan.
    """

    tokens: tuple[str, ...]


Pred = Prop | Text | And | Or | Not | Rel | Indexed

TRUE = And(())


def conj(*parts: Pred) -> Pred:
    """The conjunction of ``parts``, flattened, with the trivially true ones dropped."""
    flat: list[Pred] = []
    for part in parts:
        if isinstance(part, And):
            flat.extend(part.parts)
        else:
            flat.append(part)
    return flat[0] if len(flat) == 1 else And(tuple(flat))


def has_rel(pred: Pred) -> bool:
    """Whether ``pred`` quantifies over a relation anywhere."""
    if isinstance(pred, Rel):
        return True
    if isinstance(pred, And | Or):
        return any(has_rel(p) for p in pred.parts)
    if isinstance(pred, Not):
        return has_rel(pred.part)
    return False
