"""Running the app with uvicorn, in one process or in several that share the port.

Several processes use several cores; each opens the store itself (the
settings reach it through the environment), and each one's remembered
answers follow the store's changes, whichever process made them.
"""

from __future__ import annotations

import os

from fastapi import FastAPI

from quotegraph.corpus import Corpus
from quotegraph.web.app import create_app
from quotegraph.web.security import Access

DB_VARIABLE = "QUOTEGRAPH_SERVE_DB"
HOST_VARIABLE = "QUOTEGRAPH_SERVE_HOST"
TOKEN_VARIABLE = "QUOTEGRAPH_SERVE_TOKEN"
LOG_LEVEL = "warning"


def serve(db: str, *, host: str, port: int, access: Access, workers: int = 1) -> None:
    """Serve the store ``db`` on ``host:port`` until interrupted, with ``workers`` processes."""
    import uvicorn

    if workers == 1:
        with Corpus(db) as corpus:
            app = create_app(corpus, access=access)
            uvicorn.run(app, host=host, port=port, log_level=LOG_LEVEL)
        return
    os.environ[DB_VARIABLE] = db
    os.environ[HOST_VARIABLE] = host
    os.environ[TOKEN_VARIABLE] = access.token or ""
    uvicorn.run(
        f"{__name__}:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=LOG_LEVEL,
    )


def app_from_environment() -> FastAPI:
    """The app of one worker process, from the settings its parent put in the environment."""
    access = Access.for_bind(os.environ[HOST_VARIABLE], os.environ.get(TOKEN_VARIABLE) or None)
    return create_app(Corpus(os.environ[DB_VARIABLE]), access=access)
