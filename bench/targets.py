"""Issue 19's targets, each met or missed, from one bench run (ratios against what ran beside it)."""

from __future__ import annotations

from typing import Any

ONE_WORKER_UNCACHED = ("1 worker, uncached", "who_runs")
ONE_WORKER_CACHED = ("1 worker, cached", "who_runs")


def _row(target: str, measured: str, met: bool | None) -> None:
    verdict = "n/a" if met is None else ("met" if met else "**missed**")
    print(f"| {target} | {measured} | {verdict} |")


def _at(results: list[Any], copies: int) -> Any | None:
    return next((r for r in results if r.copies == copies), None)


def _http_targets(results: list[Any]) -> None:
    for r in results:
        h = r.http
        if h is None:
            continue
        uncached, cached = h.rps[ONE_WORKER_UNCACHED][0], h.rps[ONE_WORKER_CACHED][0]
        _row(f"uncached HTTP who_runs ≥ 1,000 req/s, 1 worker ({r.copies}×)", f"{uncached:,.0f} req/s",
             uncached >= 1000)  # fmt: skip
        _row(f"cache hit ≥ 4,000 req/s, 1 worker ({r.copies}×)", f"{cached:,.0f} req/s", cached >= 4000)
        for kind in ("cached", "uncached"):
            one, two = h.rps[(f"1 worker, {kind}", "who_runs")][0], h.rps[(f"2 workers, {kind}", "who_runs")][0]
            _row(f"2 workers ≥ 1.6× one, {kind} ({r.copies}×)", f"{two:,.0f} / {one:,.0f} = {two / one:.2f}×",
                 two / one >= 1.6)  # fmt: skip


def print_targets(results: list[Any]) -> None:
    """A markdown table of issue 19's targets against this run."""
    base = _at(results, 1)
    if base is None:
        return
    print("## issue 19's targets\n\n| target | measured | |\n|---|---|---|")
    _http_targets(results)
    for copies in (1, 100):
        r = _at(results, copies)
        if r is None:
            continue
        over = {n: o.graphql_ms / o.floor_ms for n, o in r.ops.items() if o.graphql_ms / o.floor_ms > 1.5}
        shown = ", ".join(f"{n} {v:.2f}×" for n, v in sorted(over.items(), key=lambda kv: -kv[1])) or "none over"
        _row(f"every contract operation ≤ 1.5× (typename + floor) at {copies}×", shown, not over)
    hundred = _at(results, 100)
    if hundred is not None:
        for name in ("search", "who_runs"):
            g = hundred.ops[name].graphql_ms / base.ops[name].graphql_ms
            _row(f"{name} 100×/1× ≤ 1.5× (in process, uncached)", f"{g:.2f}×", g <= 1.5)
    thousand = _at(results, 1000)
    if thousand is None:
        return
    _row("1,000 notices: load ≤ 5 min", f"{thousand.load_s:.0f} s (parse {thousand.parse_s:.0f} s more)",
         thousand.load_s <= 300)  # fmt: skip
    if thousand.http is not None and base.http is not None:
        label = ONE_WORKER_UNCACHED[0]
        a, b = base.http.rss[label], thousand.http.rss[label]
        _row("1,000 notices: service RSS ≤ 1.3× 1× (1 worker, uncached)", f"{b:.0f} / {a:.0f} MiB = {b / a:.2f}×",
             b / a <= 1.3)  # fmt: skip
    for name in ("who_runs", "activities", "find_actor"):
        g = thousand.ops[name].graphql_ms / base.ops[name].graphql_ms
        _row(f"1,000 notices: {name} ≤ 2× its 1× latency (in process, uncached)", f"{g:.2f}×", g <= 2)
    print()
