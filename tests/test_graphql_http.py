"""GraphQL over HTTP to the letter: every graphql-http server audit is `ok`, SHOULDs included."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
from pathlib import Path

from graph_api.store.embedded import free_port
from tests.test_cli import _serve

ROOT = Path(__file__).resolve().parents[1]


def test_graphql_http_audits_all_pass(tmp_path: Path) -> None:
    node = shutil.which("node")
    assert node, "node is required"
    port = free_port()
    proc = _serve(tmp_path, port)
    try:
        result = subprocess.run(
            [node, str(ROOT / "js" / "audit-graphql-http.mjs"), f"http://127.0.0.1:{port}/graphql"],
            capture_output=True, text=True, timeout=120, cwd=ROOT, check=True,
        )
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    audits = json.loads(result.stdout)
    assert len(audits) >= 60
    assert [(a["status"], a["name"], a["detail"]) for a in audits if a["status"] != "ok"] == []
    print(f"graphql-http audits: {len(audits)} ok")


def test_graphql_response_media_type_and_status(tmp_path: Path) -> None:
    from starlette.testclient import TestClient

    from graph_api.app import create_app
    from graph_api.settings import Settings

    app = create_app(Settings(data_dir=tmp_path / "d", load_if_empty=False))
    with TestClient(app) as client:
        accept = {"accept": "application/graphql-response+json"}
        bad = client.post("/graphql", json={"query": "{"}, headers=accept)
        assert bad.status_code == 400 and "data" not in bad.json()
        assert bad.headers["content-type"].startswith("application/graphql-response+json")
        legacy = client.post("/graphql", json={"query": "{"})
        assert legacy.status_code == 200 and legacy.headers["content-type"].startswith("application/json")
        ok = client.post("/graphql", json={"query": "{ __typename }"}, headers=accept)
        assert ok.status_code == 200 and ok.json() == {"data": {"__typename": "Query"}}
        get = client.get("/graphql", params={"query": "{ __typename }"}, headers=accept)
        assert get.json() == {"data": {"__typename": "Query"}}
