"""Replay the hostile requests of the fault-injection run against a real `qgraph serve`.

For each request: HTTP status, error code and seconds to the answer, while a second client
polls `/health` the whole time; prints the slowest `/health` answer. Loopback only; bounded.

Usage: python bench/hostile.py
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph_api.store.embedded import free_port  # noqa: E402
from tests.test_security import HOSTILE  # noqa: E402


def main() -> None:
    port = free_port()
    data = Path(tempfile.mkdtemp(prefix="qgraph-hostile-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("QGRAPH_")}
    env.update(QGRAPH_DATA=str(data), QGRAPH_LOG_LEVEL="ERROR")
    server = subprocess.Popen([sys.executable, "-m", "graph_api.cli", "serve", "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                if httpx.get(f"{url}/ready", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        health: list[float] = []
        done = threading.Event()

        def poll() -> None:
            with httpx.Client(timeout=10) as client:
                while not done.is_set():
                    start = time.perf_counter()
                    client.get(f"{url}/health")
                    health.append(time.perf_counter() - start)
                    time.sleep(0.05)

        poller = threading.Thread(target=poll)
        poller.start()
        print(f"{'request':32} {'status':>6} {'code':22} {'seconds':>8}")
        with httpx.Client(timeout=30) as client:
            for name, method, target, content, _, _ in HOSTILE:
                start = time.perf_counter()
                if method == "GET":
                    response = client.get(f"{url}/graphql{target}", headers={"accept": "application/json"})
                else:
                    response = client.post(f"{url}/graphql", content=content,
                                           headers={"content-type": "application/json"})
                seconds = time.perf_counter() - start
                code = response.json()["errors"][0]["extensions"]["code"]
                print(f"{name:32} {response.status_code:>6} {code:22} {seconds:8.3f}")
        done.set()
        poller.join()
        print(f"/health: {len(health)} answers, slowest {max(health) * 1000:.0f} ms")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
