"""Relay pages, and the nested lists a node hangs from a scope of the model's links.

Every list comes from one compiled statement per level: a DataLoader batches the owners of
a level (``Context.batched``), node properties come from the per-request node loader.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from graph_api.compiler.ir import Pred
from graph_api.compiler.parse import activity_pred
from graph_api.compiler.queries import Page
from graph_api.schema.common import CtxInfo, Node, PageInfo, Props, typed
from graph_api.schema.enums import ActivityOrder, ActorRole
from graph_api.schema.filters import ActivityFilter
from graph_api.schema.paging import AFTER, BEFORE, FIRST, LAST, page_window, paged
from graph_api.store.repository import EMPTY_PAGE, PageRows

if TYPE_CHECKING:
    from graph_api.schema.activity import Activity
    from graph_api.schema.actors import Actor

YEAR = "Only activities of the notice of this year."


@strawberry.type(description="An activity in a connection, with its cursor.")
class ActivityEdge:
    cursor: str = strawberry.field(description="Opaque cursor; pass as `after` or `before`.")
    node: Annotated[Activity, strawberry.lazy("graph_api.schema.activity")] = strawberry.field(
        description="The activity."
    )


@strawberry.type(description="A Relay page of activities.")
class ActivityConnection:
    total_count: int = strawberry.field(description="Matching activities over all pages.")
    edges: list[ActivityEdge] = strawberry.field(description="The page, with cursors.")
    nodes: list[Annotated[Activity, strawberry.lazy("graph_api.schema.activity")]] = strawberry.field(
        description="The page."
    )
    page_info: PageInfo = strawberry.field(description="Whether more follow or precede, and the cursors to go on.")


def relay(info: CtxInfo, found: PageRows, page: Page, edge: type, connection_type: type) -> Any:
    """A Relay connection (of ``connection_type``, edges of ``edge``) from one page of node rows."""
    rows, cursors, page_info = paged(page, found)
    nodes = typed(info, rows)
    edges = [edge(cursor=c, node=n) for c, n in zip(cursors, nodes, strict=True)]
    return connection_type(total_count=found.total, edges=edges, nodes=nodes, page_info=page_info)


def connection(info: CtxInfo, found: PageRows, page: Page) -> ActivityConnection:
    """A Relay connection from one page of activity rows."""
    return relay(info, found, page, ActivityEdge, ActivityConnection)  # type: ignore[no-any-return]


def page_of(
    info: CtxInfo, first: int | None, after: str | None, last: int | None = None, before: str | None = None
) -> Page:
    """The offsets of a Relay page (limits checked)."""
    return page_window(info.context.settings, first, after, last, before)


async def scoped_activities(
    info: CtxInfo,
    scope: str,
    owner: str,
    pred: Pred,
    page: Page,
    order: ActivityOrder = ActivityOrder.DOCUMENT,
    role: ActorRole | None = None,
) -> ActivityConnection:
    """``owner``'s activities, one statement for every owner of this level asking the same."""
    role_value = role.name if role else None
    repo = info.context.repo

    def fetch(owners: list[str]) -> dict[str, PageRows]:
        return repo.scoped_activity_pages(scope, owners, pred, order.name, page, role_value)

    key = ("activities", scope, pred, order, page, role_value)
    return connection(info, await info.context.batched(key, owner, fetch, EMPTY_PAGE), page)


async def scoped_actors(info: CtxInfo, rel_type: str, owner: str, year: int | None) -> list[Any]:
    """Actors of the activities linked to ``owner`` (one statement per level)."""
    repo = info.context.repo

    def fetch(owners: list[str]) -> dict[str, list[Props]]:
        return repo.scoped_actors(rel_type, owners, year)

    rows: list[Props] = await info.context.batched(("actors", rel_type, year), owner, fetch, [])
    return typed(info, rows)


def scoped_activities_field(scope: str, description: str) -> Any:
    """The paged, filtered ``activities`` field of a node whose activities ``scope`` finds."""

    async def activities(
        self: Node,
        info: CtxInfo,
        first: Annotated[int | None, strawberry.argument(description=FIRST)] = None,
        after: Annotated[str | None, strawberry.argument(description=AFTER)] = None,
        filter: Annotated[ActivityFilter | None, strawberry.argument(description="Only matching activities.")] = None,
        last: Annotated[int | None, strawberry.argument(description=LAST)] = None,
        before: Annotated[str | None, strawberry.argument(description=BEFORE)] = None,
    ) -> ActivityConnection:
        page = page_of(info, first, after, last, before)
        return await scoped_activities(info, scope, str(self.id), activity_pred(filter), page)

    return strawberry.field(resolver=activities, description=description)


def scoped_actors_field(rel_type: str, description: str) -> Any:
    """The ``actors`` field of a node its activities link to by ``rel_type``."""

    async def actors(
        self: Node, info: CtxInfo, year: Annotated[int | None, strawberry.argument(description=YEAR)] = None
    ) -> list[Annotated[Actor, strawberry.lazy("graph_api.schema.actors")]]:
        return await scoped_actors(info, rel_type, str(self.id), year)

    return strawberry.field(resolver=actors, description=description)
