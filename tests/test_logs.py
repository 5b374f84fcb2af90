"""JSON log lines: one object per record, extra fields kept, uvicorn's colour copy dropped."""

from __future__ import annotations

import json
import logging

from graph_api.logs import JsonFormatter


def test_a_record_is_one_json_line_with_its_extra_fields_and_no_colour_codes() -> None:
    record = logging.LogRecord("uvicorn.error", logging.INFO, __file__, 1, "Started server process [%d]", (42,), None)
    record.color_message = "Started server process [\x1b[36m%d\x1b[0m]"
    record.backend = "falkordb"
    line = JsonFormatter().format(record)
    entry = json.loads(line)
    assert "\n" not in line and "\x1b" not in line
    assert {k: entry[k] for k in ("level", "logger", "msg", "backend")} == {
        "level": "info",
        "logger": "uvicorn.error",
        "msg": "Started server process [42]",
        "backend": "falkordb",
    }
    assert "color_message" not in entry
