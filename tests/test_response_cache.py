"""Answers per graph version (graph_api/response_cache.py)."""

from __future__ import annotations

from graph_api.response_cache import CachedAnswer, ResponseCache, answer_key


def answer(body: bytes) -> CachedAnswer:
    return CachedAnswer(body, len(body))


def test_a_repeated_question_is_a_hit_until_the_version_changes() -> None:
    cache = ResponseCache(max_bytes=10_000)
    key = answer_key("v1", "{ stats { nodes } }", None, None)
    assert cache.get("v1", key) is None
    cache.put("v1", key, answer(b'{"data":1}'))
    assert cache.get("v1", key) == answer(b'{"data":1}')
    assert (cache.hits, cache.misses, cache.bytes) == (1, 1, 10)
    assert cache.get("v2", key) is None  # a load landed: every older answer is gone
    assert (len(cache), cache.bytes) == (0, 0)


def test_an_answer_read_from_an_older_version_is_not_kept() -> None:
    cache = ResponseCache(max_bytes=10_000)
    cache.get("v2", "k")
    cache.put("v1", "k", answer(b"old"))
    assert cache.get("v2", "k") is None


def test_keys_tell_apart_everything_that_shapes_the_answer() -> None:
    base = answer_key("v", "q", {"a": 1, "b": 2}, "Op", "anonymous")
    assert base == answer_key("v", "q", {"b": 2, "a": 1}, "Op", "anonymous")
    others = {
        answer_key("w", "q", {"a": 1, "b": 2}, "Op", "anonymous"),
        answer_key("v", "q ", {"a": 1, "b": 2}, "Op", "anonymous"),
        answer_key("v", "q", {"a": 1, "b": 3}, "Op", "anonymous"),
        answer_key("v", "q", {"a": 1, "b": 2}, "Other", "anonymous"),
        answer_key("v", "q", {"a": 1, "b": 2}, "Op", "admin"),
    }
    assert base not in others and len(others) == 5
    plain = answer_key("v", "q", None, None)
    assert plain not in {answer_key("v", "q", None, 0), answer_key("v", "q", None, ""), answer_key("v", "q", {}, None)}


def test_bytes_are_bounded_least_recently_used_first() -> None:
    cache = ResponseCache(max_bytes=400)
    for k in "abcd":
        cache.put("v", k, answer(k.encode() * 100))
    assert cache.bytes == 400
    cache.get("v", "a")  # used: kept
    cache.put("v", "e", answer(b"e" * 100))
    assert cache.get("v", "b") is None and cache.get("v", "a") is not None
    assert cache.bytes == 400
    cache.put("v", "huge", answer(b"x" * 101))  # over a quarter of the cache: not kept
    assert cache.get("v", "huge") is None
