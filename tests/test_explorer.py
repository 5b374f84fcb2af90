"""The graph explorer in headless Chromium (Debian's chromium, driven by playwright-core)."""

from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
from pathlib import Path

import httpx

from graph_api.store.embedded import free_port
from tests.test_cli import _serve

ROOT = Path(__file__).resolve().parents[1]
STATIC = ROOT / "graph_api" / "static"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def test_explorer_searches_and_expands(tmp_path: Path) -> None:
    node = shutil.which("node")
    assert node and Path(CHROMIUM).exists(), "make test installs node packages and Debian's chromium"
    port = free_port()
    proc = _serve(tmp_path / "data", port)
    shot = tmp_path / "explorer.png"
    try:
        result = subprocess.run(
            [node, str(ROOT / "js" / "explorer-e2e.mjs"), f"http://127.0.0.1:{port}", str(shot), CHROMIUM],
            capture_output=True, text=True, timeout=180, cwd=ROOT,
        )
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout)
    assert "arrangement:2023:5" in report["results"]
    assert report["before"] == 0 and report["nodes"] > 3
    assert report["errors"] == [] and report["outside"] == []
    assert report["details"].strip()
    assert shot.stat().st_size > 10_000
    print(f"explorer screenshot: {shot}")


def test_no_served_page_references_an_outside_host(tmp_path: Path) -> None:
    port = free_port()
    proc = _serve(tmp_path / "data", port)
    try:
        pages = {
            "/": httpx.get(f"http://127.0.0.1:{port}/").text,
            "/graphql": httpx.get(f"http://127.0.0.1:{port}/graphql", headers={"accept": "text/html"}).text,
        }
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    for path, html in pages.items():
        refs = re.findall(r'(?:src|href)="([^"]+)"', html)
        assert refs, path
        assert [r for r in refs if not r.startswith("/")] == [], path
    for asset in STATIC.rglob("*"):
        if asset.suffix in {".html", ".css"} or asset.name == "explorer.js":
            text = asset.read_text(encoding="utf-8")
            assert not re.search(r"""(?:src|href)\s*=\s*["']https?://|url\(\s*["']?https?://|@import""", text), asset
