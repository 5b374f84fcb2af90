"""What every schema module shares: the Node interface, provenance, page info, and the
props → GraphQL object registry (each type registers itself; no module imports them all)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import strawberry
from strawberry.types import Info

from graph_api.errors import NotFound
from graph_api.schema.context import Context

Props = dict[str, Any]
CtxInfo = Info[Context, None]
C = TypeVar("C")

# Stored label → how to build its GraphQL object from node properties.
_BUILDERS: dict[str, Callable[[Props], Any]] = {}


def builds(*labels: str) -> Callable[[C], C]:
    """Class decorator: the type's ``from_props`` builds nodes of ``labels``."""

    def register(cls: C) -> C:
        for label in labels:
            _BUILDERS[label] = cls.from_props  # type: ignore[attr-defined]
        return cls

    return register


def to_type(props: Props) -> Any:
    """The GraphQL object for stored node properties (dispatch on the node's label)."""
    builder = _BUILDERS.get(str(props.get("label")))
    if builder is None:
        raise NotFound(f"node {props['id']!r} has no GraphQL type", id=props["id"])
    return builder(props)


async def load_nodes(info: CtxInfo, ids: list[str]) -> list[Any]:
    """Typed objects for ids, batched with every other load of this level."""
    found = await info.context.node_loader.load_many(ids)
    return [to_type(p) for p in found if p is not None]


def typed(info: CtxInfo, rows: list[Props]) -> list[Any]:
    """Typed objects for node properties a statement returned (remembered for this request)."""
    info.context.prime(rows)
    return [to_type(p) for p in rows]


@strawberry.interface(description="Anything with a stable id; `node(id:)` resolves it.")
class Node:
    id: strawberry.ID = strawberry.field(description="Stable id, e.g. `region:310000`, `activity:2023:附件3/九/1`.")


@strawberry.type(
    description="Where a fact was read. `start`/`end` are character offsets in the loader's "
    "normalized text (page breaks joined, spaces folded), not in the shipped file; `line` "
    "and `column` point into the original file."
)
class Source:
    section: str = strawberry.field(description="Section path, e.g. `附件3/九`.")
    text: str = strawberry.field(description="The sentence the fact was read from.")
    start: int = strawberry.field(description="Start offset in the normalized text.")
    end: int = strawberry.field(description="End offset (exclusive) in the normalized text.")
    line: int = strawberry.field(description="1-based line in the original file where the sentence starts.")
    column: int | None = strawberry.field(
        description="1-based column in the original file where the sentence starts; "
        "null when the loader did not record it."
    )
    original: str | None = strawberry.field(
        description="The sentence as the file wrote it, when that differs from `text` (a notice in "
        "traditional script is read through OpenCC into simplified characters); null otherwise."
    )


def source_of(props: Props) -> Source | None:
    """The provenance stored on a node, if any."""
    if props.get("src_text") is None:
        return None
    return Source(
        section=props["src_section"],
        text=props["src_text"],
        start=props["src_start"],
        end=props["src_end"],
        line=props["src_line"],
        column=props.get("src_column", props.get("column")),
        original=props.get("src_original"),
    )


@strawberry.type(description="Relay page information.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="Whether items follow this page in the whole list.")
    has_previous_page: bool = strawberry.field(
        description="Whether items precede this page in the whole list (true after a cursor that is not the start)."
    )
    start_cursor: str | None = strawberry.field(
        description="Cursor of the page's first item; pass as `before` (with `last`) for the previous page."
    )
    end_cursor: str | None = strawberry.field(
        description="Cursor of the page's last item; pass as `after` for the next page."
    )
