"""Scoring on tiny hand-made documents, with figures worked out by hand."""

from __future__ import annotations

from dataclasses import astuple

import pytest
from tests.spans import at

from quotegraph.errors import MalformedError
from quotegraph.evaluate import (
    GoldAttribution,
    GoldDocument,
    Prediction,
    Rates,
    Scores,
    score,
)
from quotegraph.records import Span

BRIDGE = (
    "Mayor Ilsa Varn said the bridge is safe. “Tolls will rise,” Bo Park warned. "
    "The fund is empty, aides said."
)


def gold(text: str, content: str, source: str | None, cue: str | None = None) -> GoldAttribution:
    return GoldAttribution(
        content=(at(text, content),),
        cue=(at(text, cue),) if cue else (),
        source=(at(text, source),) if source else (),
    )


def one_document(text: str, golds: list[GoldAttribution], predictions: list[Prediction]) -> Scores:
    return score([GoldDocument("doc", text, tuple(golds))], {"doc": predictions})


BRIDGE_GOLD = [
    gold(BRIDGE, "the bridge is safe.", "Mayor Ilsa Varn", "said"),
    gold(BRIDGE, "“Tolls will rise,”", "Bo Park", "warned"),
    gold(BRIDGE, "The fund is empty", "aides", "said."),
]


@pytest.fixture
def bridge_scores() -> Scores:
    """One exact hit, one near miss of the final full stop, one half-found content."""
    tolls_start, tolls_end = at(BRIDGE, "“Tolls will rise,”")
    predictions = [
        Prediction((at(BRIDGE, "the bridge is safe"),), at(BRIDGE, "said"), at(BRIDGE, "Varn")),
        Prediction(((tolls_start - 1, tolls_end + 1),), None, at(BRIDGE, "Park")),
        Prediction((at(BRIDGE, "The fund"),), at(BRIDGE, "said", nth=1), None),
    ]
    return one_document(BRIDGE, BRIDGE_GOLD, predictions)


def test_exact_needs_every_visible_character(bridge_scores: Scores) -> None:
    """Only the content equal up to edge whitespace is exact; a missing full stop is not."""
    assert astuple(bridge_scores.subset("all").exact) == pytest.approx((1 / 3, 1 / 3, 1 / 3, 1))


def test_partial_counts_word_overlap(bridge_scores: Scores) -> None:
    """All three contents share enough words with their gold to match partially."""
    assert bridge_scores.subset("all").partial == Rates(1.0, 1.0, 1.0, 3)


def test_source_and_cue_over_matched_pairs(bridge_scores: Scores) -> None:
    """A missing source is wrong when the gold has one; a cue is right when it overlaps."""
    row = bridge_scores.subset("all")
    assert row.source_accuracy == pytest.approx(2 / 3)
    assert row.cue_accuracy == pytest.approx(2 / 3)
    assert astuple(row.end_to_end) == pytest.approx((2 / 3, 2 / 3, 2 / 3, 2))
    assert row.matched_without_source == 0


def test_direct_row_holds_the_quoted_attribution(bridge_scores: Scores) -> None:
    """The direct row has the quotation alone; the other two make the non-direct row."""
    direct, other = bridge_scores.subset("direct"), bridge_scores.subset("non-direct")
    assert (direct.n_gold, direct.n_pred, direct.exact.tp, direct.end_to_end.tp) == (1, 1, 1, 1)
    assert (other.n_gold, other.n_pred, other.exact.tp, other.end_to_end.tp) == (2, 2, 0, 1)
    assert other.source_accuracy == 0.5


SAID = "aides said the fund is empty."


