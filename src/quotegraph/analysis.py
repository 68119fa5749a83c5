"""The pure one-document function: text and metadata in, an Analysis out.

Cleaning takes the page furniture out and keeps a map back to the text as
received; the NLP steps run on the cleaned text; every span they produce is
mapped back, so the Analysis speaks only in offsets of the original.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import datetime

from spacy.language import Language
from spacy.tokens import Doc

from quotegraph.actors import DocumentActors, find_actors
from quotegraph.clean import Cleaned, OffsetMap, clean
from quotegraph.ingest.fields import authors_field, datetime_field, text_field
from quotegraph.model import AttributionTagger
from quotegraph.nlp import load_pipeline, pipeline_label
from quotegraph.quotes import find_quotes
from quotegraph.quotes.combine import MIN_CONFIDENCE, combine
from quotegraph.quotes.edges import settle_edges
from quotegraph.quotes.silent import without_silent_source
from quotegraph.records import Analysis, ArticleMeta, Fragments, Mention, Quote, Span

_META_FIELDS = ("source", "title", "url", "outlet", "published", "updated", "authors")


@dataclass(frozen=True, slots=True)
class Prepared:
    """A document ready for the NLP steps: its text cleaned, its metadata merged."""

    text: str
    meta: ArticleMeta
    cleaned: Cleaned


def prepare(text: str, meta: ArticleMeta, *, remove_furniture: bool = True) -> Prepared:
    """Clean ``text`` and complete ``meta`` with what the page itself says.

    Metadata given by the caller wins over what cleaning reads from datelines
    and bylines.
    """
    cleaned = (
        clean(text, title=meta.title, outlet=meta.outlet) if remove_furniture else _as_is(text)
    )
    merged = replace(
        meta,
        title=meta.title or cleaned.headline,
        outlet=meta.outlet or cleaned.outlet,
        published=meta.published or cleaned.published,
        updated=meta.updated or cleaned.updated,
        authors=meta.authors or cleaned.authors,
    )
    return Prepared(text=text, meta=merged, cleaned=cleaned)


@functools.cache
def load_tagger(threads: int = 1) -> AttributionTagger:
    """The shipped attribution tagger, loaded once per process."""
    return AttributionTagger.load(threads=threads)


def finish(
    prepared: Prepared,
    doc: Doc,
    *,
    pipeline: str = "",
    tagger: AttributionTagger | None = None,
    use_rules: bool = True,
) -> Analysis:
    """Run the document steps on a parsed cleaned text and map spans back.

    With a ``tagger``, its attributions join those of the rules (or stand
    alone, without ``use_rules``, to measure it); without, the rules decide.
    """
    actors = find_actors(doc)
    quotes = find_quotes(doc, actors) if use_rules else ()
    text = doc.text  # spaCy rebuilds it on every access
    if tagger is not None:
        sure = tagger.decoding("min_confidence", MIN_CONFIDENCE)
        quotes = combine(doc, quotes, tagger.predict(text, doc), actors, sure)
    if prepared.cleaned.headline_span is not None:
        actors, quotes = _settle_headline(actors, quotes, prepared.cleaned.headline_span)
    quotes = tuple(settle_edges(text, without_silent_source(doc, quote)) for quote in quotes)
    offsets = prepared.cleaned.offsets
    return Analysis(
        text=prepared.text,
        meta=prepared.meta,
        removed=prepared.cleaned.removed,
        entities=actors.entities,
        mentions=tuple(_map_mention(m, offsets) for m in actors.mentions),
        quotes=tuple(_map_quote(q, offsets) for q in quotes),
        pipeline=pipeline,
    )


def analyze(
    text: str,
    *,
    nlp: Language | None = None,
    remove_furniture: bool = True,
    rules_only: bool = False,
    **metadata: object,
) -> Analysis:
    """Find the quotes, speakers and mentions of one article.

    ``metadata`` takes ``source``, ``title``, ``url``, ``outlet``,
    ``published`` and ``updated`` (datetime or ISO 8601 text) and ``authors``.
    Every span of the result is a pair of offsets into ``text``. With
    ``rules_only`` the learned tagger is left out.
    """
    nlp = nlp or load_pipeline()
    prepared = prepare(text, meta_from(metadata), remove_furniture=remove_furniture)
    tagger = None if rules_only else load_tagger()
    return finish(prepared, nlp(prepared.cleaned.text), pipeline=pipeline_label(nlp), tagger=tagger)


def analyze_many(
    items: Iterable[Prepared],
    nlp: Language,
    *,
    batch_size: int = 32,
    tagger: AttributionTagger | None = None,
    use_rules: bool = True,
) -> Iterator[Analysis]:
    """Analyse prepared documents in order, parsing them in batches."""
    label = pipeline_label(nlp)
    pending = list(items)
    docs = nlp.pipe((p.cleaned.text for p in pending), batch_size=batch_size)
    for prepared, doc in zip(pending, docs, strict=True):
        yield finish(prepared, doc, pipeline=label, tagger=tagger, use_rules=use_rules)


def meta_from(metadata: Mapping[str, object]) -> ArticleMeta:
    """Build ArticleMeta from keyword metadata, reading dates given as ISO 8601 text."""
    unknown = set(metadata) - set(_META_FIELDS)
    if unknown:
        raise TypeError(
            f"unknown metadata: {', '.join(sorted(unknown))}; use {', '.join(_META_FIELDS)}"
        )
    source = str(metadata.get("source") or "")
    return ArticleMeta(
        source=source,
        title=text_field(metadata.get("title")),
        url=text_field(metadata.get("url")),
        outlet=text_field(metadata.get("outlet")),
        published=_moment(metadata.get("published"), source),
        updated=_moment(metadata.get("updated"), source),
        authors=authors_field(metadata.get("authors")),
    )


def _moment(value: object, source: str) -> datetime | None:
    return value if isinstance(value, datetime) else datetime_field(value, source)


def _settle_headline(
    actors: DocumentActors, quotes: tuple[Quote, ...], headline: Span
) -> tuple[DocumentActors, tuple[Quote, ...]]:
    """The actors and quotes of a text that ``headline`` opens.

    The headline is read for what it attributes, but an actor only it names is
    not one of the article's (a bare "Council", the "Harbour" of "Harbour
    master"): it is left out and the speakers renumbered.
    """
    actors, new_ids = actors.without_entities_only_in(*headline)
    settled = tuple(
        replace(quote, speaker=None if quote.speaker is None else new_ids.get(quote.speaker))
        for quote in quotes
    )
    return actors, settled


def _as_is(text: str) -> Cleaned:
    return Cleaned(
        text=text,
        offsets=OffsetMap.identity(len(text)),
        removed=(),
        headline=None,
        published=None,
        updated=None,
        authors=(),
    )


def _map_span(span: Span, offsets: OffsetMap) -> Span:
    fragments = offsets.span_to_original(*span)
    return (fragments[0][0], fragments[-1][1])


def _map_fragments(fragments: Fragments, offsets: OffsetMap) -> Fragments:
    return tuple(
        piece for start, end in fragments for piece in offsets.span_to_original(start, end)
    )


def _map_quote(quote: Quote, offsets: OffsetMap) -> Quote:
    return replace(
        quote,
        content=_map_fragments(quote.content, offsets),
        cue=_map_span(quote.cue, offsets) if quote.cue else None,
        source=_map_span(quote.source, offsets) if quote.source else None,
    )


def _map_mention(mention: Mention, offsets: OffsetMap) -> Mention:
    start, end = _map_span((mention.start, mention.end), offsets)
    return replace(mention, start=start, end=end)
