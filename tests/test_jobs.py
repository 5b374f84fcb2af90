"""Loads as jobs (graph_api/jobs.py): one at a time, cancelled by deadline or a client that left."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable

import pytest

from graph_api.jobs import Cancel, LoadBusy, LoadCancelled, LoadJobs


async def never_gone() -> bool:
    return False


def steps(n: int, seconds: float, done: list[int]) -> Callable[[Cancel], int]:
    def job(cancel: Cancel) -> int:
        for i in range(n):
            cancel.check()
            time.sleep(seconds)
            done.append(i)
        return n

    return job


def test_a_job_runs_on_its_own_thread_and_answers() -> None:
    jobs = LoadJobs(deadline=10)
    names: list[str] = []

    def job(cancel: Cancel) -> str:
        names.append(threading.current_thread().name)
        return "ok"

    assert asyncio.run(jobs.run(job, never_gone)) == "ok"
    assert names[0].startswith("qgraph-load")
    assert not jobs.busy


def test_a_second_load_is_refused_while_one_runs() -> None:
    jobs = LoadJobs(deadline=10)
    done: list[int] = []

    async def both() -> tuple[object, object]:
        first = asyncio.create_task(jobs.run(steps(5, 0.1, done), never_gone))
        await asyncio.sleep(0.05)
        second = await asyncio.gather(jobs.run(steps(1, 0, []), never_gone), return_exceptions=True)
        return await first, second[0]

    first, second = asyncio.run(both())
    assert first == 5
    assert isinstance(second, LoadBusy) and second.code == "CONFLICT"


def test_the_deadline_stops_a_job_between_steps() -> None:
    jobs = LoadJobs(deadline=0.3)
    done: list[int] = []
    start = time.monotonic()
    with pytest.raises(LoadCancelled) as info:
        asyncio.run(jobs.run(steps(100, 0.05, done), never_gone))
    assert time.monotonic() - start < 1.5
    assert 3 <= len(done) < 20
    assert "deadline of 0.3 s (QGRAPH_LOAD_TIMEOUT)" in info.value.message
    assert not jobs.busy


def test_a_client_that_left_cancels_its_job() -> None:
    jobs = LoadJobs(deadline=60)
    done: list[int] = []
    asked = 0

    async def gone_after_first_check() -> bool:
        nonlocal asked
        asked += 1
        return asked >= 1

    with pytest.raises(LoadCancelled) as info:
        asyncio.run(jobs.run(steps(100, 0.1, done), gone_after_first_check))
    assert info.value.message == "the client went away; the graph was not changed"
    assert len(done) < 15
