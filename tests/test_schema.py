"""schema.graphql is generated from the code, and every contract operation validates."""

from pathlib import Path

import pytest
from graphql import build_schema, parse, validate

from graph_api.schema import schema_sdl
from tests.conftest import SHARED

ROOT = Path(__file__).resolve().parents[1]
CONTRACT = sorted((SHARED / "contract").glob("*.graphql"))


def test_schema_file_equals_the_code() -> None:
    assert (ROOT / "schema.graphql").read_text(encoding="utf-8") == schema_sdl(), (
        "schema.graphql is stale: run `make schema`"
    )


def test_contract_is_present() -> None:
    assert len(CONTRACT) == 10


@pytest.mark.parametrize("path", CONTRACT, ids=lambda p: p.name)
def test_contract_operation_validates(path: Path) -> None:
    schema = build_schema((ROOT / "schema.graphql").read_text(encoding="utf-8"))
    assert validate(schema, parse(path.read_text(encoding="utf-8"))) == []
