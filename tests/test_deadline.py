"""The request deadline on a real `qgraph serve`: TIMEOUT on time, /health answers, SIGTERM stops it."""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import Any

import httpx

from graph_api.store.embedded import free_port
from tests.processes import kill, post_in_background, seconds_to_stop, serve
from tests.test_security import nested_filter

# Ten levels of nested filter: evaluating it takes far longer than any deadline here.
SLOW = {"query": "query($f: ActorFilter){ actors(filter: $f){ totalCount } }", "variables": {"f": nested_filter(10)}}


def test_slow_request_times_out_while_health_answers_and_sigterm_stops_the_server(tmp_path: Path) -> None:
    port = free_port()
    # Limits opened wide so that a filter nested ten levels deep reaches the evaluator.
    proc = serve(tmp_path, port, QGRAPH_REQUEST_TIMEOUT="1", QGRAPH_FILTER_HOPS="100",
                  QGRAPH_MAX_INPUT_DEPTH="100")
    url = f"http://127.0.0.1:{port}"
    answers: list[tuple[float, Any]] = []
    try:
        assert httpx.get(f"{url}/health").headers.get("server") is None  # no uvicorn banner
        first = post_in_background(port, SLOW, answers)
        health = []
        for _ in range(10):
            start = time.perf_counter()
            assert httpx.get(f"{url}/health", timeout=5).json() == {"status": "ok"}
            health.append(time.perf_counter() - start)
            time.sleep(0.1)
        first.join(10)
        [(elapsed, answer)] = answers
        assert answer["errors"][0]["extensions"]["code"] == "TIMEOUT", answer
        assert "QGRAPH_REQUEST_TIMEOUT" in answer["errors"][0]["message"]
        assert elapsed < 2, elapsed
        # The 0.5 s target is measured by bench/hostile.py on a quiet machine; here, on a
        # shared CI core, the median must meet it and no answer may stall behind the operation.
        # The maximum only shows /health never waited out the operation (seconds of CPU): a
        # loaded 2-core machine has been seen to delay one answer by 2.1 s.
        assert statistics.median(health) < 0.5 and max(health) < 4, health
        second = post_in_background(port, SLOW, answers)  # still burning CPU on the first when SIGTERM comes
        time.sleep(0.3)
        stopped = seconds_to_stop(proc)
        second.join(10)
    finally:
        kill(proc)
    print(f"TIMEOUT after {elapsed:.2f} s, /health max {max(health) * 1000:.0f} ms, stopped {stopped:.2f} s after SIGTERM")
    # Graceful: requests drained, then the store stopped cleanly (AOF flushed); 3.4 s on a busy
    # disk, 13.8 s once with the machine at load 10. bench/hostile.py measures it quietly.
    assert stopped < 20, stopped
    assert answers[1][1]["errors"][0]["extensions"]["code"] in {"TIMEOUT", "UNAVAILABLE"}


def test_sigterm_ends_a_waiting_request_at_once_with_a_coded_answer(tmp_path: Path) -> None:
    port = free_port()
    # The default deadline (10 s): SIGTERM must not wait it out.
    proc = serve(tmp_path, port, QGRAPH_FILTER_HOPS="100", QGRAPH_MAX_INPUT_DEPTH="100")
    answers: list[tuple[float, Any]] = []
    try:
        waiting = post_in_background(port, SLOW, answers)
        time.sleep(1)
        stopped = seconds_to_stop(proc)
        waiting.join(10)
    finally:
        kill(proc)
    [(elapsed, answer)] = answers
    assert answer["errors"][0]["extensions"]["code"] == "UNAVAILABLE", answer
    assert answer["errors"][0]["message"] == "the service is shutting down; retry"
    # The answer's code already says the stop, not the 10 s deadline, ended the request; the
    # bounds only say neither waited the deadline out. The stop includes stopping the store
    # cleanly (its AOF flushed), which takes seconds when the disk is busy.
    assert stopped < 8 and elapsed < 8, (stopped, elapsed)
    assert proc.returncode == 0  # a clean stop
