"""``qgraph serve``: open the store, load the bundled notice into an empty one, serve, stop cleanly.

SIGTERM and SIGINT stop the service and it exits 0, whenever they come: before serving they
unwind (the store is shut down on the way out); while serving uvicorn shuts down gracefully
(requests in flight finish or answer ``UNAVAILABLE``, the lifespan closes) and the store is
stopped after it. A supervisor (systemd, a container runtime, make) sees a clean stop as one.
"""

from __future__ import annotations

import contextlib
import signal
import socket
from collections.abc import Callable, Iterator
from types import FrameType
from typing import Any

import uvicorn

from graph_api.connections import ConnectionBounds, default_max_connections, uvicorn_config
from graph_api.errors import ConfigError
from graph_api.settings import Settings, load_settings

SignalHandler = Callable[[int, FrameType | None], None]


def check_port(host: str, port: int) -> None:
    """Fail with one clear line when ``host:port`` cannot be listened on."""
    if not 0 < port < 65536:
        raise ConfigError(f"QGRAPH_PORT: {port} is not a TCP port (1-65535)", key="QGRAPH_PORT")
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            raise ConfigError(
                f"cannot listen on {host}:{port} ({exc.strerror}); choose another with --port or QGRAPH_PORT"
            ) from None


@contextlib.contextmanager
def stop_signals(handler: SignalHandler) -> Iterator[None]:
    """``handler`` takes SIGTERM and SIGINT for the duration.

    uvicorn installs its own handlers while it serves, and once stopped it restores the ones
    it found and raises the caught signal again: with Python's defaults the process would
    then die of SIGTERM (exit 143) or a KeyboardInterrupt (130) after a clean stop. Here that
    second delivery reaches ``handler`` instead.
    """
    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def connection_bounds(settings: Settings) -> ConnectionBounds:
    """What one client connection may hold, from the settings."""
    return ConnectionBounds(
        max_header_bytes=settings.max_header,
        header_timeout=settings.header_timeout,
        body_timeout=settings.body_timeout,
        max_connections=settings.max_connections or default_max_connections(),
    )


def run_service(settings: Settings, workers: int, announce: Callable[[str], object]) -> None:
    """Serve until SIGTERM or SIGINT; ``announce`` prints the address once serving starts.

    One worker serves in this process. ``workers`` > 1 serve from as many processes behind one
    socket (uvicorn's supervisor); with the embedded store this process starts and supervises
    the store once and the workers attach to it (a worker never starts one of its own: the
    data directory's lock is held here), so they survive its restart like any client.
    """
    from graph_api.loading import load_bundled_if_empty
    from graph_api.store import open_store

    check_port(settings.host, settings.port)
    address = f"http://{settings.host}:{settings.port}/graphql ({settings.backend} store)"
    server: uvicorn.Server | None = None

    def stop(signum: int, frame: FrameType | None) -> None:
        if server is None:
            raise KeyboardInterrupt  # still starting: unwind, closing the store on the way
        server.should_exit = True  # uvicorn's own flag: shut down gracefully (a no-op once stopped)

    # The store opens here, before serving: one that cannot start is one error line.
    with contextlib.suppress(KeyboardInterrupt), stop_signals(_interrupt):
        store = open_store(settings)
        try:
            if settings.load_if_empty:
                load_bundled_if_empty(store, settings)
            if workers > 1:
                if settings.backend != "embedded":
                    store.close()  # each worker opens its own client; nothing to supervise here
                announce(f"qgraph: serving {address} with {workers} workers")
                _serve_workers(settings, workers)
                return
            from graph_api.app import create_app

            with stop_signals(stop):
                config = uvicorn_config(
                    create_app(settings, store),
                    host=settings.host,
                    port=settings.port,
                    bounds=connection_bounds(settings),
                    lifespan="on",
                    timeout_graceful_shutdown=10,
                )
                server = uvicorn.Server(config)
                announce(f"qgraph: serving {address}")
                server.run()
        finally:
            store.close()


def worker_app() -> Any:
    """The app of one worker process (uvicorn's factory): settings from the environment, and
    the JSON log lines ``qgraph serve`` writes, as the supervising process does."""
    from graph_api.app import create_app
    from graph_api.logs import configure_logging

    settings = load_settings()
    configure_logging(settings.log_level or "INFO")
    return create_app(settings)


# How long uvicorn's supervisor waits for a worker's answer to its health ping before it kills
# the worker (uvicorn's default is 5 s). A spawned worker answers only once its interpreter has
# unpickled its configuration, importing the app's modules; on a busy machine that took over
# 5 s, and a worker killed before it served stops the whole service ("Child process … failed to
# start, stopping the parent process"; seen in `make test` at load average 5).
WORKER_HEALTHCHECK_SECONDS = 60


def _serve_workers(settings: Settings, workers: int) -> None:
    """uvicorn's process supervisor over ``workers`` processes of ``graph_api.app:create_app``;
    it takes SIGTERM and SIGINT itself and returns once every worker has stopped."""
    from uvicorn.supervisors import Multiprocess

    config = uvicorn_config(
        "graph_api.serving:worker_app",
        host=settings.host,
        port=settings.port,
        bounds=connection_bounds(settings),
        factory=True,
        workers=workers,
        lifespan="on",
        timeout_graceful_shutdown=10,
        timeout_worker_healthcheck=WORKER_HEALTHCHECK_SECONDS,
    )
    Multiprocess(config, sockets=[config.bind_socket()]).run()
