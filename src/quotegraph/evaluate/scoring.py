"""Scoring predicted attributions against gold ones.

Per document, predicted contents are paired with gold contents twice: exactly
(same non-whitespace characters) and partially (word overlap, best first). The
partial pairs then decide source and cue accuracy and the end-to-end score,
where a prediction is right when it is paired and its source is right. The
same counts are kept for direct quotations and for the rest: a gold
attribution is direct when most of its content is quoted, and a prediction
takes the kind of the gold content it is paired with (exactly, else
partially) or, unpaired, the kind of its own content. Counts are summed over
all documents before any ratio is taken.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import cast

from quotegraph.errors import MalformedError
from quotegraph.evaluate.gold import GoldDocument
from quotegraph.evaluate.matching import match_exact, match_partial
from quotegraph.evaluate.predictions import Prediction
from quotegraph.evaluate.roles import role_spans
from quotegraph.evaluate.scores import ROLES, SUBSETS, Rates, RoleScores, Scores, SubsetScores
from quotegraph.evaluate.spans import WordIndex, as_fragments, visible_chars
from quotegraph.quotes.kind import QuoteMarks
from quotegraph.records import QUOTE_KINDS, Fragments, QuoteKind, Span, merge_fragments

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class _Measured:
    """An attribution, gold or predicted, reduced to what the scorer compares."""

    content: Fragments
    cue: Fragments
    source: Fragments
    chars: frozenset[int]
    words: frozenset[int]
    cue_chars: frozenset[int]
    source_chars: frozenset[int]
    kind: QuoteKind
    label: QuoteKind | None


@dataclass(slots=True)
class _Tally:
    """Running counts for one subset."""

    n_gold: int = 0
    n_pred: int = 0
    exact_gold: int = 0
    exact_pred: int = 0
    partial_gold: int = 0
    partial_pred: int = 0
    source_right: int = 0
    cue_right: int = 0
    matched_without_source: int = 0
    end_to_end_gold: int = 0
    end_to_end_pred: int = 0
    kind_labelled: int = 0
    kind_right: int = 0

    def add_gold(self, gold: _Measured, exact: bool, partner: _Measured | None) -> None:
        """Count a gold attribution, judging its partner's source and cue if it has one."""
        self.n_gold += 1
        self.exact_gold += exact
        if partner is not None:
            source_right = _span_right(gold.source_chars, partner.source_chars)
            self.partial_gold += 1
            self.source_right += source_right
            self.cue_right += _span_right(gold.cue_chars, partner.cue_chars)
            self.matched_without_source += not gold.source_chars
            self.end_to_end_gold += source_right

    def add_prediction(self, predicted: _Measured, exact: bool, partner: _Measured | None) -> None:
        """Count a prediction; ``partner`` is the gold it is partially paired with."""
        self.n_pred += 1
        self.exact_pred += exact
        if partner is not None:
            self.partial_pred += 1
            self.end_to_end_pred += _span_right(partner.source_chars, predicted.source_chars)
            if predicted.label is not None:
                self.kind_labelled += 1
                self.kind_right += predicted.label == partner.kind

    def scores(self, name: str) -> SubsetScores:
        matched = self.partial_gold
        return SubsetScores(
            name=name,
            n_gold=self.n_gold,
            n_pred=self.n_pred,
            exact=Rates.of(self.exact_pred, self.n_pred, self.exact_gold, self.n_gold),
            partial=Rates.of(self.partial_pred, self.n_pred, self.partial_gold, self.n_gold),
            end_to_end=Rates.of(
                self.end_to_end_pred, self.n_pred, self.end_to_end_gold, self.n_gold
            ),
            source_accuracy=self.source_right / matched if matched else 0.0,
            cue_accuracy=self.cue_right / matched if matched else 0.0,
            matched_without_source=self.matched_without_source,
            kind_accuracy=self.kind_right / self.kind_labelled if self.kind_labelled else None,
        )


@dataclass(slots=True)
class _RoleTally:
    n_gold: int = 0
    n_pred: int = 0
    tp: int = 0

    def scores(self, role: str) -> RoleScores:
        return RoleScores(
            role, self.n_gold, self.n_pred, Rates.of(self.tp, self.n_pred, self.tp, self.n_gold)
        )


