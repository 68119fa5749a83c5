"""The JSON API: searching, speakers, articles, the overview and corrections."""

from __future__ import annotations

from fastapi.testclient import TestClient
from tests.web.conftest import HARBOUR_TEXT, actor_id, needs_corrections

from quotegraph.corpus import Corpus


def test_search_finds_quotes_by_words_newest_first(client: TestClient) -> None:
    """A full-text search returns the matching quotes with their speaker, date and a link."""
    body = client.get("/api/quotes", params={"q": "harbour"}).json()
    assert body["total"] == 2
    first, second = body["quotes"]
    assert first["published"].startswith("2024-06-09")
    assert first["content_text"] == "the harbour plan was sound"
    assert second["speaker_name"] and "Varga" in second["speaker_name"]
    assert second["url"] == f"/articles/harbour-ready#quote-{second['id']}"


def test_search_filters_combine(client: TestClient) -> None:
    """Speaker, outlet, kind, cue type and dates all narrow the results."""

    def total(**params: str) -> int:
        response = client.get("/api/quotes", params=params)
        assert response.status_code == 200, response.text
        return int(response.json()["total"])

    assert total() == 5
    assert total(speaker="Varga") == 3
    assert total(outlet="norrvik") == 3
    assert total(kind="direct") == 2
    assert total(cue_type="stance") == 1
    assert total(cue_type="stance", kind="direct") == 0
    assert total(since="2024-06-01") == 2
    assert total(until="2024-05-02") == 3
    assert total(q="cranes", speaker="Varga", kind="indirect") == 1
    assert total(q='"no such phrase anywhere"') == 0


def test_search_pages(client: TestClient) -> None:
    """Results come a page at a time and the pages cover every quote once."""
    seen = []
    for page in (1, 2, 3):
        body = client.get("/api/quotes", params={"per_page": 2, "page": page}).json()
        assert body["pages"] == 3
        seen += [quote["id"] for quote in body["quotes"]]
    assert len(seen) == len(set(seen)) == 5


def test_bad_filters_are_refused_with_a_message(client: TestClient) -> None:
    """A malformed date, an unknown kind or cue type is a 400 that says what is wrong."""
    response = client.get("/api/quotes", params={"since": "last tuesday"})
    assert response.status_code == 400
    assert "2021-04-30" in response.json()["detail"]
    assert client.get("/api/quotes", params={"kind": "shouted"}).status_code == 400
    refused = client.get("/api/quotes", params={"cue_type": "shouted"})
    assert refused.status_code == 400 and "belief" in refused.json()["detail"]


def test_speaker_profile_by_id_and_by_name(client: TestClient, corpus: Corpus) -> None:
    """A speaker is found by actor id or name, with counts per month and quotes in time order."""
    varga = actor_id(corpus, "Ines Varga")
    body = client.get(f"/api/speakers/{varga}").json()
    assert body["id"] == varga
    assert body["quote_count"] == 3
    assert [month for month, _ in body["months"]] == ["2024-05", "2024-06"]
    dates = [quote["published"] for quote in body["quotes"]]
    assert dates == sorted(dates)
    assert client.get("/api/speakers/Dr Ines Varga").json()["id"] == varga
    assert client.get("/api/speakers/nobody-at-all").status_code == 404


def test_speaker_list_searches_names(client: TestClient) -> None:
    """The speaker list keeps the names that contain the search."""
    names = [row["name"] for row in client.get("/api/speakers", params={"search": "varga"}).json()]
    assert names == ["Ines Varga"]


def test_article_has_text_offsets_and_quotes(client: TestClient) -> None:
    """An article comes back with its text as received and every span as offsets."""
    body = client.get("/api/articles/harbour-ready").json()
    assert body["text"] == HARBOUR_TEXT
    assert [item["kind"] for item in body["removed"]] == ["credit", "controls"]
    start, end = body["quotes"][0]["content"][0]
    assert body["text"][start:end] == "The harbour wall will be ready in May,"
    assert client.get("/api/articles/missing").status_code == 404


def test_stats_and_review(client: TestClient) -> None:
    """The overview counts and the review queue of the least confident quotes."""
    stats = client.get("/api/stats").json()
    assert (stats["articles"], stats["quotes"]) == (2, 5)
    assert stats["timeline"] == [
        {"month": "2024-05", "quotes": 3},
        {"month": "2024-06", "quotes": 2},
    ]
    review = client.get("/api/review").json()
    confidences = [quote["confidence"] for quote in review]
    assert confidences == sorted(confidences)
    assert all(value <= 0.6 for value in confidences)


def test_openapi_docs_are_served(client: TestClient) -> None:
    """The API describes itself at /docs."""
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert "/api/quotes" in paths
    assert "/api/quotes/{quote_id}/speaker" in paths


@needs_corrections
def test_changing_a_speaker_is_stored_and_shown(client: TestClient, corpus: Corpus) -> None:
    """A speaker correction through the API changes what searches return."""
    quote = client.get("/api/quotes", params={"q": "optimistic"}).json()["quotes"][0]
    response = client.post(f"/api/quotes/{quote['id']}/speaker", json={"actor": "Dr Ines Varga"})
    assert response.status_code == 200, response.text
    again = client.get("/api/quotes", params={"q": "optimistic"}).json()["quotes"][0]
    assert again["speaker_name"] == "Ines Varga"
    assert any(item for item in client.get("/api/corrections").json())


@needs_corrections
def test_rejecting_then_undoing(client: TestClient) -> None:
    """A rejected quote leaves the results; undoing the correction brings it back."""
    quote = client.get("/api/quotes", params={"q": "cranes"}).json()["quotes"][0]
    assert client.post(f"/api/quotes/{quote['id']}/reject").status_code == 200
    assert client.get("/api/quotes", params={"q": "cranes"}).json()["total"] == 0
    correction = client.get("/api/corrections").json()[-1]
    assert client.post(f"/api/corrections/{correction['id']}/undo").status_code == 200
    assert client.get("/api/quotes", params={"q": "cranes"}).json()["total"] == 1


@needs_corrections
def test_accepting_takes_a_quote_out_of_review(client: TestClient) -> None:
    """An accepted attribution no longer waits in the review queue."""
    waiting = client.get("/api/review").json()
    assert client.post(f"/api/quotes/{waiting[0]['id']}/accept").status_code == 200
    assert waiting[0]["id"] not in [quote["id"] for quote in client.get("/api/review").json()]


@needs_corrections
def test_rename_merge_split(client: TestClient, corpus: Corpus) -> None:
    """Actors can be renamed, merged and split through the API."""
    varga = actor_id(corpus, "Ines Varga")
    assert (
        client.post(f"/api/actors/{varga}/rename", json={"name": "Ines M. Varga"}).status_code
        == 200
    )
    assert client.get(f"/api/speakers/{varga}").json()["name"] == "Ines M. Varga"
    quotes = client.get(f"/api/speakers/{varga}").json()["quotes"]
    response = client.post(
        f"/api/actors/{varga}/split",
        json={"quote_ids": [quotes[-1]["id"]], "name": "Ines Varga Jr"},
    )
    assert response.status_code == 200, response.text
    assert client.get(f"/api/speakers/{varga}").json()["quote_count"] == len(quotes) - 1
    other = client.get("/api/speakers", params={"search": "Jr"}).json()[0]["id"]
    response = client.post("/api/actors/merge", json={"keep": varga, "others": [other]})
    assert response.status_code == 200, response.text
    assert client.get(f"/api/speakers/{varga}").json()["quote_count"] == len(quotes)
