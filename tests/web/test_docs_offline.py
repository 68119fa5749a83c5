"""The API documentation works without the internet: its assets come from the server."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from quotegraph.corpus import Corpus
from quotegraph.web.app import DOCS_ASSETS, create_app


def test_api_docs_load_their_assets_from_the_server(tmp_path: Path) -> None:
    """/docs references only local scripts and styles, and they are served."""
    with Corpus(tmp_path / "empty.db") as corpus:
        client = TestClient(create_app(corpus), base_url="http://127.0.0.1")
        page = client.get("/docs")
        assert page.status_code == 200
        assert "cdn." not in page.text
        assert f"{DOCS_ASSETS}/swagger-ui-bundle.js" in page.text
        assert client.get(f"{DOCS_ASSETS}/swagger-ui-bundle.js").status_code == 200
