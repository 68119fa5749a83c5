"""End to end in headless Chromium: search, read in context, correct, and the correction stays.

Runs ``quotegraph run`` on a folder of invented articles, serves the store with
uvicorn on a free loopback port and drives Debian's chromium with Playwright.
Screenshots land in test-output/screenshots/ for a person to look at.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from quotegraph.corpus import Corpus
from quotegraph.web import create_app

CHROMIUM = Path("/usr/bin/chromium")
ARTICLES = Path(__file__).parent / "articles"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"{CHROMIUM} is missing: install Debian's chromium (scripts/system-deps.sh)",
)
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is missing")
uvicorn = pytest.importorskip("uvicorn")


def quotegraph_run(folder: Path, db: Path) -> None:
    """What a user does: ``quotegraph run FOLDER --db DB``."""
    command = Path(sys.executable).with_name("quotegraph")
    subprocess.run(
        [str(command), "run", str(folder), "--db", str(db), "--top", "0"],
        check=True,
        capture_output=True,
        timeout=120,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A server on a free loopback port over a store made by ``quotegraph run``."""
    db = tmp_path_factory.mktemp("browser") / "news.db"
    quotegraph_run(ARTICLES, db)
    port = free_port()
    with Corpus(db) as corpus:
        config = uvicorn.Config(create_app(corpus), host="127.0.0.1", port=port, log_level="error")
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 15
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.started, "the server did not start"
        yield f"http://127.0.0.1:{port}", db
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    opened = context.new_page()
    dialogs: list[str] = []
    opened.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    yield opened
    assert not dialogs, f"a script from the data ran: {dialogs}"
    assert opened.evaluate("window.__pwned") is None, "a script from the data ran"
    context.close()


def test_search_read_in_context_and_correct(site: tuple[str, Path], page: Any) -> None:
    """Find what a speaker said about a subject, check it in the article, fix the speaker."""
    base, db = site
    p: Any = page
    p.goto(base + "/")
    p.fill("input[name=q]", "petition")
    p.fill("input[name=speaker]", "Lindqvist")
    p.click("form.search button")
    result = p.locator(".results .quote").first
    sync_api.expect(result).to_contain_text("the council would read the petition carefully")
    sync_api.expect(result.locator(".speaker")).to_have_text("Harriet Lindqvist")
    p.screenshot(path=str(SCREENSHOTS / "1-search.png"))

    result.locator("a.context").click()
    selected = p.locator("#article-text .hl-quote.selected")
    sync_api.expect(selected.first).to_be_visible()
    assert "".join(selected.all_text_contents()) == "the council would read the petition carefully"
    assert "Harriet Lindqvist" in (selected.first.get_attribute("title") or "")
    for role in ("hl-cue", "hl-source", "hl-mention"):
        assert p.locator(f"#article-text .{role}").count() > 0, role
    assert p.locator("#article-text details.removed").count() > 0
    p.screenshot(path=str(SCREENSHOTS / "2-article.png"))

    card = p.locator(".card.selected")
    card.locator("input[name=actor]").fill("Tobias Renwick")
    card.locator("form.change button").click()
    sync_api.expect(p.locator(".notice")).to_have_text("Speaker changed.")
    card = p.locator(".card.selected")
    sync_api.expect(card.locator(".speaker")).to_have_text("Tobias Renwick")
    p.screenshot(path=str(SCREENSHOTS / "3-corrected.png"))

    p.reload()
    sync_api.expect(p.locator(".card.selected .speaker")).to_have_text("Tobias Renwick")
    quotegraph_run(ARTICLES, db)
    p.reload()
    sync_api.expect(p.locator(".card.selected .speaker")).to_have_text("Tobias Renwick")


def test_hostile_text_does_not_run(site: tuple[str, Path], page: Any) -> None:
    """Markup in an article, its title and a search stays text in the browser."""
    base, _ = site
    p: Any = page
    p.goto(base + "/?q=" + "%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E")
    p.goto(base + "/?q=ferry+road")
    p.locator("a.context").first.click()
    sync_api.expect(p.locator("h1")).to_contain_text("<script>")
    p.locator("#article-text").get_by_text("onerror", exact=False).first.hover()
    p.screenshot(path=str(SCREENSHOTS / "4-hostile-article.png"), full_page=True)
    p.goto(base + "/review")
    p.screenshot(path=str(SCREENSHOTS / "5-review.png"))
    p.goto(base + "/overview")
    p.screenshot(path=str(SCREENSHOTS / "6-overview.png"))
