"""The graph explorer in headless Chromium (Debian's chromium, driven by playwright-core)."""

from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
from pathlib import Path
from typing import Any

import httpx

from graph_api.store.embedded import free_port
from loaders.model import NODE_KINDS, REL_BY_NAME, ROLES
from loaders.taxonomy import ACTIVITY_TYPE_NAMES
from tests.test_cli import _serve

ROOT = Path(__file__).resolve().parents[1]
STATIC = ROOT / "graph_api" / "static"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def _explore(tmp_path: Path) -> tuple[dict[str, Any], Path]:
    node = shutil.which("node")
    assert node and Path(CHROMIUM).exists(), "make test installs node packages and Debian's chromium"
    port = free_port()
    proc = _serve(tmp_path / "data", port)
    shot = tmp_path / "explorer.png"
    try:
        result = subprocess.run(
            [node, str(ROOT / "js" / "explorer-e2e.mjs"), f"http://127.0.0.1:{port}", str(shot), CHROMIUM],
            capture_output=True,
            text=True,
            timeout=180,
            cwd=ROOT,
        )
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    assert result.returncode == 0, (result.stdout[-3000:], result.stderr[-2000:])
    return json.loads(result.stdout), shot


# Names the API uses that a reader of the Chinese page should never see.
ENGLISH_NAMES = sorted(
    {k.kind for k in NODE_KINDS} | set(REL_BY_NAME) | set(ROLES) | set(ACTIVITY_TYPE_NAMES), key=len, reverse=True
)
UNAVAILABLE = "图数据库暂时无法访问，请稍后再试；如果问题持续，请联系管理员检查数据服务。"


def test_explorer_speaks_chinese_lays_out_without_overlap_and_stays_local(tmp_path: Path) -> None:
    report, shot = _explore(tmp_path)
    assert report["errors"] == [] and report["outside"] == []
    assert report["favicon"] == {"status": 200, "type": "image/x-icon"}
    # the legend: every kind of the registry, in Chinese
    assert report["legend"] == [[k.kind, k.zh] for k in NODE_KINDS]
    # search hits are titled by name, never by id
    titles = {hit["id"]: hit["text"] for hit in report["namedHits"]}
    assert titles["contact:2023"] == "蔡煜刚，市场监管总局质量发展局"
    assert titles["notice:2023"] == "2023年全国“质量月”活动通知"
    assert all(hit["text"] != hit["id"] for hit in report["namedHits"])
    # the notice hub: a truncated neighbourhood says so; reset empties the view
    assert report["hub"]["nodes"] == 60 and report["hub"]["overlaps"] == []
    assert "更多未显示" in report["hub"]["note"]
    assert report["hubMore"]["nodes"] == 200 and report["hubMore"]["overlaps"] == []  # "显示更多"
    assert report["afterReset"] == {"nodes": 0, "note": True}
    # search, expand three results: Chinese labels, no overlapping node boxes
    assert "arrangement:2023:5" in report["results"]
    assert report["before"] == 0 and report["nodes"] > 10
    assert report["overlaps"] == []
    assert set(report["edgeLabels"]) <= {r.zh for r in REL_BY_NAME.values()}
    assert all(re.search(r"[\u4e00-\u9fff]", label) for label in report["nodeLabels"])
    assert "监督抽查" in report["details"] and "牵头" in report["details"] and report["detailLinks"] >= 2
    leaked = [n for n in ENGLISH_NAMES if re.search(rf"(?<![A-Za-z_]){n}(?![A-Za-z_])", report["text"])]
    assert leaked == []
    # campaigns, events, documents and topics link their activities
    assert report["race"] == "topic:首席质量官"  # the later click's details, though the earlier answer came last
    linked = report["linked"]
    assert linked["campaign:剑网2023"] == {
        "headings": ["别名", "参与单位", "相关活动（1）"],
        "links": ["activity:2023:附件1/二/1"],
    }
    assert linked["event:中国质量（成都）大会"]["headings"][-1] == "相关活动（1）"
    assert linked["event:中国质量（成都）大会"]["links"] == ["activity:2023:附件1/一/1"]
    assert linked["document:质量强国建设纲要"]["headings"] == ["引用它的活动（5）"]
    assert len(linked["document:质量强国建设纲要"]["links"]) == 5
    assert (
        linked["topic:首席质量官"]["headings"][-1] == "相关活动（12）"
        and len(linked["topic:首席质量官"]["links"]) == 12
    )
    assert all(link.startswith("activity:") for entry in linked.values() for link in entry["links"])
    # the store down: one readable Chinese sentence, no socket error
    assert report["unavailable"] == {"atStart": UNAVAILABLE, "onSearch": UNAVAILABLE}
    assert shot.stat().st_size > 10_000
    print(f"explorer screenshot: {shot}")


def test_vendored_layout_is_the_locked_npm_release() -> None:
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    for package, file in [
        ("layout-base", "layout-base.js"),
        ("cose-base", "cose-base.js"),
        ("cytoscape-fcose", "cytoscape-fcose.js"),
    ]:
        installed = ROOT / "node_modules" / package
        version = json.loads((installed / "package.json").read_text(encoding="utf-8"))["version"]
        assert version == lock[f"node_modules/{package}"]["version"]
        assert (STATIC / "vendor" / file).read_bytes() == (installed / file).read_bytes(), file
        assert (STATIC / "vendor" / f"LICENSE.{package}").read_bytes() == (installed / "LICENSE").read_bytes()


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
