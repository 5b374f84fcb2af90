"""The request deadline on a real `qgraph serve`: TIMEOUT on time, /health answers, SIGTERM stops it."""

from __future__ import annotations

import signal
import statistics
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from graph_api.store.embedded import free_port
from tests.processes import serve
from tests.test_security import nested_filter


def test_slow_request_times_out_while_health_answers_and_sigterm_stops_the_server(tmp_path: Path) -> None:
    port = free_port()
    # Limits opened wide so that a filter nested ten levels deep reaches the evaluator.
    proc = serve(tmp_path, port, QGRAPH_REQUEST_TIMEOUT="1", QGRAPH_FILTER_HOPS="100",
                  QGRAPH_MAX_INPUT_DEPTH="100")
    url = f"http://127.0.0.1:{port}"
    slow = {"query": "query($f: ActorFilter){ actors(filter: $f){ totalCount } }", "variables": {"f": nested_filter(10)}}
    answers: list[tuple[float, Any]] = []

    def ask() -> None:
        start = time.perf_counter()
        response = httpx.post(f"{url}/graphql", json=slow, timeout=30)
        answers.append((time.perf_counter() - start, response.json()))

    try:
        assert httpx.get(f"{url}/health").headers.get("server") is None  # no uvicorn banner
        first = threading.Thread(target=ask)
        first.start()
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
        assert statistics.median(health) < 0.5 and max(health) < 2, health
        second = threading.Thread(target=ask)  # still burning CPU on the first when SIGTERM comes
        second.start()
        time.sleep(0.3)
        stop = time.perf_counter()
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=15)
        stopped = time.perf_counter() - stop
        second.join(10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    print(f"TIMEOUT after {elapsed:.2f} s, /health max {max(health) * 1000:.0f} ms, stopped {stopped:.2f} s after SIGTERM")
    assert stopped < 5, stopped
    assert answers[1][1]["errors"][0]["extensions"]["code"] in {"TIMEOUT", "UNAVAILABLE"}


def test_sigterm_ends_a_waiting_request_at_once_with_a_coded_answer(tmp_path: Path) -> None:
    port = free_port()
    # The default deadline (10 s): SIGTERM must not wait it out.
    proc = serve(tmp_path, port, QGRAPH_FILTER_HOPS="100", QGRAPH_MAX_INPUT_DEPTH="100")
    slow = {"query": "query($f: ActorFilter){ actors(filter: $f){ totalCount } }", "variables": {"f": nested_filter(10)}}
    answers: list[tuple[float, Any]] = []

    def ask() -> None:
        start = time.perf_counter()
        response = httpx.post(f"http://127.0.0.1:{port}/graphql", json=slow, timeout=30)
        answers.append((time.perf_counter() - start, response.json()))

    try:
        waiting = threading.Thread(target=ask)
        waiting.start()
        time.sleep(1)
        stop = time.perf_counter()
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=15)
        stopped = time.perf_counter() - stop
        waiting.join(10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    [(elapsed, answer)] = answers
    assert answer["errors"][0]["extensions"]["code"] == "UNAVAILABLE", answer
    assert answer["errors"][0]["message"] == "the service is shutting down; retry"
    assert stopped < 2 and elapsed < 3, (stopped, elapsed)
    assert proc.returncode in (0, -signal.SIGTERM)  # uvicorn re-raises the signal it caught