@pytest.mark.parametrize(
    ("gold_source", "predicted_source", "right"),
    [
        (at(SAID, "aides"), at(SAID, "aides"), True),
        (at(SAID, "aides"), at(SAID, "aid"), True),
        (at(SAID, "aides"), (0, 10), True),
        (at(SAID, "aides"), None, False),
        (at(SAID, "aides"), at(SAID, "said"), False),
        (at(SAID, "aides"), at(SAID, " "), False),
        (None, None, True),
        (None, at(SAID, " "), True),
        (None, at(SAID, "aides"), False),
    ],
)
def test_source_rule(gold_source: Span | None, predicted_source: Span | None, right: bool) -> None:
    """A source is right when it shares a visible character with the gold one, or both lack one."""
    content = at(SAID, "the fund is empty")
    attribution = GoldAttribution(
        (content,), (at(SAID, "said"),), (gold_source,) if gold_source else ()
    )
    row = one_document(
        SAID, [attribution], [Prediction((content,), None, predicted_source)]
    ).subset("all")
    assert row.source_accuracy == float(right)
    assert row.end_to_end.tp == int(right)
    assert row.matched_without_source == int(gold_source is None)


def test_tie_between_predictions_goes_to_the_first() -> None:
    """Of two predictions equally close to a gold, the first is paired and judged."""
    content = (at(SAID, "the fund is empty"),)
    attribution = GoldAttribution(content, (), (at(SAID, "aides"),))
    predictions = [Prediction(content, None, None), Prediction(content, None, at(SAID, "aides"))]
    row = one_document(SAID, [attribution], predictions).subset("all")
    assert (row.n_pred, row.partial.tp, row.end_to_end.tp, row.source_accuracy) == (2, 1, 0, 0.0)


MID_QUOTE = "“We waited and the tolls rise,” she said."


def test_exact_partner_decides_the_subset_of_a_prediction() -> None:
    """A prediction exactly equal to a direct gold is direct, though partially paired to another."""
    indirect = GoldAttribution((at(MID_QUOTE, "the tolls rise"),))
    direct = GoldAttribution((at(MID_QUOTE, "the tolls rise,”"),))
    scores = one_document(MID_QUOTE, [indirect, direct], [Prediction(direct.content, None, None)])
    direct_row, other_row = scores.subset("direct"), scores.subset("non-direct")
    assert (direct_row.n_gold, direct_row.n_pred) == (1, 1)
    assert (direct_row.exact.tp, direct_row.partial.tp, direct_row.partial.precision) == (1, 0, 1.0)
    assert (other_row.n_gold, other_row.n_pred, other_row.partial.tp) == (1, 0, 1)


QUOTED = "“Tolls will rise next year,” Bo Park warned. The fund is empty, aides said."


def test_paired_prediction_takes_the_kind_of_its_gold() -> None:
    """A prediction without quotation marks paired with a direct gold is counted as direct."""
    attribution = gold(QUOTED, "“Tolls will rise next year,”", "Bo Park")
    prediction = Prediction((at(QUOTED, "Tolls will rise next"),), None, at(QUOTED, "Park"))
    scores = one_document(QUOTED, [attribution], [prediction])
    assert (scores.subset("direct").n_pred, scores.subset("non-direct").n_pred) == (1, 0)
    assert scores.subset("direct").end_to_end.f1 == 1.0


def test_unpaired_prediction_takes_the_kind_of_its_own_content() -> None:
    """A spurious quotation counts against the direct row, a spurious paraphrase elsewhere."""
    attribution = gold(QUOTED, "The fund is empty", "aides")
    predictions = [
        Prediction((at(QUOTED, "“Tolls will rise next year,”"),), None, None),
        Prediction((at(QUOTED, "Bo Park warned"),), None, None),
        Prediction(attribution.content, None, at(QUOTED, "aides")),
    ]
    scores = one_document(QUOTED, [attribution], predictions)
    direct, other = scores.subset("direct"), scores.subset("non-direct")
    assert (direct.n_gold, direct.n_pred, direct.partial.precision) == (0, 1, 0.0)
    assert (other.n_gold, other.n_pred, other.partial.precision) == (1, 2, 0.5)


