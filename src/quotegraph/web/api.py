"""The JSON API: the same reads and corrections as the pages, for scripts and notebooks.

Every write goes through the Corpus correction methods, so it is stored and
applied again after every re-run. Its OpenAPI description is served at ``/docs``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel, Field

from quotegraph.corpus import Corpus
from quotegraph.web import data
from quotegraph.web.app import state_of
from quotegraph.web.params import search_filters

router = APIRouter(prefix="/api", tags=["api"])

MAX_PER_PAGE = 200


class SpeakerChange(BaseModel):
    """The actor (id or name) who really said the quote."""

    actor: str = Field(min_length=1, max_length=300)


class Merge(BaseModel):
    """Actors to fold into ``keep``."""

    keep: str = Field(min_length=1, max_length=300)
    others: list[str] = Field(min_length=1, max_length=100)


class Split(BaseModel):
    """Quotes of an actor that belong to a different person, called ``name``."""

    quote_ids: list[str] = Field(min_length=1, max_length=1000)
    name: str = Field(min_length=1, max_length=300)


class Rename(BaseModel):
    """The actor's new canonical name."""

    name: str = Field(min_length=1, max_length=300)


@router.get("/quotes")
def quotes(
    request: Request,
    filters: Annotated[data.Filters, Depends(search_filters)],
    per_page: int = Query(data.PER_PAGE, ge=1, le=MAX_PER_PAGE),
) -> dict[str, Any]:
    """Quotes matching every filter given, newest first, one page at a time.

    ``total`` counts the matches up to 1,000; ``more`` is true when there are more.
    """
    results = data.search(
        state_of(request).corpus, filters, per_page=per_page, memo=state_of(request).memo
    )
    return {
        "total": results.total,
        "more": results.more,
        "page": results.page,
        "pages": results.pages,
        "quotes": [_quote(row) for row in results.rows],
    }


@router.get("/speakers")
def speakers(
    request: Request,
    search: str = Query("", max_length=300),
    limit: int = Query(50, ge=1, le=1000),
) -> list[dict[str, Any]]:
    """Actors, most quoted first; ``search`` keeps those whose names contain it."""
    return [asdict(row) for row in data.speakers(state_of(request).corpus, search, limit=limit)]


@router.get("/speakers/{key}")
def speaker(request: Request, key: str, page: int = Query(1, ge=1)) -> dict[str, Any]:
    """One actor (by id or name): profile, quotes per month, a page of quotes in time order."""
    state = state_of(request)
    found = data.profile(state.corpus, key, state.memo)
    if found is None:
        raise HTTPException(404, f"no speaker {key!r}")
    results = data.speaker_quotes(state.corpus, found.id, page, state.memo)
    return {
        **asdict(found),
        "page": results.page,
        "pages": results.pages,
        "quotes": [_quote(row) for row in results.rows],
    }


@router.get("/articles/{article_id}")
def article(request: Request, article_id: str) -> dict[str, Any]:
    """An article's text, metadata, removed furniture, mentions and quotes with offsets."""
    store = state_of(request).corpus.store
    if not store.has_article(article_id):
        raise HTTPException(404, f"no article {article_id!r}")
    analysis = store.load_analysis(article_id)
    return {
        "id": article_id,
        "meta": asdict(analysis.meta),
        "text": analysis.text,
        "removed": [asdict(item) for item in analysis.removed],
        "mentions": [asdict(item) for item in analysis.mentions],
        "entities": [asdict(item) for item in analysis.entities],
        "quotes": [_quote(row) for row in store.article_quotes(article_id)],
    }


@router.get("/stats")
def stats(request: Request) -> dict[str, Any]:
    """Counts, the most quoted speakers, quotes per month and the last run's failures."""
    state = state_of(request)
    corpus = state.corpus
    return {
        **asdict(corpus.stats()),
        "top_speakers": [asdict(row) for row in corpus.speakers(limit=10)],
        "timeline": [
            {"month": month, "quotes": count} for month, count in data.timeline(corpus, state.memo)
        ],
        "failures": [asdict(row) for row in corpus.failures()],
    }


@router.get("/review")
def review(request: Request, limit: int = Query(50, ge=1, le=500)) -> list[dict[str, Any]]:
    """The least confident attributions, to check first."""
    return [_quote(row) for row in data.review_queue(state_of(request).corpus, limit=limit)]


@router.get("/corrections")
def corrections(request: Request, include_undone: bool = False) -> list[dict[str, Any]]:
    """Every stored correction, oldest first."""
    corpus = state_of(request).corpus
    return [asdict(item) for item in corpus.corrections(include_undone=include_undone)]


@router.post("/quotes/{quote_id}/accept")
def accept(request: Request, quote_id: str) -> Any:
    """Confirm the quote and its speaker as they are."""
    return _write(request, lambda corpus: corpus.accept_quote(quote_id))


@router.post("/quotes/{quote_id}/reject")
def reject(request: Request, quote_id: str) -> Any:
    """Mark the quote as not a quote: it leaves the results."""
    return _write(request, lambda corpus: corpus.reject_quote(quote_id))


@router.post("/quotes/{quote_id}/speaker")
def change_speaker(request: Request, quote_id: str, body: SpeakerChange) -> Any:
    """Attribute the quote to another actor (an id or a name)."""
    return _write(request, lambda corpus: corpus.correct_speaker(quote_id, body.actor.strip()))


@router.post("/actors/merge")
def merge(request: Request, body: Merge) -> Any:
    """Fold ``others`` into ``keep``: one person under several names."""
    return _write(request, lambda corpus: corpus.merge_actors(body.keep, body.others))


@router.post("/actors/{key}/split")
def split(request: Request, key: str, body: Split) -> Any:
    """Move some quotes of an actor to a new actor: two people under one name."""
    return _write(
        request,
        lambda corpus: corpus.split_actor(key, quote_ids=body.quote_ids, name=body.name.strip()),
    )


@router.post("/actors/{key}/rename")
def rename(request: Request, key: str, body: Rename) -> Any:
    """Give the actor another canonical name."""
    return _write(request, lambda corpus: corpus.rename_actor(key, body.name.strip()))


@router.post("/corrections/{correction_id}/undo")
def undo(request: Request, correction_id: int) -> Any:
    """Take a correction back."""
    return _write(request, lambda corpus: corpus.undo(correction_id))


def _write(request: Request, action: Callable[[Corpus], Any]) -> Any:
    state = state_of(request)
    state.access.check_api(request)
    with state.writing():
        return _plain(action(state.corpus))


def _quote(row: Any) -> dict[str, Any]:
    return {**asdict(row), "url": f"/articles/{row.article_id}#quote-{row.id}"}


def _plain(value: Any) -> Any:
    if value is None:
        return {"ok": True}
    if hasattr(value, "__dataclass_fields__"):
        return asdict(value)
    return value
