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

from graph_api.errors import ConfigError
from graph_api.settings import Settings

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


def run_service(settings: Settings, workers: int, announce: Callable[[str], object]) -> None:
    """Serve until SIGTERM or SIGINT; ``announce`` prints the address once serving starts."""
    import uvicorn

    if workers > 1 and settings.backend == "embedded":
        raise ConfigError(
            f"--workers {workers} needs an external store: set QGRAPH_DB to a falkordb:// or neo4j:// URL, "
            "or serve with one worker (the embedded store belongs to one process)"
        )
    check_port(settings.host, settings.port)
    address = f"http://{settings.host}:{settings.port}/graphql ({settings.backend} store)"
    if workers > 1:
        announce(f"qgraph: serving {address}")
        # uvicorn's process supervisor handles the signals itself and returns after stopping.
        uvicorn.run("graph_api.app:create_app", factory=True, host=settings.host, port=settings.port,
                    workers=workers, log_config=None, lifespan="on", server_header=False)  # fmt: skip
        return
    from graph_api.app import create_app
    from graph_api.loading import load_bundled_if_empty
    from graph_api.store import open_store

    server: uvicorn.Server | None = None

    def stop(signum: int, frame: FrameType | None) -> None:
        if server is None:
            raise KeyboardInterrupt  # still starting: unwind, closing the store on the way
        server.should_exit = True  # uvicorn's own flag: shut down gracefully (a no-op once stopped)

    # The store opens here, before serving: one that cannot start is one error line.
    with contextlib.suppress(KeyboardInterrupt), stop_signals(_interrupt):
        store = open_store(settings)
        with stop_signals(stop):
            try:
                if settings.load_if_empty:
                    load_bundled_if_empty(store, settings)
                app = create_app(settings, store)
                config = uvicorn.Config(app, host=settings.host, port=settings.port, log_config=None,
                                        lifespan="on", timeout_graceful_shutdown=10, server_header=False)  # fmt: skip
                server = uvicorn.Server(config)
                announce(f"qgraph: serving {address}")
                server.run()
            finally:
                store.close()
