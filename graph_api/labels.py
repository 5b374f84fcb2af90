"""The model registry as the explorer reads it: one label table, served as ``/model.json``.

Kinds (with colours), relation types, roles and activity types, each with its Chinese name,
all taken from ``loaders/model.py`` and ``loaders/taxonomy.py``; the page declares none itself.
"""

from __future__ import annotations

from typing import Any

from loaders.model import KIND_BY_LABEL, LINKS, NODE_KINDS, REL_KINDS, ROLES
from loaders.taxonomy import ACTIVITY_TYPE_NAMES


def _camel(name: str) -> str:
    """A Python field name as GraphQL spells it (``key_arrangements`` → ``keyArrangements``)."""
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def display_model() -> dict[str, Any]:
    """Every display name and colour the explorer shows, keyed by the names the API returns."""
    return {
        "kinds": [
            {"kind": k.kind, "typename": k.label, "zh": k.zh, "colour": k.colour, "actor": k.actor} for k in NODE_KINDS
        ],
        "relations": {r.name: r.zh for r in REL_KINDS},
        # What activities link to: Activity's field, the target's type, kind and name field,
        # whether it has its own activities (named), and the heading of that list.
        "links": [
            {
                "field": _camel(link.field),
                "typename": link.target,
                "kind": KIND_BY_LABEL[link.target].kind,
                "nameField": KIND_BY_LABEL[link.target].name_field,
                "named": bool(link.scope and link.listed_doc),
                "actors": link.explorer_actors,
                "heading": link.zh,
            }
            for link in LINKS
        ],
        "roles": dict(ROLES),
        "activityTypes": dict(ACTIVITY_TYPE_NAMES),
    }
