"""Why the embedded server would not start, told from its log in words an operator can act on.

redis-server answers a damaged or truncated data file with a crash report; its last lines
("Suspect RAM error? Use redis-server --test-memory …") mislead. The cause is the first
warning line of that run, and when it is about the saved data the operator needs the file
and the ways out, not the report.
"""

from __future__ import annotations

import re
from pathlib import Path

from graph_api.store.held import AOF_DIR

# The line redis-server logs first on each start:
# "9818:C 03 Dec 2026 16:48:32.757 * Configuration loaded"
RUN_START = "Configuration loaded"
# A warning line ("#") of the server's log, e.g.
# "9818:M 03 Dec 2026 16:48:32.816 # Guru Meditation: Error loading data from RDB (short read or EOF). …"
WARNING_LINE = re.compile(r"^\d+:[A-Z] [^#*]+ # (?P<text>.+)$")
# Words of a warning about the saved data: the AOF, its manifest, or the RDB base file.
DATA_FILE_WORDS = re.compile(r"RDB|AOF|append only|manifest|short read|Bad file format|wrong signature", re.IGNORECASE)
BANNER = re.compile(r"^-+$|Software Failure")


def start_failure(data_dir: Path, log_file: Path, stderr: str = "") -> str:
    """One line saying why the server exited at start, with the ways out when its data is damaged."""
    try:
        lines = log_file.read_text(errors="replace").splitlines()
    except OSError:
        lines = []
    starts = [i for i, line in enumerate(lines) if RUN_START in line]
    run = lines[starts[-1] :] if starts else lines
    warnings = [m["text"].strip() for line in run if (m := WARNING_LINE.match(line.strip()))]
    causes = [w for w in warnings if not BANNER.search(w)]
    cause = causes[0] if causes else (stderr.strip().splitlines() or [""])[-1]
    if cause and DATA_FILE_WORDS.search(cause):
        cause = cause.removeprefix("Guru Meditation: ").split(" #", 1)[0]
        return (
            f"embedded FalkorDB could not read the saved graph in {data_dir / AOF_DIR} ({cause}); "
            f"restore the data directory from a backup, or move {data_dir / AOF_DIR} aside and rebuild "
            "the graph with `qgraph load FILE…`"
        )
    return f"embedded FalkorDB exited at start: {cause or 'no reason in its log'} (log: {log_file})"
