"""The web application: a JSON API under ``/api`` and pages for people, over one Corpus.

``create_app`` builds it; ``quotegraph serve`` runs it with uvicorn. Reads go
straight to the store (each thread has its own reader connection); writes
(corrections) are serialised through one lock, as the store has one writer.
Requests are handled by a few threads, not one per client: under load, more
threads than cores only share the same cores and the same lock of Python,
and every request waits longer.
"""

from __future__ import annotations

import gc
import re
import secrets
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from anyio import to_thread
from fastapi import FastAPI, HTTPException, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from quotegraph import __version__
from quotegraph.corpus import Corpus
from quotegraph.errors import QuotegraphError, UsageError
from quotegraph.web.charts import bar_chart
from quotegraph.web.data import Memo
from quotegraph.web.guard import Guard
from quotegraph.web.security import Access

WEB_ROOT = Path(str(files("quotegraph.web")))
# The API docs pages run Swagger UI and ReDoc from assets served here, not a CDN.
DOCS_ASSETS = "/docs-assets"
DOCS_PATHS = ("/docs", "/redoc", "/openapi.json", DOCS_ASSETS)
NOTICES = {
    "accepted": "Quote accepted.",
    "rejected": "Quote rejected: it no longer appears in results.",
    "speaker": "Speaker changed.",
    "merged": "Speakers merged.",
    "split": "Quotes moved to a new speaker.",
    "renamed": "Speaker renamed.",
    "undone": "Correction undone.",
    "login": "Logged in: you can now make corrections.",
}
# Threads that handle requests at once; the others queue.
REQUEST_THREADS = 4
# Rendered pages are remembered with this in place of each browser's own CSRF token.
CSRF_SLOT = f"csrf-{secrets.token_hex(16)}"
# Rendered pages remembered at once (each some tens of kilobytes).
PAGES_KEPT = 256


@dataclass
class WebState:
    """What every request handler shares: the corpus, the write policy, the templates.

    ``memo`` remembers answers from the store and ``pages`` rendered pages, both
    until the store changes.
    """

    corpus: Corpus
    access: Access
    templates: Environment
    memo: Memo = field(default_factory=Memo)
    pages: Memo = field(default_factory=lambda: Memo(size=PAGES_KEPT))
    write_lock: threading.Lock = field(default_factory=threading.Lock)

    @contextmanager
    def writing(self) -> Iterator[None]:
        """One correction at a time; what was remembered is forgotten after it."""
        with self.write_lock:
            try:
                yield
            finally:
                self.memo.clear()
                self.pages.clear()

    def render(self, request: Request, name: str, status: int = 200, **context: Any) -> Response:
        """A page from its template, with the CSRF token and the navigation it needs.

        A page is a function of its address, whether the browser may write and
        the store's contents, so a successful one is remembered by those.
        """
        needs_login = not self.access.token_ok(request)

        def page() -> str:
            return self.templates.get_template(name).render(
                csrf=CSRF_SLOT,
                path=request.url.path,
                here=_here(request),
                needs_login=needs_login,
                notice=NOTICES.get(request.query_params.get("done", "")),
                version=__version__,
                **context,
            )

        key = (name, request.url.path, request.url.query, needs_login)
        html = self.pages.get(key, page) if status == 200 else page()
        return HTMLResponse(html.replace(CSRF_SLOT, request.state.csrf), status_code=status)


def state_of(request: Request) -> WebState:
    """The shared state of the app serving ``request``."""
    state: WebState = request.app.state.web
    return state


def create_app(corpus: Corpus, *, access: Access | None = None) -> FastAPI:
    """The application over ``corpus``; ``access`` defaults to loopback-only, no token."""
    app = FastAPIOffline(
        title="quotegraph",
        static_url=DOCS_ASSETS,
        version=__version__,
        description="Who said what: search quotes, read speakers and articles, fix attributions.",
        lifespan=_serving,
    )
    state = WebState(
        corpus=corpus,
        access=access or Access(),
        templates=_templates(),
        memo=Memo(version=corpus.store.version),
        pages=Memo(size=PAGES_KEPT, version=corpus.store.version),
    )
    app.state.web = state
    app.mount("/static", StaticFiles(directory=WEB_ROOT / "static"), name="static")

    app.add_middleware(Guard, access=state.access, open_paths=DOCS_PATHS)

    @app.exception_handler(UsageError)
    async def usage_error(request: Request, exc: UsageError) -> Response:
        return _error(request, 400, str(exc))

    @app.exception_handler(QuotegraphError)
    async def library_error(request: Request, exc: QuotegraphError) -> Response:
        return _error(request, 500, str(exc))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail))

    from quotegraph.web import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    return app


@asynccontextmanager
async def _serving(app: FastAPI) -> AsyncIterator[None]:
    """Few request threads; and the objects of the started server kept out of the
    garbage collector's full passes, which otherwise stall every request for
    a tenth of a second or more once the remembered answers have grown."""
    to_thread.current_default_thread_limiter().total_tokens = REQUEST_THREADS
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _error(request: Request, status: int, message: str) -> Response:
    if request.url.path.startswith("/api/") or not hasattr(request.state, "csrf"):
        return JSONResponse({"detail": message}, status_code=status)
    return state_of(request).render(request, "error.html", status=status, message=message)


def _templates() -> Environment:
    env = Environment(
        loader=FileSystemLoader(WEB_ROOT / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["day"] = _day
    env.filters["confidence"] = lambda value: f"{value:.2f}"
    env.filters["mark_terms"] = mark_terms
    env.globals["query"] = lambda params: urlencode(params)
    env.globals["bar_chart"] = bar_chart
    return env


def mark_terms(text: str, search: str) -> Markup:
    """``text`` escaped, with the words of ``search`` wrapped in ``<mark>``."""
    pattern = _terms_pattern(search or "")
    if pattern is None:
        return escape(text)
    pieces: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        pieces += (escape(text[last : match.start()]), "<mark>", escape(match.group()), "</mark>")
        last = match.end()
    pieces.append(escape(text[last:]))
    return Markup("".join(pieces))


@lru_cache(maxsize=256)
def _terms_pattern(search: str) -> re.Pattern[str] | None:
    """One pattern for the words of a search, longest first; None without any."""
    words = [w.strip('"*').casefold() for w in re.findall(r'"[^"]*"|\S+', search)]
    words = sorted({w for w in words if len(w) > 1}, key=len, reverse=True)
    if not words:
        return None
    return re.compile("|".join(re.escape(w) for w in words), re.I)


def _day(value: datetime | date | None) -> str:
    if value is None:
        return "undated"
    return value.strftime("%Y-%m-%d")


def _here(request: Request) -> str:
    """This page's path and query, without the notice of a previous correction."""
    params = [(key, value) for key, value in request.query_params.multi_items() if key != "done"]
    return request.url.path + (f"?{urlencode(params)}" if params else "")
