"""Dependencies point one way: loaders never import a database client or the API."""

import subprocess
import sys

FORBIDDEN = ("neo4j", "falkordb", "redis", "strawberry", "starlette", "graph_api.store", "graph_api.schema")


def test_loaders_import_no_database_client() -> None:
    code = (
        "import sys, loaders.reader, loaders.notice, loaders.tokens;"
        "print(','.join(sorted(m for m in sys.modules)))"
    )
    modules = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split(",")
    assert [m for m in modules if m.split(".")[0] in FORBIDDEN or m in FORBIDDEN] == []
