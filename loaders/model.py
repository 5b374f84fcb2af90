"""The graph model, declared once: node kinds and relation types with their names and looks.

Everything else reads this registry: the loaders (labels of the records they make), the store
(labels and relationship types are substituted into statements only from here, never from user
input), the GraphQL schema (enums and descriptions), the exports and the explorer (colours and
Chinese display names).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

# Every domain node also carries the ENTITY label (indexed on ``id``, and by the full-text
# index search reads).
ENTITY = "Entity"
# The one node that holds the load's version.
META = "Meta"


class Label(StrEnum):
    """Node labels (also the GraphQL type names). Code names them only through this enum."""

    NOTICE = "Notice"
    SECTION = "Section"
    THEME = "Theme"
    SLOGAN = "Slogan"
    CONTENT_ITEM = "ContentItem"
    KEY_ARRANGEMENT = "KeyArrangement"
    REQUIREMENT = "Requirement"
    ACTIVITY = "Activity"
    CAMPAIGN = "Campaign"
    EVENT = "Event"
    DOCUMENT = "Document"
    TOPIC = "Topic"
    STANDARD = "Standard"
    PRODUCT_CATEGORY = "ProductCategory"
    CONTACT = "Contact"
    ORGANIZER = "Organizer"
    REGION = "Region"
    ASSOCIATION = "Association"
    ORGANIZATION = "Organization"


class Rel(StrEnum):
    """Relationship types. Code names them only through this enum."""

    HAS_THEME = "HAS_THEME"
    HAS_SLOGAN = "HAS_SLOGAN"
    HAS_CONTENT_ITEM = "HAS_CONTENT_ITEM"
    HAS_KEY_ARRANGEMENT = "HAS_KEY_ARRANGEMENT"
    HAS_REQUIREMENT = "HAS_REQUIREMENT"
    HAS_CONTACT = "HAS_CONTACT"
    HAS_ACTIVITY = "HAS_ACTIVITY"
    ORGANIZED_BY = "ORGANIZED_BY"
    ADDRESSED_TO = "ADDRESSED_TO"
    COPIED_TO = "COPIED_TO"
    RUNS = "RUNS"
    PART_OF = "PART_OF"
    CITES = "CITES"
    ABOUT = "ABOUT"
    IMPLEMENTS = "IMPLEMENTS"
    COVERS = "COVERS"
    HOSTS = "HOSTS"
    CONTACT_OF = "CONTACT_OF"
    APPLIES = "APPLIES"
    WITHIN = "WITHIN"


@dataclass(frozen=True)
class NodeKind:
    """One kind of node: its label, id prefix, display field, colour, names."""

    label: Label  # Cypher label and GraphQL type name, e.g. "KeyArrangement"
    id_prefix: str  # ids look like "<prefix>:…", e.g. "arrangement:2023:1"
    name_field: str  # the property a person reads as its name
    colour: str  # explorer colour
    zh: str  # Chinese display name
    description: str  # one line for the schema and the docs
    actor: bool = False

    @property
    def kind(self) -> str:
        """The enum value (and the ``kind`` property stored on the node), e.g. "KEY_ARRANGEMENT"."""
        return self.label.name


@dataclass(frozen=True)
class RelType:
    """One relationship type: its Chinese display name, what it means, which kinds it joins."""

    name: Rel
    zh: str
    description: str
    source: tuple[Label, ...]
    target: tuple[Label, ...]


@dataclass(frozen=True)
class Link:
    """How activities link to one kind (``(Activity)-[rel]->(target)``) and how that shows in the API.

    Everything that lists, filters, scopes, counts or shows these links is generated from this
    table: the query compiler (filters, nested scopes, facets), the GraphQL fields and filter
    inputs, the explorer (through ``/model.json``) and the loader's linking loop.
    """

    rel: Rel
    target: Label
    field: str  # Activity's list of targets (snake case; GraphQL camelCases it), e.g. "campaigns"
    field_doc: str  # its description
    filter_key: str | None = None  # ActivityFilter's id filter, e.g. "campaign"
    filter_doc: str = ""
    scope: str | None = None  # the target type gets paged ``activities`` and ``actors`` (and a root list)
    facet: str | None = None  # ActivityFacets.by<Facet>, e.g. "campaign"
    listed_doc: str = ""  # the root list of every target some activity links to (with ``scope``)
    reverse: str = "linked to it"  # the activities seen from the target: "Activities <reverse>"
    zh: str = "相关活动"  # explorer heading of the target's activities
    explorer_actors: bool = True  # the explorer lists the actors of the target's activities
    identifies: bool = True  # the target names the work itself (links activities to arrangements)


NODE_KINDS: tuple[NodeKind, ...] = (
    NodeKind(Label.NOTICE, "notice", "title", "#12355b", "通知", "One year's Quality Month notice."),
    NodeKind(Label.SECTION, "section", "title", "#9aa5b1", "章节", "A numbered part of a notice."),
    NodeKind(Label.THEME, "theme", "text", "#f0b429", "活动主题", "The year's activity theme."),
    NodeKind(Label.SLOGAN, "slogan", "text", "#ffbb78", "宣传口号", "A publicity slogan (附件4)."),
    NodeKind(Label.CONTENT_ITEM, "content", "title", "#aec7e8", "活动内容", "An item of 活动内容."),
    NodeKind(
        Label.KEY_ARRANGEMENT, "arrangement", "title", "#bcbd22", "重点安排",
        "A key arrangement (重点安排) of the national programme.",
    ),
    NodeKind(Label.REQUIREMENT, "requirement", "title", "#c5b0d5", "工作要求", "A work requirement (工作要求)."),
    NodeKind(Label.ACTIVITY, "activity", "title", "#ff7f0e", "活动", "One atomic activity of a notice."),
    NodeKind(
        Label.CAMPAIGN, "campaign", "name", "#d62728", "专项行动",
        "A named programme or special action (专项行动): 剑网2023, “双随机、一公开” …",
    ),
    NodeKind(
        Label.EVENT, "event", "name", "#e377c2", "会议/展会",
        "A conference, forum or exhibition; forums are part of their conference.",
    ),
    NodeKind(Label.DOCUMENT, "document", "name", "#7f7f7f", "文件", "A policy or plan cited as 《…》."),
    NodeKind(
        Label.TOPIC, "topic", "name", "#17becf", "议题",
        "A recurring subject: 首席质量官, 质量管理小组 (QC小组), 一站式 …",
    ),
    NodeKind(
        Label.STANDARD, "standard", "name", "#6b4c9a", "标准",
        "A national, sector, local or group standard cited by code (GB/T 19001) or title (《…》地方标准).",
    ),
    NodeKind(
        Label.PRODUCT_CATEGORY, "products", "name", "#98df8a", "产品类别",
        "A class of products named for supervision (e.g. 重点工业产品).",
    ),
    NodeKind(Label.CONTACT, "contact", "name", "#c49c94", "联系人", "The notice's contact person."),
    NodeKind(Label.ORGANIZER, "organizer", "name", "#1f77b4", "主办单位", "A government body (部委局署 …).", True),
    NodeKind(
        Label.REGION, "region", "name", "#2ca02c", "地区",
        "A region: province, prefecture or county level (GB/T 2260 coded), township or zone (no code).", True,
    ),
    NodeKind(Label.ASSOCIATION, "association", "name", "#9467bd", "协会", "An association or federation.", True),
    NodeKind(Label.ORGANIZATION, "organization", "name", "#8c564b", "其他机构", "Any other body.", True),
)  # fmt: skip

_ACTORS = (Label.ORGANIZER, Label.REGION, Label.ASSOCIATION, Label.ORGANIZATION)
_SECTIONS = (Label.CONTENT_ITEM, Label.KEY_ARRANGEMENT, Label.REQUIREMENT)
_N, _A = (Label.NOTICE,), (Label.ACTIVITY,)

REL_KINDS: tuple[RelType, ...] = (
    RelType(Rel.HAS_THEME, "主题", "Notice → its Theme.", _N, (Label.THEME,)),
    RelType(Rel.HAS_SLOGAN, "口号", "Notice → a Slogan.", _N, (Label.SLOGAN,)),
    RelType(Rel.HAS_CONTENT_ITEM, "活动内容", "Notice → a ContentItem.", _N, (Label.CONTENT_ITEM,)),
    RelType(Rel.HAS_KEY_ARRANGEMENT, "重点安排", "Notice → a KeyArrangement.", _N, (Label.KEY_ARRANGEMENT,)),
    RelType(Rel.HAS_REQUIREMENT, "工作要求", "Notice → a Requirement.", _N, (Label.REQUIREMENT,)),
    RelType(Rel.HAS_CONTACT, "联系人", "Notice → its Contact.", _N, (Label.CONTACT,)),
    RelType(Rel.HAS_ACTIVITY, "包含活动", "Notice → an Activity it lists.", _N, _A),
    RelType(Rel.ORGANIZED_BY, "联合主办", "Notice → an organizer that issues it.", _N, _ACTORS),
    RelType(Rel.ADDRESSED_TO, "主送", "Notice → an addressee (主送).", _N, _ACTORS),
    RelType(Rel.COPIED_TO, "抄送", "Notice → a body copied (抄送).", _N, _ACTORS),
    RelType(Rel.RUNS, "开展", "Actor → Activity, with a role (LEAD, PARTNER, SUPPORT).", _ACTORS, _A),
    RelType(
        Rel.PART_OF, "属于", "Activity → Campaign or Event; Event → Event.",
        (Label.ACTIVITY, Label.EVENT), (Label.CAMPAIGN, Label.EVENT),
    ),
    RelType(Rel.CITES, "引用", "Activity → Document it cites.", (*_A, *_SECTIONS), (Label.DOCUMENT,)),
    RelType(
        Rel.ABOUT, "涉及", "Activity → Topic; KeyArrangement → Campaign or Event.",
        (*_A, Label.KEY_ARRANGEMENT), (Label.TOPIC, Label.CAMPAIGN, Label.EVENT),
    ),
    RelType(
        Rel.IMPLEMENTS, "落实",
        "Activity → the KeyArrangement it carries out; across notices (across: true): a local activity → "
        "a higher-level notice's item or activity, a local notice → the higher-level notices of its year.",
        (*_A, *_N), (Label.KEY_ARRANGEMENT, Label.CONTENT_ITEM, *_A, *_N),
    ),
    RelType(
        Rel.COVERS, "涉及产品", "Activity → ProductCategory.",
        (*_A, Label.KEY_ARRANGEMENT), (Label.PRODUCT_CATEGORY,),
    ),
    RelType(Rel.HOSTS, "承办", "Actor → Event it hosts.", _ACTORS, (Label.EVENT,)),
    RelType(Rel.CONTACT_OF, "所属", "Contact → the organizer it speaks for.", (Label.CONTACT,), _ACTORS),
    RelType(
        Rel.WITHIN, "隶属",
        "Region → the region it lies within (GB/T 2260 parent; a township or zone: its county or city).",
        (Label.REGION,), (Label.REGION,),
    ),
    RelType(
        Rel.APPLIES, "采用标准", "Activity → a Standard it applies, publicizes or releases.",
        (*_A, *_SECTIONS), (Label.STANDARD,),
    ),
)  # fmt: skip

# Activity → what it links to, in the order the API lists them.
LINKS: tuple[Link, ...] = (
    Link(
        Rel.PART_OF, Label.CAMPAIGN, "campaigns", "Campaigns (专项行动) it is part of.",
        "campaign", "Part of this campaign (id).", "campaign", "campaign",
        "Every campaign (专项行动 and named programmes) some activity is part of, by name.", "in it",
    ),
    Link(
        Rel.PART_OF, Label.EVENT, "events", "Events it is part of.",
        "event", "Part of this event (id).", "event", "event",
        "Every event (conference, forums, exhibition) some activity is part of, by name.", "in it",
    ),
    Link(
        Rel.CITES, Label.DOCUMENT, "documents", "Documents (《…》) it cites.",
        "document", "Cites this document (id), e.g. `document:质量强国建设纲要`.", "document", None,
        "Every document (《…》) some activity cites, by name.", "citing it", "引用它的活动", explorer_actors=False,
    ),
    Link(
        Rel.ABOUT, Label.TOPIC, "topics", "Topics it is about.",
        "topic", "About this topic (id).", "topic", "topic",
        "Every topic some activity is about, by name.", "about it", explorer_actors=False, identifies=False,
    ),
    Link(
        Rel.APPLIES, Label.STANDARD, "standards", "Standards (标准) it applies, publicizes or releases.",
        "standard", "Applies this standard (id), e.g. `standard:GB/T 19001`.", "standard", "standard",
        "Every standard (GB/T …, 《…》地方标准) some activity applies, by name.", "applying it", "采用它的活动",
    ),
    Link(Rel.COVERS, Label.PRODUCT_CATEGORY, "product_categories", "Classes of products it covers."),
    Link(
        Rel.IMPLEMENTS, Label.KEY_ARRANGEMENT, "key_arrangements",
        "Key arrangements (重点安排) this activity carries out.",
        scope="arrangement", reverse="carrying it out", zh="落实的活动", identifies=False,
    ),
)  # fmt: skip

ROLES: dict[str, str] = {"LEAD": "牵头", "PARTNER": "联合", "SUPPORT": "配合"}

KIND_BY_LABEL: dict[str, NodeKind] = {k.label: k for k in NODE_KINDS}
KIND_BY_NAME: dict[str, NodeKind] = {k.kind: k for k in NODE_KINDS}
REL_BY_NAME: dict[str, RelType] = {r.name: r for r in REL_KINDS}
LINK_BY_TARGET: dict[str, Link] = {link.target: link for link in LINKS}
# The links whose target has its own activities (a nested scope): scope name → link.
SCOPED_LINKS: dict[str, Link] = {link.scope: link for link in LINKS if link.scope}

ACTOR_LABELS = tuple(k.label for k in NODE_KINDS if k.actor)
NODE_LABELS = frozenset(KIND_BY_LABEL)
REL_TYPES = frozenset(REL_BY_NAME)

# Stored property keys that generated statements may name (filters, ordering, facets);
# the query compiler refuses any other key. The *_fold keys hold the text folded by
# ``loaders.tokens.fold`` (written by the store's writer) so filters compare like for like.
PROPERTY_KEYS = frozenset(
    {
        "id", "kind", "label", "owner", "year", "types", "search_text", "sort_key", "ordinal",
        "name", "name_folds", "title", "title_fold", "section_fold", "code", "role",
    }
)  # fmt: skip

assert {k.label for k in NODE_KINDS} == set(Label), "every label has a kind"
assert {r.name for r in REL_KINDS} == set(Rel), "every relation type is declared"
assert all(
    Label.ACTIVITY in REL_BY_NAME[link.rel].source and link.target in REL_BY_NAME[link.rel].target for link in LINKS
), "every link joins what its relation joins"


def node_id(label: Label, *parts: object) -> str:
    """The id of a ``label`` node: its kind's prefix and the parts, e.g. ``arrangement:2023:1``."""
    return ":".join((KIND_BY_LABEL[label].id_prefix, *(str(p) for p in parts)))


def kind_of(label: str) -> str:
    """The kind (enum value) of a node label, e.g. ``KEY_ARRANGEMENT`` for ``KeyArrangement``."""
    return KIND_BY_LABEL[label].kind
