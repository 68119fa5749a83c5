"""Invariants of scoring, checked on generated documents."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from quotegraph.evaluate import GoldAttribution, GoldDocument, Prediction, Scores, score
from quotegraph.evaluate.spans import WordIndex, visible_chars
from quotegraph.records import Fragments

PIECES = [
    "Ann",
    "Bo",
    "said",
    "tolls",
    "rise",
    "9",
    " ",
    " ",
    "\n",
    "“",
    "”",
    '"',
    "''",
    "``",
    ",",
    ".",
]

PROPERTY = settings(max_examples=30, deadline=None, database=None)

texts = st.lists(st.sampled_from(PIECES), min_size=4, max_size=30).map("".join)


def fragments(length: int) -> st.SearchStrategy[Fragments]:
    """One to three fragments, possibly overlapping, inside a text of ``length`` characters."""
    starts_and_widths = st.tuples(st.integers(0, length - 1), st.integers(1, 12))
    return st.lists(starts_and_widths, min_size=1, max_size=3).map(
        lambda pairs: tuple((start, min(length, start + width)) for start, width in pairs)
    )


def maybe_fragments(length: int) -> st.SearchStrategy[Fragments]:
    return st.one_of(st.just(()), fragments(length))


@st.composite
def documents(draw: st.DrawFn, stem: str) -> GoldDocument:
    text = draw(texts)
    attributions = draw(
        st.lists(
            st.builds(
                GoldAttribution,
                fragments(len(text)),
                maybe_fragments(len(text)),
                maybe_fragments(len(text)),
            ),
            max_size=4,
        )
    )
    return GoldDocument(stem, text, tuple(attributions))


def predictions_for(document: GoldDocument) -> st.SearchStrategy[list[Prediction]]:
    length = len(document.text)
    return st.lists(
        st.builds(
            Prediction,
            fragments(length),
            maybe_fragments(length).map(lambda span: span or None),
            maybe_fragments(length).map(lambda span: span or None),
            st.sampled_from([None, "direct", "mixed", "indirect"]),
        ),
        max_size=4,
    )


@st.composite
def corpora(draw: st.DrawFn) -> tuple[list[GoldDocument], dict[str, list[Prediction]]]:
    gold = [draw(documents(stem)) for stem in ("one", "two")]
    return gold, {document.stem: draw(predictions_for(document)) for document in gold}


def as_prediction(attribution: GoldAttribution) -> Prediction:
    return Prediction(attribution.content, attribution.cue or None, attribution.source or None)


def distinct(document: GoldDocument) -> GoldDocument:
    """The document keeping attributions with words whose visible characters no other has."""
    words = WordIndex(document.text)
    seen: set[frozenset[int]] = set()
    kept = []
    for attribution in document.attributions:
        chars = visible_chars(document.text, attribution.content)
        if words.touched(attribution.content) and chars not in seen:
            seen.add(chars)
            kept.append(attribution)
    return replace(document, attributions=tuple(kept))


@PROPERTY
@given(st.lists(documents("doc"), min_size=1, max_size=3))
def test_gold_as_predictions_scores_perfectly(generated: list[GoldDocument]) -> None:
    """Predicting exactly the gold gives 1 on every figure that has something to count."""
    gold = [
        replace(distinct(document), stem=f"doc{index}") for index, document in enumerate(generated)
    ]
    predictions = {
        document.stem: [as_prediction(a) for a in document.attributions] for document in gold
    }
    scores = score(gold, predictions)
    for row in scores.subsets:
        assert row.n_pred == row.n_gold
        if row.n_gold:
            for rates in (row.exact, row.partial, row.end_to_end):
                assert (rates.precision, rates.recall, rates.f1) == (1.0, 1.0, 1.0)
            assert (row.source_accuracy, row.cue_accuracy) == (1.0, 1.0)
    for role in scores.roles:
        assert role.n_pred == role.n_gold
        assert role.rates.f1 == (1.0 if role.n_gold else 0.0)


def rates_of(scores: Scores) -> list[tuple[float, ...]]:
    rows = [(row.exact, row.partial, row.end_to_end) for row in scores.subsets]
    figures: list[tuple[float, ...]] = [
        (r.precision, r.recall, r.f1) for triple in rows for r in triple
    ]
    figures += [(row.source_accuracy, row.cue_accuracy) for row in scores.subsets]
    return figures + [(r.rates.precision, r.rates.recall, r.rates.f1) for r in scores.roles]


@PROPERTY
@given(corpora())
def test_documents_order_and_repetition_do_not_matter(
    corpus: tuple[list[GoldDocument], dict[str, list[Prediction]]],
) -> None:
    """Scores are micro-averages: reordering the documents or scoring each twice changes no rate."""
    gold, predictions = corpus
    scores = score(gold, predictions)
    assert score(gold[::-1], dict(reversed(predictions.items()))) == scores
    copies = [replace(document, stem=document.stem + "-copy") for document in gold]
    doubled = {**predictions, **{stem + "-copy": items for stem, items in predictions.items()}}
    twice = score(gold + copies, doubled)
    assert rates_of(twice) == rates_of(scores)
    assert [row.n_gold for row in twice.subsets] == [2 * row.n_gold for row in scores.subsets]


@PROPERTY
@given(corpora())
def test_counts_are_consistent(
    corpus: tuple[list[GoldDocument], dict[str, list[Prediction]]],
) -> None:
    """Rates lie in [0, 1], hits never exceed what was there, and direct plus non-direct is all."""
    gold, predictions = corpus
    scores = score(gold, predictions)
    assert all(0.0 <= value <= 1.0 for figures in rates_of(scores) for value in figures)
    for row in scores.subsets:
        assert row.end_to_end.tp <= row.partial.tp <= row.n_gold
        assert row.exact.tp <= row.n_gold
    for role in scores.roles:
        assert role.rates.tp <= min(role.n_gold, role.n_pred)
    whole, direct, other = (scores.subset(name) for name in ("all", "direct", "non-direct"))
    for count in (
        lambda row: row.n_gold,
        lambda row: row.n_pred,
        lambda row: row.exact.tp,
        lambda row: row.partial.tp,
        lambda row: row.end_to_end.tp,
        lambda row: row.matched_without_source,
    ):
        assert count(whole) == count(direct) + count(other)
