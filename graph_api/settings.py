"""All configuration, read in one place into a frozen object.

Environment variables (all optional):

=========================  ==========================================================
``QGRAPH_DB``              unset: embedded FalkorDB; ``falkordb://host:port`` an external
                           FalkorDB; ``bolt://``, ``neo4j://``, ``neo4j+s://`` … Neo4j
``QGRAPH_DATA``            data directory of the embedded store (default: user data dir)
``QGRAPH_GRAPH``           graph (FalkorDB key) name, default ``quality_graph``
``QGRAPH_REPLICAS``        comma-separated ``falkordb://host:port`` read replicas of the
                           external FalkorDB primary (they ``REPLICAOF`` it); reads go to one
                           that holds the current graph version, else to the primary (default:
                           none)
``QGRAPH_REPLICA_WAIT``    seconds a load waits for the attached replicas to have it, default
                           10 (0: do not wait; readers use the primary until they do)
``QGRAPH_DB_USER``         Neo4j / FalkorDB user
``QGRAPH_DB_PASSWORD``     Neo4j / FalkorDB password
``QGRAPH_DB_DATABASE``     Neo4j database name (default: the server's default)
``QGRAPH_QUERY_TIMEOUT``   per-query timeout in seconds, default 10
``QGRAPH_WRITE_BATCH``     rows per write statement, default 500
``QGRAPH_CONNECT_TIMEOUT`` seconds to wait for a connection, default 10
``QGRAPH_HOST``            bind host for ``qgraph serve``, default 127.0.0.1
``QGRAPH_PORT``            bind port, default 8000
``QGRAPH_LOG_LEVEL``       DEBUG, INFO, WARNING, ERROR; unset: INFO from ``qgraph serve``,
                           WARNING from the other commands (INFO with ``--verbose``)
``QGRAPH_DEBUG``           1 to show error details and field suggestions
``QGRAPH_MAX_DEPTH``       GraphQL query depth limit, default 10 (introspection is bounded
                           apart: graph_api/introspection.py)
``QGRAPH_MAX_ALIASES``     aliases per operation, default 30
``QGRAPH_MAX_TOKENS``      tokens per operation, default 2000
``QGRAPH_DEFAULT_PAGE``    default ``first``, default 20
``QGRAPH_MAX_PAGE``        maximum ``first``, default 100
``QGRAPH_LOAD_IF_EMPTY``   0 to not load the bundled notice into an empty store at start
``QGRAPH_CORS_ORIGINS``    comma-separated origins allowed by CORS (default: none)
``QGRAPH_ADMIN_TOKEN``     enables ``POST /admin/reload`` for bearers of this token
``QGRAPH_MAX_FILE_MB``     largest notice file (or reload body) accepted, MB, default 20
``QGRAPH_PARSE_MEMORY_MB`` address space of the child process that reads one notice file,
                           MB, default 1024 (a file needing more is refused)
``QGRAPH_PARSE_TIMEOUT``   seconds that child may take to read one file, default 30
``QGRAPH_MAX_UNPLACED``    share of a notice's lines that may stay unplaced before a load
                           is refused (unless forced), default 0.25
``QGRAPH_WATCH_INTERVAL``  seconds between the service's store health checks, default 2
``QGRAPH_MAX_COST``        fields an answer may hold, each list counted at its ``first``,
                           default 500000
``QGRAPH_COST_LIST_SIZE``  assumed length of a list field without ``first``, default 10
``QGRAPH_REQUEST_TIMEOUT`` seconds a GraphQL request may run before it answers TIMEOUT,
                           default 10
``QGRAPH_MAX_BODY``        bytes of a request body or query string, default 1048576
``QGRAPH_MAX_STRING``      characters of one string argument or variable, default 1000
``QGRAPH_MAX_LIST``        items of one list argument or variable (``in``, ``ids``),
                           default 100
``QGRAPH_MAX_INPUT_DEPTH`` nesting of objects and lists in one argument or variable,
                           default 10
``QGRAPH_MAX_INPUT_SIZE``  values in all arguments, and in all variables, default 2000
``QGRAPH_FILTER_WIDTH``    branches of one filter ``AND``/``OR``, default 20
``QGRAPH_FILTER_HOPS``     relation quantifiers (``runs``, ``some``, ``none``, ``all``)
                           nested in one filter, default 2
``QGRAPH_MAX_HEADER``      bytes of a request line plus headers, default 65536 (431/414)
``QGRAPH_HEADER_TIMEOUT``  seconds a client has to send a request's headers, default 10
``QGRAPH_BODY_TIMEOUT``    seconds a client has to send a request's body, default 60
``QGRAPH_MAX_CONNECTIONS`` open client connections per process; unset: below the descriptor
                           limit (``ulimit -n`` less 128, at most 1000)
``QGRAPH_LOAD_TIMEOUT``    seconds a load asked for over HTTP may take, default 120
``QGRAPH_WORKERS``         worker processes of ``qgraph serve``, default 1
``QGRAPH_CACHE_MB``        answers kept per graph version, MB per process, default 64
                           (0: no response cache)
``QGRAPH_PERSISTED``       ``apq`` (default: automatic persisted queries), ``allowlist``
                           (only the documents registered up front, below), or ``off``
``QGRAPH_PERSISTED_DIR``   folder of ``*.graphql`` documents registered up front (e.g. contract/)
``QGRAPH_INTROSPECTION``   ``on`` (default), ``off``, or ``admin`` (admin bearer token only)
``QGRAPH_METRICS``         ``on`` (default), ``off``, or ``admin`` (admin bearer token only)
=========================  ==========================================================
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

import platformdirs

from graph_api.errors import ConfigError

NEO4J_SCHEMES = frozenset({"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"})
FALKORDB_SCHEMES = frozenset({"falkordb", "redis", "falkordbs", "rediss"})
LOG_LEVELS = frozenset({"DEBUG", "INFO", "WARNING", "ERROR"})
# Who may use introspection and /metrics: everyone, no one, or bearers of the admin token.
ACCESS = frozenset({"on", "off", "admin"})
MIN_PARSE_MEMORY_MB = 256


@dataclass(frozen=True)
class Settings:
    """Every setting of the service; build with :func:`load_settings` or directly in tests."""

    db_url: str | None = None
    data_dir: Path = Path(platformdirs.user_data_dir("quality-graph"))
    graph_name: str = "quality_graph"
    replicas: tuple[str, ...] = ()
    replica_wait: float = 10.0
    db_user: str | None = None
    db_password: str | None = None
    db_database: str | None = None
    query_timeout: float = 10.0
    write_batch: int = 500
    connect_timeout: float = 10.0
    host: str = "127.0.0.1"
    port: int = 8000
    log_level: str | None = None  # None: the command decides (serve logs, others stay quiet)
    debug: bool = False
    max_depth: int = 10
    max_aliases: int = 30
    max_tokens: int = 2000
    default_page: int = 20
    max_page: int = 100
    load_if_empty: bool = True
    cors_origins: tuple[str, ...] = ()
    admin_token: str | None = None
    max_file_mb: float = 20.0
    max_unplaced_share: float = 0.25
    parse_memory_mb: int = 1024
    parse_timeout: float = 30.0
    watch_interval: float = 2.0
    max_header: int = 65_536
    header_timeout: float = 10.0
    body_timeout: float = 60.0
    max_connections: int | None = None  # None: below the descriptor limit
    load_timeout: float = 120.0
    workers: int = 1
    cache_mb: float = 64.0
    persisted: str = "apq"
    persisted_dir: Path | None = None

    @property
    def max_file_bytes(self) -> int:
        """``max_file_mb`` in bytes."""
        return int(self.max_file_mb * 1024 * 1024)

    max_cost: int = 500_000
    cost_list_size: int = 10
    request_timeout: float = 10.0
    max_body: int = 1_048_576
    max_string: int = 1000
    max_list: int = 100
    max_input_depth: int = 10
    max_input_size: int = 2000
    max_filter_width: int = 20
    max_filter_hops: int = 2
    introspection: str = "on"
    metrics: str = "on"

    @property
    def backend(self) -> str:
        """``embedded``, ``falkordb`` or ``neo4j``, from the scheme of ``db_url``."""
        if not self.db_url:
            return "embedded"
        scheme = urlsplit(self.db_url).scheme.lower()
        if scheme in NEO4J_SCHEMES:
            return "neo4j"
        if scheme in FALKORDB_SCHEMES:
            return "falkordb"
        raise ConfigError(
            f"QGRAPH_DB: unknown scheme {scheme!r} in {self.db_url!r}; use falkordb://host:port, "
            "bolt://…, neo4j://… or neo4j+s://…, or leave it unset for the embedded store",
            key="QGRAPH_DB",
        )

    def with_(self, **changes: object) -> Settings:
        """A copy with some settings changed."""
        return replace(self, **changes)  # type: ignore[arg-type]


def _number(env: Mapping[str, str], key: str, default: float, kind: type) -> float:
    raw = env.get(key)
    if raw is None or raw == "":
        return default
    try:
        value = kind(raw)
    except ValueError:
        raise ConfigError(f"{key}: expected a number, got {raw!r}", key=key) from None
    if value <= 0:
        raise ConfigError(f"{key}: must be positive, got {raw!r}", key=key)
    return float(value) if kind is float else value


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Read settings from ``env`` (default: ``os.environ``) and validate them."""
    env = os.environ if env is None else env
    base = Settings()
    level = env.get("QGRAPH_LOG_LEVEL", "").upper() or base.log_level
    if level is not None and level not in LOG_LEVELS:
        raise ConfigError(f"QGRAPH_LOG_LEVEL: expected one of {sorted(LOG_LEVELS)}, got {level!r}")
    settings = Settings(
        db_url=env.get("QGRAPH_DB") or None,
        data_dir=Path(env["QGRAPH_DATA"]).expanduser() if env.get("QGRAPH_DATA") else base.data_dir,
        graph_name=env.get("QGRAPH_GRAPH") or base.graph_name,
        replicas=tuple(u.strip() for u in env.get("QGRAPH_REPLICAS", "").split(",") if u.strip()),
        replica_wait=0.0
        if env.get("QGRAPH_REPLICA_WAIT", "").strip() == "0"
        else _number(env, "QGRAPH_REPLICA_WAIT", base.replica_wait, float),
        db_user=env.get("QGRAPH_DB_USER") or None,
        db_password=env.get("QGRAPH_DB_PASSWORD") or None,
        db_database=env.get("QGRAPH_DB_DATABASE") or None,
        query_timeout=_number(env, "QGRAPH_QUERY_TIMEOUT", base.query_timeout, float),
        write_batch=int(_number(env, "QGRAPH_WRITE_BATCH", base.write_batch, int)),
        connect_timeout=_number(env, "QGRAPH_CONNECT_TIMEOUT", base.connect_timeout, float),
        host=env.get("QGRAPH_HOST") or base.host,
        port=int(_number(env, "QGRAPH_PORT", base.port, int)),
        log_level=level,
        debug=env.get("QGRAPH_DEBUG", "").lower() in {"1", "true", "yes", "on"},
        max_depth=int(_number(env, "QGRAPH_MAX_DEPTH", base.max_depth, int)),
        max_aliases=int(_number(env, "QGRAPH_MAX_ALIASES", base.max_aliases, int)),
        max_tokens=int(_number(env, "QGRAPH_MAX_TOKENS", base.max_tokens, int)),
        default_page=int(_number(env, "QGRAPH_DEFAULT_PAGE", base.default_page, int)),
        max_page=int(_number(env, "QGRAPH_MAX_PAGE", base.max_page, int)),
        load_if_empty=env.get("QGRAPH_LOAD_IF_EMPTY", "1").lower() not in {"0", "false", "no", "off"},
        cors_origins=tuple(o.strip() for o in env.get("QGRAPH_CORS_ORIGINS", "").split(",") if o.strip()),
        admin_token=env.get("QGRAPH_ADMIN_TOKEN") or None,
        max_file_mb=_number(env, "QGRAPH_MAX_FILE_MB", base.max_file_mb, float),
        parse_memory_mb=int(_number(env, "QGRAPH_PARSE_MEMORY_MB", base.parse_memory_mb, int)),
        parse_timeout=_number(env, "QGRAPH_PARSE_TIMEOUT", base.parse_timeout, float),
        max_unplaced_share=_number(env, "QGRAPH_MAX_UNPLACED", base.max_unplaced_share, float),
        watch_interval=_number(env, "QGRAPH_WATCH_INTERVAL", base.watch_interval, float),
        max_header=int(_number(env, "QGRAPH_MAX_HEADER", base.max_header, int)),
        header_timeout=_number(env, "QGRAPH_HEADER_TIMEOUT", base.header_timeout, float),
        body_timeout=_number(env, "QGRAPH_BODY_TIMEOUT", base.body_timeout, float),
        max_connections=int(_number(env, "QGRAPH_MAX_CONNECTIONS", 0, int)) or None,
        load_timeout=_number(env, "QGRAPH_LOAD_TIMEOUT", base.load_timeout, float),
        workers=int(_number(env, "QGRAPH_WORKERS", base.workers, int)),
        cache_mb=0.0
        if env.get("QGRAPH_CACHE_MB", "").strip() == "0"
        else _number(env, "QGRAPH_CACHE_MB", base.cache_mb, float),
        persisted=env.get("QGRAPH_PERSISTED", base.persisted).lower(),
        persisted_dir=Path(env["QGRAPH_PERSISTED_DIR"]).expanduser() if env.get("QGRAPH_PERSISTED_DIR") else None,
        max_cost=int(_number(env, "QGRAPH_MAX_COST", base.max_cost, int)),
        cost_list_size=int(_number(env, "QGRAPH_COST_LIST_SIZE", base.cost_list_size, int)),
        request_timeout=_number(env, "QGRAPH_REQUEST_TIMEOUT", base.request_timeout, float),
        max_body=int(_number(env, "QGRAPH_MAX_BODY", base.max_body, int)),
        max_string=int(_number(env, "QGRAPH_MAX_STRING", base.max_string, int)),
        max_list=int(_number(env, "QGRAPH_MAX_LIST", base.max_list, int)),
        max_input_depth=int(_number(env, "QGRAPH_MAX_INPUT_DEPTH", base.max_input_depth, int)),
        max_input_size=int(_number(env, "QGRAPH_MAX_INPUT_SIZE", base.max_input_size, int)),
        max_filter_width=int(_number(env, "QGRAPH_FILTER_WIDTH", base.max_filter_width, int)),
        max_filter_hops=int(_number(env, "QGRAPH_FILTER_HOPS", base.max_filter_hops, int)),
        introspection=env.get("QGRAPH_INTROSPECTION", "on").lower(),
        metrics=env.get("QGRAPH_METRICS", "on").lower(),
    )
    if settings.max_unplaced_share > 1:
        raise ConfigError(
            f"QGRAPH_MAX_UNPLACED: a share from 0 to 1, got {settings.max_unplaced_share:g}", key="QGRAPH_MAX_UNPLACED"
        )
    if settings.parse_memory_mb < MIN_PARSE_MEMORY_MB:
        raise ConfigError(
            f"QGRAPH_PARSE_MEMORY_MB: at least {MIN_PARSE_MEMORY_MB} (the PDF and Word readers need ~100 MB to start), "
            f"got {settings.parse_memory_mb}",
            key="QGRAPH_PARSE_MEMORY_MB",
        )
    for key in ("QGRAPH_INTROSPECTION", "QGRAPH_METRICS"):
        if env.get(key, "on").lower() not in ACCESS:
            raise ConfigError(f"{key}: expected one of {sorted(ACCESS)}, got {env[key]!r}", key=key)
    settings.backend  # noqa: B018 - validates the scheme early
    _check_replicas(settings)
    return settings


def _check_replicas(settings: Settings) -> None:
    """Replicas are FalkorDB servers that replicate a FalkorDB primary reached over TCP."""
    if not settings.replicas:
        return
    if settings.backend != "falkordb":
        why = {
            "neo4j": "a Neo4j cluster routes reads to its followers itself: give QGRAPH_DB a neo4j:// URL",
            "embedded": "the embedded store listens on a unix socket no replica can follow: "
            "run FalkorDB as a server and set QGRAPH_DB=falkordb://host:port",
        }[settings.backend]
        raise ConfigError(f"QGRAPH_REPLICAS needs a FalkorDB primary in QGRAPH_DB; {why}", key="QGRAPH_REPLICAS")
    for url in settings.replicas:
        scheme = urlsplit(url).scheme.lower()
        if scheme not in FALKORDB_SCHEMES:
            raise ConfigError(
                f"QGRAPH_REPLICAS: expected falkordb://host:port URLs, got {url.split('@')[-1]!r}",
                key="QGRAPH_REPLICAS",
            )
