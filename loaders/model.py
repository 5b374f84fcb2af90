"""The graph model: the allow-list of node labels and relationship types.

The store substitutes labels and types into statements only from these sets, never from
user input.
"""

from __future__ import annotations

# Every domain node also carries the ENTITY label (indexed on ``id``).
ENTITY = "Entity"
# Search index nodes; not part of the domain graph (excluded from stats and exports).
TERM = "Term"

ACTOR_LABELS = ("Organizer", "Region", "Association", "Organization")
NODE_LABELS = frozenset(
    {
        "Notice",
        "Section",
        "Theme",
        "Slogan",
        "ContentItem",
        "KeyArrangement",
        "Requirement",
        "Activity",
        "Campaign",
        "Event",
        "Document",
        "Topic",
        "ProductCategory",
        "Contact",
        *ACTOR_LABELS,
    }
)

REL_TYPES = frozenset(
    {
        "HAS_THEME",
        "HAS_SLOGAN",
        "HAS_CONTENT_ITEM",
        "HAS_KEY_ARRANGEMENT",
        "HAS_REQUIREMENT",
        "HAS_CONTACT",
        "HAS_ACTIVITY",
        "ORGANIZED_BY",
        "ADDRESSED_TO",
        "COPIED_TO",
        "RUNS",
        "PART_OF",
        "CITES",
        "ABOUT",
        "IMPLEMENTS",
        "COVERS",
        "HOSTS",
        "CONTACT_OF",
    }
)
