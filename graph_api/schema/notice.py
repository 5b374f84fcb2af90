"""The Notice type: theme, slogans, body structure, organizers, contact, distribution."""

from __future__ import annotations

from typing import Any

import strawberry

from graph_api.schema.types import (
    Contact,
    ContentItem,
    CtxInfo,
    KeyArrangement,
    Node,
    Organizer,
    Requirement,
    Slogan,
    Source,
    Theme,
    load_nodes,
    source_of,
)


@strawberry.type
class Notice(Node):
    """One year's national 质量月 notice."""

    year: int
    name: str
    declared_organizer_count: int | None = strawberry.field(
        description="The number of departments the notice declares (\"25 个部门\")."
    )
    recipients: list[str] = strawberry.field(description="主送, one entry per body.")
    recipient_scope: str | None = strawberry.field(description="The scope prefixing 主送.")
    copied_to: list[str] = strawberry.field(description="抄送.")
    attachments: list[str]
    public: bool
    source: Source | None

    @classmethod
    def from_props(cls, props: dict[str, Any]) -> Notice:
        """Build from stored node properties."""
        return cls(
            id=strawberry.ID(props["id"]),
            year=props["year"],
            name=props.get("name") or "",
            declared_organizer_count=props.get("declared_organizer_count"),
            recipients=props.get("recipients") or [],
            recipient_scope=props.get("recipient_scope"),
            copied_to=props.get("copied_to") or [],
            attachments=props.get("attachments") or [],
            public=bool(props.get("public")),
            source=source_of(props),
        )

    async def _children(self, info: CtxInfo, rel: str, **where: Any) -> list[Any]:
        # Sibling fields (theme, slogans, …) share one batched round trip.
        targets = await info.context.links_loader.load((str(self.id), rel))
        ids = [t for t, props in targets if all(props.get(k) == v for k, v in where.items())]
        return await load_nodes(info, ids)

    @strawberry.field
    async def theme(self, info: CtxInfo) -> Theme | None:
        found = await self._children(info, "HAS_THEME")
        return found[0] if found else None

    @strawberry.field
    async def slogans(self, info: CtxInfo) -> list[Slogan]:
        return await self._children(info, "HAS_SLOGAN")

    @strawberry.field
    async def content_items(self, info: CtxInfo) -> list[ContentItem]:
        return await self._children(info, "HAS_CONTENT_ITEM")

    @strawberry.field
    async def key_arrangements(self, info: CtxInfo) -> list[KeyArrangement]:
        return await self._children(info, "HAS_KEY_ARRANGEMENT")

    @strawberry.field
    async def requirements(self, info: CtxInfo) -> list[Requirement]:
        return await self._children(info, "HAS_REQUIREMENT")

    @strawberry.field(description="The organizers listed in 附件1, in their order.")
    async def organizers(self, info: CtxInfo) -> list[Organizer]:
        return await self._organizers(info, listed=True)

    @strawberry.field(
        description="Organizers counted in the declared number but not listed, inferred from 主送."
    )
    async def suggested_organizers(self, info: CtxInfo) -> list[Organizer]:
        return await self._organizers(info, listed=False)

    async def _organizers(self, info: CtxInfo, *, listed: bool) -> list[Organizer]:
        return await self._children(info, "ORGANIZED_BY", listed=listed)

    @strawberry.field
    async def contact(self, info: CtxInfo) -> Contact | None:
        found = await self._children(info, "HAS_CONTACT")
        return found[0] if found else None