def score(
    gold: Sequence[GoldDocument],
    predictions: Mapping[str, Sequence[Prediction]],
    *,
    partial_threshold: float = 0.5,
    direct_threshold: float = 0.5,
) -> Scores:
    """Score predictions (by document stem) against gold documents.

    ``partial_threshold`` is the least word overlap for a partial match;
    ``direct_threshold`` the share of quoted characters above which a content
    is a direct quotation. Predictions for documents not in ``gold`` are
    ignored; a gold document without predictions counts as predicting nothing.
    """
    tallies = {name: _Tally() for name in SUBSETS}
    role_tallies = {role: _RoleTally() for role in ROLES}
    for document in gold:
        measure = _Measurer(document.text, direct_threshold)
        golds = [
            measure(attribution.content, attribution.cue, attribution.source, None)
            for attribution in document.attributions
        ]
        predicted = [
            measure(
                _checked(document, prediction.content),
                _checked(document, prediction.cue),
                _checked(document, prediction.source),
                _label(prediction.kind),
            )
            for prediction in predictions.get(document.stem, ())
        ]
        _tally_attributions(golds, predicted, tallies, partial_threshold)
        _tally_roles(document.text, golds, predicted, role_tallies)
    stems = {document.stem for document in gold}
    _warn_about_coverage(stems, predictions)
    return Scores(
        subsets=tuple(tallies[name].scores(name) for name in SUBSETS),
        roles=tuple(role_tallies[role].scores(role) for role in ROLES),
        documents=len(gold),
        documents_with_predictions=len(stems & predictions.keys()),
        partial_threshold=partial_threshold,
        direct_threshold=direct_threshold,
    )


class _Measurer:
    """Measures attributions of one document against its text."""

    def __init__(self, text: str, direct_threshold: float) -> None:
        self._text = text
        self._words = WordIndex(text)
        self._marks = QuoteMarks(text)
        self._threshold = direct_threshold

    def __call__(
        self, content: Fragments, cue: Fragments, source: Fragments, label: QuoteKind | None
    ) -> _Measured:
        content = merge_fragments(content)
        cue, source = merge_fragments(cue), merge_fragments(source)
        return _Measured(
            content=content,
            cue=cue,
            source=source,
            chars=visible_chars(self._text, content),
            words=self._words.touched(content),
            cue_chars=visible_chars(self._text, cue),
            source_chars=visible_chars(self._text, source),
            kind=self._marks.coverage(content).kind(self._threshold),
            label=label,
        )


def _tally_attributions(
    golds: list[_Measured], predicted: list[_Measured], tallies: dict[str, _Tally], threshold: float
) -> None:
    exact = match_exact([gold.chars for gold in golds], [item.chars for item in predicted])
    partial = match_partial(
        [gold.words for gold in golds], [item.words for item in predicted], threshold
    )
    exact_gold = set(exact.values())
    partner_of_gold = {gold_index: index for index, gold_index in partial.items()}
    for gold_index, gold in enumerate(golds):
        partner_index = partner_of_gold.get(gold_index)
        partner = None if partner_index is None else predicted[partner_index]
        for tally in _tallies_for(gold.kind, tallies):
            tally.add_gold(gold, gold_index in exact_gold, partner)
    for index, item in enumerate(predicted):
        partner = golds[partial[index]] if index in partial else None
        kind = golds[exact[index]].kind if index in exact else (partner or item).kind
        for tally in _tallies_for(kind, tallies):
            tally.add_prediction(item, index in exact, partner)


def _tally_roles(
    text: str, golds: list[_Measured], predicted: list[_Measured], tallies: dict[str, _RoleTally]
) -> None:
    for role, tally in tallies.items():
        gold_spans = role_spans(text, (getattr(gold, role) for gold in golds))
        predicted_spans = role_spans(text, (getattr(item, role) for item in predicted))
        tally.n_gold += len(gold_spans)
        tally.n_pred += len(predicted_spans)
        tally.tp += len(gold_spans & predicted_spans)


def _tallies_for(kind: QuoteKind, tallies: dict[str, _Tally]) -> list[_Tally]:
    """The tallies an item of this kind counts in: ``all`` and its side of the split."""
    return [tallies["all"], tallies["direct" if kind == "direct" else "non-direct"]]


def _span_right(gold: frozenset[int], predicted: frozenset[int]) -> bool:
    """A source or cue is right when it overlaps the gold one, or when both are absent."""
    if not gold:
        return not predicted
    return not gold.isdisjoint(predicted)


def _label(kind: str | None) -> QuoteKind | None:
    """The kind a prediction claims, when it is one the scorer knows."""
    return cast(QuoteKind, kind) if kind in QUOTE_KINDS else None


def _checked(document: GoldDocument, span: Span | Fragments | None) -> Fragments:
    """The span as fragments, refused when it does not lie within the document's text."""
    fragments = as_fragments(span)
    for start, end in fragments:
        if not 0 <= start < end <= len(document.text):
            raise MalformedError(
                f"predictions for {document.stem}",
                f"fragment [{start}, {end}] is empty or outside the text (0..{len(document.text)})",
            )
    return fragments


def _warn_about_coverage(stems: set[str], predictions: Mapping[str, Sequence[Prediction]]) -> None:
    missing = sorted(stems - predictions.keys())
    if missing:
        logger.warning("gold documents without predictions: %d (e.g. %s)", len(missing), missing[0])
    unknown = predictions.keys() - stems
    if unknown:
        logger.warning("documents not in the gold, their predictions ignored: %d", len(unknown))
