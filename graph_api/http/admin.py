"""Admin routes behind the bearer token (``QGRAPH_ADMIN_TOKEN``): reload, the notices, metrics.

Every refusal is a coded problem (:mod:`graph_api.http.errors`); a missing or wrong token is a
401 with ``WWW-Authenticate``, compared in constant time and answered only after a fixed delay,
so guessing tokens is slow and timing tells nothing.
"""

from __future__ import annotations

import asyncio
import functools
import hmac
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from graph_api.errors import Unauthenticated
from graph_api.loading import Source, load_sources, source_of
from graph_api.notices import list_notices, unload_notice
from graph_api.schema.context import call
from graph_api.settings import Settings
from graph_api.store import GraphStore

# How long a refused token waits for its 401 (a guess costs this much, right or wrong length).
REFUSAL_DELAY_SECONDS = 0.25
TOKEN_REQUIRED = "a valid admin bearer token is required"


def is_admin(authorization: str, token: str | None) -> bool:
    """Whether an ``Authorization`` header carries the admin bearer token (constant time)."""
    return bool(token) and hmac.compare_digest(authorization.encode(), f"Bearer {token}".encode())


async def require_admin(request: Request, token: str | None, setting: str = "QGRAPH_ADMIN_TOKEN") -> None:
    """Refuse (401, after a fixed delay) a request without the admin bearer token."""
    if not is_admin(request.headers.get("authorization", ""), token):
        await asyncio.sleep(REFUSAL_DELAY_SECONDS)
        raise Unauthenticated(f"{TOKEN_REQUIRED} ({setting})")


def admin_routes(settings: Settings, current_store: Callable[[], GraphStore]) -> list[Route]:
    """``POST /admin/reload``, ``GET /admin/notices`` and ``DELETE /admin/notices/{id}``."""

    def guarded(handler: Callable[[Request], Awaitable[Response]]) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            await require_admin(request, settings.admin_token)
            return await handler(request)

        return endpoint

    async def reload(request: Request) -> Response:
        force = request.query_params.get("force", "").lower() in {"1", "true", "yes"}
        raw = await request.body()  # bounded by HardenedHTTP (QGRAPH_MAX_FILE_MB here), chunked or not
        source = Source("request body", raw) if raw else await call(source_of, None, settings.max_file_bytes)
        summary = await call(functools.partial(load_sources, current_store(), [source], settings, force=force))
        loaded = [
            {
                "notice": d.notice_id,
                "nodes": len(d.nodes),
                "edges": len(d.edges),
                "unplaced": len(d.unplaced),
                "encoding": d.encoding,
            }
            for d in summary.notices
        ]
        return JSONResponse(
            {
                "loaded": loaded,
                "parse_seconds": round(summary.parse_seconds, 3),
                "write_seconds": round(summary.seconds, 3),
            }
        )

    async def notices(request: Request) -> Response:
        found = await call(list_notices, current_store())
        return JSONResponse({"notices": [n.as_json() for n in found]})

    async def unload(request: Request) -> Response:
        removed = await call(unload_notice, current_store(), request.path_params["id"])
        return JSONResponse({"unloaded": removed.as_json()})

    return [
        Route("/admin/reload", guarded(reload), methods=["POST"]),
        Route("/admin/notices", guarded(notices), methods=["GET"]),
        Route("/admin/notices/{id:path}", guarded(unload), methods=["DELETE"]),
    ]


def guarded_metrics(settings: Settings, endpoint: Callable[[Request], Awaitable[Response]]) -> Route:
    """``GET /metrics``: open with ``QGRAPH_METRICS=on``, behind the token with ``admin``."""

    async def metrics(request: Request) -> Any:
        if settings.metrics == "admin":
            await require_admin(request, settings.admin_token, "QGRAPH_METRICS=admin")
        return await endpoint(request)

    return Route("/metrics", metrics)
