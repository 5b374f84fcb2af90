"""The Starlette application, assembled: routes, middleware, error handlers; the store lives in
the lifespan. The routes themselves are in :mod:`graph_api.http`."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.routing import BaseRoute, Route

from graph_api.errors import StoreUnavailable
from graph_api.http.admin import admin_routes, guarded_metrics
from graph_api.http.errors import GRAPHQL_PATH, handlers
from graph_api.http.graphql import GraphQLApp
from graph_api.http.raw_answers import RawAnswers
from graph_api.http.routes import public_routes
from graph_api.loading import load_bundled_if_empty
from graph_api.metrics import Metrics, ObservedRequests
from graph_api.schema.context import call
from graph_api.security import HardenedHTTP
from graph_api.settings import Settings, load_settings
from graph_api.store import GraphStore, open_store
from graph_api.store.supervisor import StoreWatch

log = logging.getLogger("graph_api.http")


def create_app(settings: Settings | None = None, store: GraphStore | None = None) -> Starlette:
    """The ASGI app. It opens the store in its lifespan unless one is passed in (the CLI opens
    it before serving, so a store that cannot start is one error line, not a traceback)."""
    settings = settings or load_settings()
    state: dict[str, Any] = {} if store is None else {"store": store}
    metrics = Metrics(lambda: state.get("store"), lambda: state.get("watch"))

    def current_store() -> GraphStore:
        if "store" not in state:
            raise StoreUnavailable.away()
        current: GraphStore = state["store"]
        return current

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        owned = store is None
        if owned:
            state["store"] = await call(open_store, settings)
        watch = state["watch"] = StoreWatch(state["store"], settings.watch_interval)
        watch.start()
        # The response cache reads the graph version on this loop, without a thread hop.
        opener = getattr(state["store"], "async_version_reader", None)
        state["versions"] = opener() if opener is not None and settings.cache_mb > 0 else None
        try:
            if owned and settings.load_if_empty:
                await call(load_bundled_if_empty, state["store"], settings)
            log.info("service ready", extra={"backend": state["store"].backend})
            yield
        finally:
            watch.stop()
            if (versions := state.pop("versions", None)) is not None:
                await versions.close()
            if owned:
                await call(state.pop("store").close)

    graphql = GraphQLApp(settings, current_store, metrics, lambda: state.get("versions"))
    answered = RawAnswers(graphql, graphql.answers, settings.admin_token)
    routes: list[BaseRoute] = [*public_routes(current_store), Route(GRAPHQL_PATH, answered, methods=["GET", "POST"])]
    if settings.admin_token:
        routes += admin_routes(settings, current_store)
    if settings.metrics != "off":
        routes.append(guarded_metrics(settings, metrics.endpoint))
    middleware = [
        Middleware(ObservedRequests, metrics=metrics),  # outermost: refused requests are counted too
        Middleware(
            HardenedHTTP,
            max_body=settings.max_body,
            debug=settings.debug,
            larger={"/admin/reload": (settings.max_file_bytes, "QGRAPH_MAX_FILE_MB")},
        ),
        Middleware(GZipMiddleware, minimum_size=1024),
    ]
    if settings.cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(settings.cors_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["content-type", "authorization"],
            )
        )
    # Refusals, unknown paths and wrong methods answer one coded body (HardenedHTTP adds the headers).
    return Starlette(
        debug=settings.debug,
        routes=routes,
        middleware=middleware,
        lifespan=lifespan,
        exception_handlers=handlers(settings.debug),
    )
