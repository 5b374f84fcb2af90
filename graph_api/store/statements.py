"""The statement catalog of one dialect, with allow-listed label and type substitution."""

from __future__ import annotations

from cypher import Generated, Q, UnknownStatementError, load_catalog
from graph_api.errors import UnknownStatement
from loaders.model import NODE_LABELS, REL_TYPES

LABEL_SLOT = "__LABEL__"
TYPE_SLOT = "__TYPE__"


class Catalog:
    """All statements of a dialect, read once at start-up."""

    def __init__(self, dialect: str) -> None:
        try:
            self._texts = load_catalog(dialect)
        except UnknownStatementError as exc:
            raise UnknownStatement(str(exc)) from exc
        self.dialect = dialect

    def text(self, name: Q | Generated, *, label: str | None = None, rel_type: str | None = None) -> str:
        """The statement text, with ``__LABEL__``/``__TYPE__`` filled from the allow-list.

        A compiled statement (:class:`cypher.Generated`) comes as it is: the compiler already
        took its labels and types from the allow-list.
        """
        if isinstance(name, Generated):
            return name.text_for(self.dialect)
        try:
            text = self._texts[Q(name)]
        except (KeyError, ValueError):
            raise UnknownStatement(f"unknown statement {name!r}", statement=str(name)) from None
        if LABEL_SLOT in text:
            if label not in NODE_LABELS:
                raise UnknownStatement(f"{name}: label {label!r} is not allowed", statement=name)
            text = text.replace(LABEL_SLOT, label)
        if TYPE_SLOT in text:
            if rel_type not in REL_TYPES:
                raise UnknownStatement(f"{name}: type {rel_type!r} is not allowed", statement=name)
            text = text.replace(TYPE_SLOT, rel_type)
        return text