def test_kind_accuracy_counts_labelled_pairs_only() -> None:
    """Kind accuracy is over matched predictions that name a known kind; None when none does."""
    direct = gold(QUOTED, "“Tolls will rise next year,”", "Bo Park")
    indirect = gold(QUOTED, "The fund is empty", "aides")
    labelled = [
        Prediction(direct.content, None, None, "direct"),
        Prediction(indirect.content, None, None, "mixed"),
        Prediction((at(QUOTED, "warned"),), None, None, "direct"),
    ]
    assert one_document(QUOTED, [direct, indirect], labelled).subset("all").kind_accuracy == 0.5
    unlabelled = [Prediction(direct.content, None, None, "paraphrase")]
    assert one_document(QUOTED, [direct, indirect], unlabelled).subset("all").kind_accuracy is None


PARK = "Bo Park, the mayor, said tolls rise.\n\nFares rise too, she said."


def test_role_spans_merge_across_whitespace_only() -> None:
    """Fragments parted by spaces or newlines are one trimmed span; parted by a comma, two."""
    bo, park, mayor = at(PARK, "Bo"), at(PARK, "Park"), at(PARK, "the mayor")
    paragraphs = (at(PARK, "tolls rise."), at(PARK, "Fares rise too"))
    attribution = GoldAttribution(paragraphs, (at(PARK, "said"),), (bo, park, mayor))
    prediction = Prediction(((paragraphs[0][0] - 1, paragraphs[1][1]),), None, (bo, park))
    scores = one_document(PARK, [attribution], [prediction])
    source, content = scores.role("source"), scores.role("content")
    assert (source.n_gold, source.n_pred, source.rates.tp) == (2, 1, 1)
    assert (content.n_gold, content.n_pred, content.rates.tp) == (1, 1, 1)
    assert scores.role("cue").rates == Rates(0.0, 0.0, 0.0, 0)


def test_role_span_shared_by_attributions_counts_once() -> None:
    """A source that speaks twice is one source span; whitespace-only fragments are no span."""
    bo_park = at(PARK, "Bo Park")
    golds = [
        GoldAttribution((at(PARK, "tolls rise."),), (at(PARK, "said"),), (bo_park,)),
        GoldAttribution((at(PARK, "Fares rise too"),), (at(PARK, " "),), (bo_park,)),
    ]
    scores = one_document(PARK, golds, [])
    assert (scores.role("source").n_gold, scores.role("cue").n_gold) == (1, 1)


def test_documents_are_summed_before_ratios() -> None:
    """Micro-averaging: a document without predictions adds gold; unknown documents are ignored."""
    attribution = gold(SAID, "the fund is empty", "aides")
    documents = [
        GoldDocument("found", SAID, (attribution,)),
        GoldDocument("missed", SAID, (attribution,)),
    ]
    predictions = {
        "found": [Prediction(attribution.content, None, at(SAID, "aides"))],
        "elsewhere": [Prediction(attribution.content, None, None)],
    }
    scores = score(documents, predictions)
    assert astuple(scores.subset("all").end_to_end) == pytest.approx((1.0, 0.5, 2 / 3, 1))
    assert (scores.documents, scores.documents_with_predictions) == (2, 1)


def test_thresholds_are_applied() -> None:
    """A stricter partial threshold turns a half-found content into a miss."""
    attribution = gold(SAID, "the fund is empty", "aides")
    documents = [GoldDocument("doc", SAID, (attribution,))]
    predictions = {"doc": [Prediction((at(SAID, "the fund"),), None, at(SAID, "aides"))]}
    assert score(documents, predictions).subset("all").partial.tp == 1
    assert score(documents, predictions, partial_threshold=0.8).subset("all").partial.tp == 0


@pytest.mark.parametrize("fragment", [(20, 99), (5, 5), (-1, 3)])
def test_prediction_outside_the_text_is_refused(fragment: Span) -> None:
    """Offsets that cannot index the document text raise an error naming the document."""
    with pytest.raises(MalformedError, match="predictions for doc"):
        one_document(SAID, [], [Prediction((fragment,), None, None)])


def test_unknown_rows_are_named() -> None:
    """Asking for a row that does not exist says which rows do."""
    scores = one_document(SAID, [], [])
    with pytest.raises(KeyError, match="non-direct"):
        scores.subset("quoted")
    with pytest.raises(KeyError, match="content"):
        scores.role("speaker")
