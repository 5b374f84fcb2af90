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


def test_loaders_import_nothing_from_graph_api() -> None:
    """The loaders' own error type lives in loaders/; no module there names graph_api in an import."""
    import ast
    from pathlib import Path

    found = []
    for path in sorted(Path("loaders").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            found += [f"{path}:{node.lineno} {n}" for n in names if n.split(".")[0] == "graph_api"]
    assert found == []
