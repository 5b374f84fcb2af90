"""The model registry as the explorer reads it: one label table, served as ``/model.json``.

Kinds (with colours), relation types, roles and activity types, each with its Chinese name,
all taken from ``loaders/model.py`` and ``loaders/taxonomy.py``; the page declares none itself.
"""

from __future__ import annotations

from typing import Any

from loaders.model import NODE_KINDS, REL_KINDS, ROLES
from loaders.taxonomy import ACTIVITY_TYPE_NAMES


def display_model() -> dict[str, Any]:
    """Every display name and colour the explorer shows, keyed by the names the API returns."""
    return {
        "kinds": [
            {"kind": k.kind, "typename": k.label, "zh": k.zh, "colour": k.colour, "actor": k.actor} for k in NODE_KINDS
        ],
        "relations": {r.name: r.zh for r in REL_KINDS},
        "roles": dict(ROLES),
        "activityTypes": dict(ACTIVITY_TYPE_NAMES),
    }
