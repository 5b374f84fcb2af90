"""Public routes beside GraphQL: the explorer, health, readiness and whole-graph exports.

A refusal is raised as a coded error and answered by :mod:`graph_api.http.errors`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from graph_api.errors import NotFound, NotReady, StoreUnavailable
from graph_api.export import FORMATS, prepare, render
from graph_api.labels import display_model
from graph_api.schema.context import call
from graph_api.store import GraphStore
from graph_api.store.replicas import replica_report, replicas_of
from graph_api.store.repository import GraphRepository

# /ready answers within this, whatever the store does (a health check's own deadline).
READY_SECONDS = 3.0
STATIC = Path(__file__).resolve().parents[1] / "static"
HTML = "text/html; charset=utf-8"


def public_routes(current_store: Callable[[], GraphStore]) -> list[BaseRoute]:
    """``/`` (the explorer) and its assets, ``/health``, ``/ready`` and ``/export/{format}``."""

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def ready(request: Request) -> Response:
        store = current_store()

        async def empty() -> bool:
            await call(store.health)  # a ping of its own, with a short timeout (replicas too)
            return await call(GraphRepository(store).is_empty)

        try:
            if await asyncio.wait_for(empty(), READY_SECONDS):
                raise NotReady("no notice loaded")
        except TimeoutError:
            # A frozen store answers no ping: say so within the deadline, never hang.
            raise StoreUnavailable.away(f"the store did not answer /ready within {READY_SECONDS:g} s") from None
        body: dict[str, object] = {"status": "ready"}
        if replicas_of(store) is not None:  # ready on the primary; replicas only add read capacity
            body["replicas"] = replica_report(store, await call(store.version))
        return JSONResponse(body)

    async def export(request: Request) -> Response:
        fmt = request.path_params["format"]
        if fmt not in FORMATS:
            raise NotFound(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}", format=fmt)
        rows = await call(GraphRepository(current_store()).export)
        media_type, filename = FORMATS[fmt]
        body = await call(render, prepare(*rows), fmt)
        disposition = f'attachment; filename="{filename}"'
        return Response(body, media_type=media_type, headers={"content-disposition": disposition})

    async def explorer(request: Request) -> Response:
        return FileResponse(STATIC / "index.html", media_type=HTML)

    async def model(request: Request) -> Response:
        return JSONResponse(display_model())  # the explorer's one label table

    async def favicon(request: Request) -> Response:
        return FileResponse(STATIC / "favicon.ico", media_type="image/x-icon")

    return [
        Route("/", explorer),
        Route("/model.json", model),
        Route("/favicon.ico", favicon),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
        Route("/health", health),
        Route("/ready", ready),
        Route("/export/{format}", export),
    ]
