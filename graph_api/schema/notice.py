"""The Notice type and its parts: theme, slogans, body structure, organizers, contact."""

from __future__ import annotations

from typing import Any

import strawberry

from graph_api.schema.common import CtxInfo, Node, Props, Source, builds, load_nodes, source_of
from graph_api.schema.linked import implemented_by_field
from graph_api.schema.nodes import KeyArrangement, Organizer, numbered_item
from loaders.model import Label, Rel


@builds(Label.THEME)
@strawberry.type(description="The year's activity theme (活动主题).")
class Theme(Node):
    text: str = strawberry.field(description="The theme, e.g. `增强质量意识 推进高质量发展`.")
    occurrences: int = strawberry.field(description="How often the notice states it.")

    @classmethod
    def from_props(cls, props: Props) -> Theme:
        """From stored node properties."""
        return cls(id=strawberry.ID(props["id"]), text=props["text"], occurrences=props.get("occurrences") or 0)


@builds(Label.SLOGAN)
@strawberry.type(description="A publicity slogan (附件4).")
class Slogan(Node):
    ordinal: int = strawberry.field(description="Its number, from 1.")
    text: str = strawberry.field(description="The slogan.")

    @classmethod
    def from_props(cls, props: Props) -> Slogan:
        """From stored node properties."""
        return cls(id=strawberry.ID(props["id"]), ordinal=props["ordinal"], text=props["text"])


@strawberry.type(description="A numbered item of the notice's body (the base of its item types; not in the schema).")
class BodyItem(Node):
    ordinal: int = strawberry.field(description="Its number, from 1.")
    title: str = strawberry.field(description="Its heading.")
    source: Source = strawberry.field(description="Where it was read.")

    @classmethod
    def from_props(cls, props: Props) -> Any:
        """From stored node properties."""
        return numbered_item(cls, props)


@builds(Label.CONTENT_ITEM)
@strawberry.type(description="An item of 二、活动内容.")
class ContentItem(BodyItem):
    implemented_by = implemented_by_field("this content item")


@builds(Label.REQUIREMENT)
@strawberry.type(description="An item of 四、工作要求.")
class Requirement(BodyItem):
    pass


@builds(Label.CONTACT)
@strawberry.type(description="The notice's contact person.")
class Contact(Node):
    name: str | None = strawberry.field(description="Name.")
    office: str | None = strawberry.field(description="Office.")
    phones: list[str] = strawberry.field(description="Phone numbers as written (fax marked 传真).")
    email: str | None = strawberry.field(description="E-mail address.")

    @classmethod
    def from_props(cls, props: Props) -> Contact:
        """From stored node properties."""
        return cls(
            id=strawberry.ID(props["id"]),
            name=props.get("name"),
            office=props.get("office"),
            phones=props.get("phones") or [],
            email=props.get("email"),
        )


@builds(Label.NOTICE)
@strawberry.type(description="One 质量月 notice: the national one of a year, or a provincial, city or county one.")
class Notice(Node):
    year: int = strawberry.field(description="The year it is for.")
    name: str = strawberry.field(description="A readable title.")
    declared_organizer_count: int | None = strawberry.field(
        description='The number of departments the notice declares ("25 个部门").'
    )
    recipients: list[str] = strawberry.field(description="主送, one entry per body.")
    recipient_scope: str | None = strawberry.field(description="The scope prefixing 主送.")
    copied_to: list[str] = strawberry.field(description="抄送.")
    attachments: list[str] = strawberry.field(description="Titles of its annexes (附件).")
    public: bool = strawberry.field(description="Whether it is marked for public release.")
    source: Source | None = strawberry.field(description="Where its preamble was read.")
    level: str = strawberry.field(
        description="Who issued it: `NATIONAL`, `PROVINCIAL`, `CITY`, `COUNTY` (or `LOCAL` when the "
        "issuing jurisdiction is not recognized)."
    )
    jurisdiction: str | None = strawberry.field(
        description="The issuing jurisdiction's name (`广东省`, `成都市`); null for a national notice."
    )
    jurisdiction_code: str | None = strawberry.field(
        description="The issuing jurisdiction's GB/T 2260 code (`440000`); null for a national notice."
    )
    document_number: str | None = strawberry.field(description="Its 文号, e.g. `粤市监质〔2023〕318号`.")
    issued_on: str | None = strawberry.field(description="The date of its signature, ISO `YYYY-MM-DD`.")

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
            level=props.get("level") or "NATIONAL",
            jurisdiction=props.get("jurisdiction"),
            jurisdiction_code=props.get("code"),
            document_number=props.get("document_number"),
            issued_on=props.get("issued_on"),
        )

    async def _children(self, info: CtxInfo, rel: str, **where: Any) -> list[Any]:
        # Sibling fields (theme, slogans, …) share one batched round trip.
        targets = await info.context.links_loader.load((str(self.id), rel))
        ids = [t for t, props in targets if all(props.get(k) == v for k, v in where.items())]
        return await load_nodes(info, ids)

    @strawberry.field(description="The activity theme.")
    async def theme(self, info: CtxInfo) -> Theme | None:
        found = await self._children(info, Rel.HAS_THEME)
        return found[0] if found else None

    @strawberry.field(description="Publicity slogans, in order.")
    async def slogans(self, info: CtxInfo) -> list[Slogan]:
        return await self._children(info, Rel.HAS_SLOGAN)

    @strawberry.field(description="Items of 活动内容, in order.")
    async def content_items(self, info: CtxInfo) -> list[ContentItem]:
        return await self._children(info, Rel.HAS_CONTENT_ITEM)

    @strawberry.field(description="Key arrangements (重点安排), in order.")
    async def key_arrangements(self, info: CtxInfo) -> list[KeyArrangement]:
        return await self._children(info, Rel.HAS_KEY_ARRANGEMENT)

    @strawberry.field(description="Work requirements (工作要求), in order.")
    async def requirements(self, info: CtxInfo) -> list[Requirement]:
        return await self._children(info, Rel.HAS_REQUIREMENT)

    @strawberry.field(description="The organizers listed in 附件1, in their order.")
    async def organizers(self, info: CtxInfo) -> list[Organizer]:
        return await self._organizers(info, listed=True)

    @strawberry.field(description="Organizers counted in the declared number but not listed, inferred from 主送.")
    async def suggested_organizers(self, info: CtxInfo) -> list[Organizer]:
        return await self._organizers(info, listed=False)

    async def _organizers(self, info: CtxInfo, *, listed: bool) -> list[Organizer]:
        return await self._children(info, Rel.ORGANIZED_BY, listed=listed)

    @strawberry.field(
        description="The higher-level notices of its year this (local) notice carries out: the national one, "
        "its province's, its city's; linked whichever was loaded first."
    )
    async def implements(self, info: CtxInfo) -> list[Notice]:
        return await self._children(info, Rel.IMPLEMENTS)

    @strawberry.field(
        description="The lower-level notices of its year that carry this one out (the reverse of `implements`): "
        "for the national notice, every provincial, city and county notice of that year loaded."
    )
    async def implemented_by(self, info: CtxInfo) -> list[Notice]:
        sources = await info.context.backlinks_loader.load((str(self.id), Rel.IMPLEMENTS))
        return await load_nodes(info, [s for s, _ in sources])

    @strawberry.field(description="The contact person.")
    async def contact(self, info: CtxInfo) -> Contact | None:
        found = await self._children(info, Rel.HAS_CONTACT)
        return found[0] if found else None
