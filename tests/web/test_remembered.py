"""Pages are remembered between requests, yet each browser gets its own token and fresh data."""

from __future__ import annotations

from fastapi.testclient import TestClient
from tests.web.conftest import BASE, csrf_of

from quotegraph.corpus import Corpus
from quotegraph.store import QuoteQuery
from quotegraph.web import create_app


def test_a_remembered_page_carries_each_browsers_own_token(corpus: Corpus) -> None:
    app = create_app(corpus)
    tokens = []
    for _ in range(2):
        with TestClient(app, base_url=BASE) as browser:
            token = csrf_of(browser)
            assert token == browser.cookies["qg_csrf"]
            assert csrf_of(browser) == token
            tokens.append(token)
    assert tokens[0] != tokens[1]


def test_a_write_by_another_process_shows_at_once(client: TestClient, corpus: Corpus) -> None:
    """A correction made outside the server (another connection) is on the next page served."""
    assert "had arrived" in client.get("/?q=cranes").text
    [row] = corpus.quotes(QuoteQuery(search="cranes"))
    with Corpus(corpus.store.name) as elsewhere:
        elsewhere.reject_quote(row.id)
    assert "had arrived" not in client.get("/?q=cranes").text
