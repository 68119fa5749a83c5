"""Running the whole pipeline over a gold folder and scoring what it finds."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

from quotegraph.analysis import analyze_many, load_tagger, prepare
from quotegraph.errors import UsageError
from quotegraph.evaluate.gold import GoldDocument
from quotegraph.evaluate.gold_folder import read_gold
from quotegraph.evaluate.predictions import Prediction
from quotegraph.evaluate.scores import Scores
from quotegraph.evaluate.scoring import score
from quotegraph.export.attribution import attribution_record
from quotegraph.model import AttributionTagger
from quotegraph.nlp import load_pipeline
from quotegraph.quotes import join_continuations
from quotegraph.records import ArticleMeta, Quote
from quotegraph.settings import ATTRIBUTION_MODES, DEFAULT_PIPELINE


def analyse_gold(
    documents: Sequence[GoldDocument],
    *,
    pipeline: str = DEFAULT_PIPELINE,
    attribution: str = "combined",
    tagger: AttributionTagger | None = None,
    on_doc_done: Callable[[], None] | None = None,
) -> dict[str, tuple[Quote, ...]]:
    """The quotes the pipeline finds in each gold document's text, by stem.

    ``attribution`` is ``combined`` (rules and tagger), ``rules`` or ``model``;
    ``tagger`` is the attribution tagger to use (default: the shipped one).
    """
    if attribution not in ATTRIBUTION_MODES:
        raise UsageError(f"attribution must be one of {', '.join(ATTRIBUTION_MODES)}")
    nlp = load_pipeline(pipeline)
    if attribution == "rules":
        tagger = None
    elif tagger is None:
        tagger = load_tagger()
    prepared = (prepare(doc.text, ArticleMeta(source=doc.stem)) for doc in documents)
    analyses = analyze_many(prepared, nlp, tagger=tagger, use_rules=attribution != "model")
    found: dict[str, tuple[Quote, ...]] = {}
    for doc, analysis in zip(documents, analyses, strict=True):
        found[doc.stem] = analysis.quotes
        if on_doc_done:
            on_doc_done()
    return found


def evaluate_folder(
    gold_folder: Path,
    *,
    pipeline: str = DEFAULT_PIPELINE,
    attribution: str = "combined",
    model: Path | None = None,
    docs: Sequence[str] | None = None,
    predictions_out: Path | None = None,
    on_total: Callable[[int], None] | None = None,
    on_doc_done: Callable[[], None] | None = None,
) -> Scores:
    """Analyse every text of a brat-standoff folder and score it against the gold.

    ``model`` is the folder of an attribution model to use instead of the shipped one
    (the rules alone use none).
    """
    tagger = AttributionTagger.load(model) if model and attribution != "rules" else None
    gold = read_gold(gold_folder)
    if docs:
        wanted = set(docs)
        gold = [doc for doc in gold if doc.stem in wanted]
    if on_total:
        on_total(len(gold))
    found = analyse_gold(
        gold, pipeline=pipeline, attribution=attribution, tagger=tagger, on_doc_done=on_doc_done
    )
    if predictions_out is not None:
        with predictions_out.open("w", encoding="utf-8") as out:
            for stem, quotes in found.items():
                out.write(json.dumps(attribution_record(stem, quotes)) + "\n")
    return score(gold, {stem: as_predictions(quotes) for stem, quotes in found.items()})


def as_predictions(quotes: Sequence[Quote]) -> list[Prediction]:
    """Quotes as scorer predictions, each multi-paragraph quote as one attribution."""
    return [
        Prediction(content=q.content, cue=q.cue, source=q.source, kind=q.kind)
        for q in join_continuations(quotes)
    ]
