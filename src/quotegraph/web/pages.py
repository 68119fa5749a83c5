"""The pages: search, speakers, articles, review, overview, and the forms that correct.

Pages are rendered on the server from the templates; every correction is a
plain form post that comes back to the page it was made on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi.responses import RedirectResponse
from markupsafe import Markup

from quotegraph.corpus import Corpus
from quotegraph.errors import UsageError
from quotegraph.records import CUE_TYPES, QUOTE_KINDS
from quotegraph.web import data
from quotegraph.web.app import state_of
from quotegraph.web.highlight import highlight
from quotegraph.web.params import search_filters
from quotegraph.web.security import TOKEN_COOKIE, safe_next

router = APIRouter(include_in_schema=False)

MAX_FORM_BYTES = 64_000


@router.get("/")
def search_page(
    request: Request, filters: Annotated[data.Filters, Depends(search_filters)]
) -> Response:
    state = state_of(request)
    error, results = None, None
    try:
        results = data.search(state.corpus, filters, memo=state.memo)
    except UsageError as exc:
        error = str(exc)
    return state.render(
        request,
        "search.html",
        filters=filters,
        results=results,
        error=error,
        kinds=QUOTE_KINDS,
        cue_types=CUE_TYPES,
        speaker_names=_speaker_names(request),
        outlets=_outlets(request),
    )


@router.get("/speakers")
def speakers_page(request: Request, search: str = Query("", max_length=300)) -> Response:
    state = state_of(request)
    rows = data.speakers(state.corpus, search, limit=300)
    return state.render(request, "speakers.html", rows=rows, search=search)


@router.get("/speakers/{key}")
def speaker_page(request: Request, key: str, page: int = Query(1, ge=1)) -> Response:
    state = state_of(request)
    found = data.profile(state.corpus, key, state.memo)
    if found is None:
        raise HTTPException(404, f"No speaker called {key!r}. Try the speaker list.")
    results = data.speaker_quotes(state.corpus, found.id, page, state.memo)
    return state.render(
        request,
        "speaker.html",
        actor=found,
        results=results,
        speaker_names=_speaker_names(request),
    )


@router.get("/articles/{article_id}")
def article_page(request: Request, article_id: str) -> Response:
    state = state_of(request)
    store = state.corpus.store
    if not store.has_article(article_id):
        raise HTTPException(404, "No such article in this database.")
    analysis = store.load_analysis(article_id)
    by_content = {row.content: row for row in store.article_quotes(article_id)}
    rows = [by_content.get(quote.content) for quote in analysis.quotes]
    titles = [
        f"{(row.speaker_name if row else None) or 'unknown speaker'} · "
        f"confidence {quote.confidence:.2f} · {quote.kind}"
        for row, quote in zip(rows, analysis.quotes, strict=True)
    ]
    url = analysis.meta.url or ""
    return state.render(
        request,
        "article.html",
        article_id=article_id,
        analysis=analysis,
        meta=analysis.meta,
        safe_url=url if url.lower().startswith(("http://", "https://")) else None,
        text=highlight(analysis, titles),
        quotes=list(enumerate(zip(analysis.quotes, rows, strict=True))),
        speaker_names=_speaker_names(request),
    )


@router.get("/review")
def review_page(request: Request) -> Response:
    state = state_of(request)
    return state.render(
        request,
        "review.html",
        rows=data.review_queue(state.corpus, limit=50),
        corrections=list(reversed(state.corpus.corrections()))[:30],
        speaker_names=_speaker_names(request),
        max_confidence=data.REVIEW_MAX_CONFIDENCE,
    )


@router.get("/overview")
def overview_page(request: Request) -> Response:
    state = state_of(request)
    corpus = state.corpus
    runs = corpus.store.runs()
    return state.render(
        request,
        "overview.html",
        stats=corpus.stats(),
        top=corpus.speakers(limit=10),
        timeline=data.timeline(corpus, state.memo),
        failures=corpus.failures(),
        last_run=runs[-1] if runs else None,
    )


@router.get("/login")
def login_page(request: Request) -> Response:
    return state_of(request).render(request, "login.html")


@router.post("/login")
async def login(request: Request) -> Response:
    state = state_of(request)
    form = await _form(request)
    state.access.check_form_origin(request, form.get("csrf", ""))
    token = state.access.token
    if token is not None and not state.access.token_matches(form.get("token", "")):
        raise HTTPException(401, "That is not the access token printed by quotegraph serve.")
    response = _back(form, "login")
    if token is not None:
        response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict", path="/")
    return response


@router.post("/actions/quotes/{quote_id}/{action}")
async def quote_action(request: Request, quote_id: str, action: str) -> Response:
    form = await _form(request)
    actions: dict[str, tuple[str, Callable[[Corpus], Any]]] = {
        "accept": ("accepted", lambda corpus: corpus.accept_quote(quote_id)),
        "reject": ("rejected", lambda corpus: corpus.reject_quote(quote_id)),
        "speaker": (
            "speaker",
            lambda corpus: corpus.correct_speaker(quote_id, _field(form, "actor")),
        ),
    }
    if action not in actions:
        raise HTTPException(404, "No such action.")
    done, apply = actions[action]
    return _correct(request, form, done, apply)


@router.post("/actions/actors/{key}/{action}")
async def actor_action(request: Request, key: str, action: str) -> Response:
    form = await _form(request)
    actions: dict[str, tuple[str, Callable[[Corpus], Any]]] = {
        "merge": ("merged", lambda corpus: corpus.merge_actors(key, [_field(form, "other")])),
        "rename": ("renamed", lambda corpus: corpus.rename_actor(key, _field(form, "name"))),
        "split": (
            "split",
            lambda corpus: corpus.split_actor(
                key, quote_ids=_quote_ids(form), name=_field(form, "name")
            ),
        ),
    }
    if action not in actions:
        raise HTTPException(404, "No such action.")
    done, apply = actions[action]
    return _correct(request, form, done, apply)


@router.post("/actions/corrections/{correction_id}/undo")
async def undo_action(request: Request, correction_id: int) -> Response:
    form = await _form(request)
    return _correct(request, form, "undone", lambda corpus: corpus.undo(correction_id))


def _correct(
    request: Request,
    form: dict[str, str],
    done: str,
    apply: Callable[[Corpus], Any],
) -> Response:
    state = state_of(request)
    state.access.check_form(request, form.get("csrf", ""))
    with state.writing():
        apply(state.corpus)
    return _back(form, done)


def _back(form: dict[str, str], done: str) -> Response:
    target = safe_next(form.get("next"))
    path, _, fragment = target.partition("#")
    joiner = "&" if "?" in path else "?"
    location = f"{path}{joiner}done={done}" + (f"#{fragment}" if fragment else "")
    return RedirectResponse(location, status_code=303)


async def _form(request: Request) -> dict[str, str]:
    """The fields of a urlencoded form post (the last value of each, plus ``quote_ids``)."""
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        raise HTTPException(413, "The form is too large.")
    fields = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
    form = {key: values[-1] for key, values in fields.items()}
    form["quote_ids"] = "\n".join(fields.get("quote_ids", []))
    return form


def _field(form: dict[str, str], name: str) -> str:
    value = form.get(name, "").strip()
    if not value:
        raise UsageError(f"fill in the {name} field")
    return value


def _quote_ids(form: dict[str, str]) -> list[str]:
    ids = [value for value in form.get("quote_ids", "").split("\n") if value]
    if not ids:
        raise UsageError("tick the quotes that belong to the other person")
    return ids


def _speaker_names(request: Request) -> Markup:
    """The names of the most quoted speakers, as the options of a datalist."""
    state = state_of(request)
    return state.memo.get(
        ("speaker-names",),
        lambda: _options(row.name for row in state.corpus.speakers(limit=300)),
    )


def _outlets(request: Request) -> Markup:
    """Every outlet, as the options of a datalist."""
    state = state_of(request)
    return state.memo.get(("outlets",), lambda: _options(state.corpus.store.outlets()))


def _options(values: Iterable[str]) -> Markup:
    return Markup("\n").join(Markup('<option value="{}"></option>').format(v) for v in values)
