"""Read a notice file: refuse empty, binary and non-UTF-8 input with a clear reason."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from graph_api.errors import LoadError
from loaders.notice import build_graph
from loaders.records import GraphData

BUNDLED = "quality-month-2023.txt"


def bundled_notice() -> tuple[str, bytes]:
    """The notice shipped inside the package: (name, bytes)."""
    data = resources.files("loaders") / "data" / BUNDLED
    return BUNDLED, data.read_bytes()


def decode(raw: bytes, name: str) -> str:
    """UTF-8 text of ``raw``, or a LoadError that says why not and where."""
    if not raw.strip():
        raise LoadError(f"{name}: the file is empty", source=name, line=1)
    if b"\x00" in raw[:4096]:
        raise LoadError(f"{name}: this is a binary file, not notice text", source=name, line=1)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        try:
            raw.decode("gb18030")
        except UnicodeDecodeError:
            reason = "is not UTF-8 text"
        else:
            reason = "looks GBK/GB18030-encoded; convert it with `iconv -f GB18030 -t UTF-8`"
        raise LoadError(f"{name}: line {line} {reason}", source=name, line=line) from None


def read_notice(path: Path | None = None) -> GraphData:
    """Parse a notice file (default: the bundled 2023 notice) into graph records."""
    if path is None:
        name, raw = bundled_notice()
    else:
        name = str(path)
        try:
            raw = Path(path).read_bytes()
        except OSError as exc:
            raise LoadError(f"{name}: cannot read: {exc.strerror}", source=name) from None
    text = decode(raw, name)
    try:
        return build_graph(text, Path(name).name)
    except LoadError as exc:
        raise LoadError(f"{name}: {exc.message}", source=name, **exc.details) from None
