from pathlib import Path

import pytest

from graph_api.errors import ConfigError
from graph_api.settings import Settings, load_settings


def test_defaults_choose_the_embedded_store() -> None:
    s = load_settings({})
    assert s.backend == "embedded" and s.port == 8000 and s.max_page == 100 and s.load_if_empty


@pytest.mark.parametrize(
    ("url", "backend"),
    [("falkordb://db:6379", "falkordb"), ("bolt://n:7687", "neo4j"), ("neo4j://n", "neo4j"), ("neo4j+s://x.io", "neo4j")],
)
def test_one_setting_chooses_the_backend(url: str, backend: str) -> None:
    assert load_settings({"QGRAPH_DB": url}).backend == backend


def test_values_are_read_and_validated() -> None:
    s = load_settings({"QGRAPH_DATA": "/tmp/x", "QGRAPH_QUERY_TIMEOUT": "2.5", "QGRAPH_LOG_LEVEL": "debug",
                       "QGRAPH_DEBUG": "1", "QGRAPH_LOAD_IF_EMPTY": "0"})
    assert (s.data_dir, s.query_timeout, s.log_level, s.debug, s.load_if_empty) == (Path("/tmp/x"), 2.5, "DEBUG", True, False)
    with pytest.raises(ConfigError, match="QGRAPH_MAX_PAGE: must be positive"):
        load_settings({"QGRAPH_MAX_PAGE": "0"})
    with pytest.raises(ConfigError, match="QGRAPH_LOG_LEVEL"):
        load_settings({"QGRAPH_LOG_LEVEL": "LOUD"})
    with pytest.raises(ConfigError, match="unknown scheme 'http'"):
        load_settings({"QGRAPH_DB": "http://x"})


def test_the_bounded_reader_s_limits_are_read_with_sane_defaults() -> None:
    assert (Settings().parse_memory_mb, Settings().parse_timeout) == (1024, 30.0)
    s = load_settings({"QGRAPH_PARSE_MEMORY_MB": "512", "QGRAPH_PARSE_TIMEOUT": "5"})
    assert (s.parse_memory_mb, s.parse_timeout) == (512, 5.0)
    with pytest.raises(ConfigError, match=r"QGRAPH_PARSE_MEMORY_MB: at least 256 .*, got 64"):
        load_settings({"QGRAPH_PARSE_MEMORY_MB": "64"})


def test_settings_are_frozen() -> None:
    with pytest.raises(AttributeError):
        Settings().port = 1  # type: ignore[misc]


def test_read_replicas_are_listed_for_a_falkordb_primary_only() -> None:
    assert (Settings().replicas, Settings().replica_wait) == ((), 10.0)
    s = load_settings(
        {"QGRAPH_DB": "falkordb://p:6379", "QGRAPH_REPLICAS": "falkordb://r1:6379, falkordb://r2:6380,", "QGRAPH_REPLICA_WAIT": "0"}
    )
    assert (s.replicas, s.replica_wait) == (("falkordb://r1:6379", "falkordb://r2:6380"), 0.0)
    with pytest.raises(ConfigError, match="QGRAPH_REPLICAS needs a FalkorDB primary in QGRAPH_DB; the embedded store"):
        load_settings({"QGRAPH_REPLICAS": "falkordb://r1:6379"})
    with pytest.raises(ConfigError, match="a Neo4j cluster routes reads to its followers itself"):
        load_settings({"QGRAPH_DB": "neo4j://n", "QGRAPH_REPLICAS": "falkordb://r1:6379"})
    with pytest.raises(ConfigError, match="expected falkordb://host:port URLs, got 'r1:6379'") as info:
        load_settings({"QGRAPH_DB": "falkordb://p:6379", "QGRAPH_REPLICAS": "http://user:secret@r1:6379"})
    assert "secret" not in info.value.message
