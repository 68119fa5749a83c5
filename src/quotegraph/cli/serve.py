"""``quotegraph serve``: the web pages and the JSON API over a store."""

from __future__ import annotations

import click

from quotegraph.cli.common import db_option, err, reported_errors


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=int, default=8000, show_default=True, help="Port to listen on.")
@click.option(
    "--token",
    help="Access token for corrections (generated and printed when the host is not local).",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Processes serving requests; one per core serves more people at once.",
)
def serve(db: str, host: str, port: int, token: str | None, workers: int) -> None:
    """Serve the search, speaker, article and review pages and the API (/docs).

    Binds to this machine only by default. With --host set to another
    address, anyone who can reach it can read, and corrections need the
    access token (given with --token or printed at start).
    """
    from quotegraph.store import safe_name
    from quotegraph.web import Access
    from quotegraph.web.serving import serve as run_server

    with reported_errors():
        access = Access.for_bind(host, token)
        shown = f"[{host}]" if ":" in host else host
        address = f"http://{shown}:{port}/"
        err.print(f"Serving {safe_name(db)} on {address}  (API docs: /docs; Ctrl-C stops)")
        if access.token is not None:
            err.print(f"Corrections need the access token: {access.token}")
            err.print(f"Log in at {address}login")
        run_server(db, host=host, port=port, access=access, workers=workers)
