"""The pages: what a person sees, escaped, and the forms that correct through the Corpus."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from tests.web.conftest import (
    BASE,
    EVIL_NAME,
    HANDLER,
    SCRIPT,
    RecordingCorpus,
    actor_id,
    csrf_of,
)

from quotegraph.corpus import Corpus

HOSTILE_MARKUP = re.compile(r"<script>window|<img src=x|<b onmouseover|href=\"javascript:", re.I)


@pytest.mark.parametrize(
    "page",
    [
        "/",
        "/?q=marina",
        f"/?q={SCRIPT}&speaker={HANDLER}",
        "/articles/marina-row",
        "/speakers",
        "/review",
        "/overview",
    ],
)
def test_hostile_text_is_never_markup(client: TestClient, page: str) -> None:
    """Script tags, event handlers and javascript: URLs from articles and searches stay text."""
    response = client.get(page)
    assert response.status_code == 200
    assert not HOSTILE_MARKUP.search(response.text)
    assert "script-src 'self'" in response.headers["content-security-policy"]


def test_hostile_speaker_page(client: TestClient, corpus: Corpus) -> None:
    """A speaker whose name is markup is shown as text."""
    evil = next(row.id for row in corpus.speakers() if "Vex" in row.name)
    text = client.get(f"/speakers/{evil}").text
    assert not HOSTILE_MARKUP.search(text)
    assert "&lt;b onmouseover=" in text


def test_search_page_lists_results_with_links_to_context(client: TestClient) -> None:
    """A search shows quote, speaker, date, outlet and a link to the quote in its article."""
    text = client.get("/", params={"q": "cranes"}).text
    assert "1 quote" in text
    assert "<mark>cranes</mark>" in text
    assert "2024-05-02" in text and "Norrvik Courier" in text
    assert re.search(r'href="/articles/harbour-ready#quote-[0-9a-f]+"', text)


def test_search_page_filters_by_what_the_cue_reports(client: TestClient) -> None:
    """The cue type narrows the results, stays selected, and each result names it."""
    text = client.get("/", params={"cue_type": "stance"}).text
    assert "1 quote" in text
    assert "indirect, stance" in text
    assert "<option selected>stance</option>" in text


def test_search_page_explains_a_bad_date(client: TestClient) -> None:
    """A bad date is a message on the page, not a crash."""
    text = client.get("/", params={"since": "soon"}).text
    assert "is not a date like" in text


def test_article_page_highlights_every_part(client: TestClient) -> None:
    """Quotes, cues, speakers and mentions are marked; furniture is folded and labelled."""
    text = client.get("/articles/harbour-ready").text
    for role in ("hl-quote", "hl-cue", "hl-source", "hl-mention"):
        assert f'class="{role}' in text or f" {role}" in text, role
    assert '<details class="removed"><summary' in text
    assert "removed credit" in text and "removed controls" in text
    assert 'title="Ines Varga · confidence 0.90 · direct"' in text
    assert 'href="https://courier.example/harbour"' in text


def test_hostile_article_keeps_javascript_url_out(client: TestClient) -> None:
    """An article URL with a javascript: scheme is not made a link."""
    text = client.get("/articles/marina-row").text
    assert "javascript:" not in text
    assert EVIL_NAME not in text


def test_speaker_page(client: TestClient, corpus: Corpus) -> None:
    """The profile shows other names, roles, a chart and the quotes."""
    text = client.get(f"/speakers/{actor_id(corpus, 'Ines Varga')}").text
    assert "Dr Ines Varga" in text and "the port engineer" in text
    assert "<svg" in text and "2024-05: 2" in text
    assert client.get("/speakers/nobody").status_code == 404


def test_overview(client: TestClient) -> None:
    """Counts, the most quoted speakers and the timeline."""
    text = client.get("/overview").text
    assert "<strong>2</strong> articles" in text
    assert "Ines Varga" in text and "<svg" in text


def test_forms_correct_through_the_corpus(recording: tuple[RecordingCorpus, TestClient]) -> None:
    """Each form post calls one Corpus correction and comes back to the page it came from."""
    corpus, client = recording
    csrf = csrf_of(client, "/review")
    quote = corpus.quotes()[0].id
    varga = actor_id(corpus, "Ines Varga")
    origin = {"Origin": BASE}
    posts = [
        (f"/actions/quotes/{quote}/accept", {}, ("accept_quote", (quote,))),
        (f"/actions/quotes/{quote}/reject", {}, ("reject_quote", (quote,))),
        (
            f"/actions/quotes/{quote}/speaker",
            {"actor": "Ines Varga"},
            ("correct_speaker", (quote, "Ines Varga")),
        ),
        (
            f"/actions/actors/{varga}/rename",
            {"name": "I. Varga"},
            ("rename_actor", (varga, "I. Varga")),
        ),
        (f"/actions/actors/{varga}/merge", {"other": "Vex"}, ("merge_actors", (varga, ["Vex"]))),
        (
            f"/actions/actors/{varga}/split",
            {"name": "Other Varga", "quote_ids": [quote, "q2"]},
            ("split_actor", (varga, [quote, "q2"], "Other Varga")),
        ),
        ("/actions/corrections/7/undo", {}, ("undo", (7,))),
    ]
    for url, fields, call in posts:
        data = {"csrf": csrf, "next": "/review?x=1", **fields}
        response = client.post(url, data=data, headers=origin, follow_redirects=False)
        assert response.status_code == 303, (url, response.text)
        assert response.headers["location"].startswith("/review?x=1&done=")
        assert corpus.calls[-1] == call
    assert "Speaker changed." in client.get("/review?done=speaker").text


def test_form_with_an_empty_field_says_what_to_fill(
    recording: tuple[RecordingCorpus, TestClient],
) -> None:
    corpus, client = recording
    data = {"csrf": csrf_of(client), "actor": " "}
    response = client.post(
        f"/actions/quotes/{corpus.quotes()[0].id}/speaker", data=data, headers={"Origin": BASE}
    )
    assert response.status_code == 400
    assert "fill in the actor field" in response.text
    assert not corpus.calls
