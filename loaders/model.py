"""The graph model, declared once: node kinds and relation types with their names and looks.

Everything else reads this registry: the loaders (labels of the records they make), the store
(labels and relationship types are substituted into statements only from here, never from user
input), the GraphQL schema (enums and descriptions), the exports and the explorer (colours and
Chinese display names).
"""

from __future__ import annotations

from dataclasses import dataclass

# Every domain node also carries the ENTITY label (indexed on ``id``).
ENTITY = "Entity"
# Search index nodes; not part of the domain graph (excluded from stats and exports).
TERM = "Term"
# The search index's relationship (Term → node) and the one node that holds the load's version.
INDEXES = "INDEXES"
META = "Meta"


@dataclass(frozen=True)
class NodeKind:
    """One kind of node: its label, id prefix, GraphQL type, display field, colour, names."""

    label: str  # Cypher label and GraphQL type name, e.g. "KeyArrangement"
    kind: str  # enum value, e.g. "KEY_ARRANGEMENT"
    id_prefix: str  # ids look like "<prefix>:…", e.g. "arrangement:2023:1"
    name_field: str  # the property a person reads as its name
    colour: str  # explorer colour
    zh: str  # Chinese display name
    description: str  # one line for the schema and the docs
    actor: bool = False


@dataclass(frozen=True)
class RelType:
    """One relationship type: its Chinese display name and what it means."""

    name: str
    zh: str
    description: str


NODE_KINDS: tuple[NodeKind, ...] = (
    NodeKind("Notice", "NOTICE", "notice", "title", "#12355b", "通知", "One year's Quality Month notice."),
    NodeKind("Section", "SECTION", "section", "title", "#9aa5b1", "章节", "A numbered part of a notice."),
    NodeKind("Theme", "THEME", "theme", "text", "#f0b429", "活动主题", "The year's activity theme."),
    NodeKind("Slogan", "SLOGAN", "slogan", "text", "#ffbb78", "宣传口号", "A publicity slogan (附件4)."),
    NodeKind("ContentItem", "CONTENT_ITEM", "content", "title", "#aec7e8", "活动内容", "An item of 活动内容."),
    NodeKind(
        "KeyArrangement", "KEY_ARRANGEMENT", "arrangement", "title", "#bcbd22", "重点安排",
        "A key arrangement (重点安排) of the national programme.",
    ),
    NodeKind("Requirement", "REQUIREMENT", "requirement", "title", "#c5b0d5", "工作要求", "A work requirement (工作要求)."),
    NodeKind("Activity", "ACTIVITY", "activity", "title", "#ff7f0e", "活动", "One atomic activity of a notice."),
    NodeKind("Campaign", "CAMPAIGN", "campaign", "name", "#d62728", "专项行动", "A named campaign or programme (剑网2023 …)."),
    NodeKind("Event", "EVENT", "event", "name", "#e377c2", "会议/展会", "A named conference, forum or exhibition."),
    NodeKind("Document", "DOCUMENT", "document", "name", "#7f7f7f", "文件", "A policy, plan or standard cited 《…》."),
    NodeKind("Topic", "TOPIC", "topic", "name", "#17becf", "议题", "A recurring topic (首席质量官, QC小组 …)."),
    NodeKind(
        "ProductCategory", "PRODUCT_CATEGORY", "products", "name", "#98df8a", "产品类别",
        "A class of products named for supervision (e.g. 重点工业产品).",
    ),
    NodeKind("Contact", "CONTACT", "contact", "name", "#c49c94", "联系人", "The notice's contact person."),
    NodeKind("Organizer", "ORGANIZER", "organizer", "name", "#1f77b4", "主办单位", "A government body (部委局署 …).", True),
    NodeKind(
        "Region", "REGION", "region", "name", "#2ca02c", "地区",
        "A region: province, prefecture or county level (GB/T 2260 coded), township or zone (no code).", True,
    ),
    NodeKind("Association", "ASSOCIATION", "association", "name", "#9467bd", "协会", "An association or federation.", True),
    NodeKind("Organization", "ORGANIZATION", "organization", "name", "#8c564b", "其他机构", "Any other body.", True),
)  # fmt: skip

REL_KINDS: tuple[RelType, ...] = (
    RelType("HAS_THEME", "主题", "Notice → its Theme."),
    RelType("HAS_SLOGAN", "口号", "Notice → a Slogan."),
    RelType("HAS_CONTENT_ITEM", "活动内容", "Notice → a ContentItem."),
    RelType("HAS_KEY_ARRANGEMENT", "重点安排", "Notice → a KeyArrangement."),
    RelType("HAS_REQUIREMENT", "工作要求", "Notice → a Requirement."),
    RelType("HAS_CONTACT", "联系人", "Notice → its Contact."),
    RelType("HAS_ACTIVITY", "包含活动", "Notice → an Activity it lists."),
    RelType("ORGANIZED_BY", "联合主办", "Notice → an organizer that issues it."),
    RelType("ADDRESSED_TO", "主送", "Notice → an addressee (主送)."),
    RelType("COPIED_TO", "抄送", "Notice → a body copied (抄送)."),
    RelType("RUNS", "开展", "Actor → Activity, with a role (LEAD, PARTNER, SUPPORT)."),
    RelType("PART_OF", "属于", "Activity → Campaign or Event; Event → Event."),
    RelType("CITES", "引用", "Activity → Document it cites."),
    RelType("ABOUT", "涉及", "Activity → Topic."),
    RelType(
        "IMPLEMENTS", "落实",
        "Activity → the KeyArrangement it carries out; across notices (across: true): a local activity → "
        "a higher-level notice's item or activity, a local notice → the higher-level notices of its year.",
    ),
    RelType("COVERS", "涉及产品", "Activity → ProductCategory."),
    RelType("HOSTS", "承办", "Actor → Event it hosts."),
    RelType("CONTACT_OF", "所属", "Contact → the organizer it speaks for."),
    RelType("WITHIN", "隶属", "Region → the region it lies within (GB/T 2260 parent; a township or zone: its county or city)."),
)

ROLES: dict[str, str] = {"LEAD": "牵头", "PARTNER": "联合", "SUPPORT": "配合"}

KIND_BY_LABEL: dict[str, NodeKind] = {k.label: k for k in NODE_KINDS}
KIND_BY_NAME: dict[str, NodeKind] = {k.kind: k for k in NODE_KINDS}
REL_BY_NAME: dict[str, RelType] = {r.name: r for r in REL_KINDS}

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
