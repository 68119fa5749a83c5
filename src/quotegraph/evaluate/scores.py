"""The figures a scoring run produces, as immutable records."""

from __future__ import annotations

from dataclasses import dataclass

SUBSETS = ("all", "direct", "non-direct")
"""Rows of the attribution scores: every attribution, direct quotations, the rest."""

ROLES = ("source", "cue", "content")
"""Rows of the role-exact scores."""


@dataclass(frozen=True, slots=True)
class Rates:
    """Precision, recall and F1, with ``tp`` the number of gold items found."""

    precision: float
    recall: float
    f1: float
    tp: int

    @classmethod
    def of(cls, correct_predicted: int, predicted: int, found_gold: int, gold: int) -> Rates:
        """Rates from counts, 0 wherever a denominator is 0."""
        precision = correct_predicted / predicted if predicted else 0.0
        recall = found_gold / gold if gold else 0.0
        both = precision + recall
        f1 = 2 * precision * recall / both if both else 0.0
        return cls(precision, recall, f1, found_gold)


@dataclass(frozen=True, slots=True)
class SubsetScores:
    """Attribution scores over one subset (``all``, ``direct`` or ``non-direct``).

    ``partial.tp`` is the number of matched pairs, over which the source and
    cue accuracies are taken; ``kind_accuracy`` is None when no matched
    prediction labelled its kind.
    """

    name: str
    n_gold: int
    n_pred: int
    exact: Rates
    partial: Rates
    end_to_end: Rates
    source_accuracy: float
    cue_accuracy: float
    matched_without_source: int
    kind_accuracy: float | None


@dataclass(frozen=True, slots=True)
class RoleScores:
    """Exact span scores for one role (``source``, ``cue`` or ``content``)."""

    role: str
    n_gold: int
    n_pred: int
    rates: Rates


@dataclass(frozen=True, slots=True)
class Scores:
    """Everything :func:`~quotegraph.evaluate.score` measures, with its settings."""

    subsets: tuple[SubsetScores, ...]
    roles: tuple[RoleScores, ...]
    documents: int
    documents_with_predictions: int
    partial_threshold: float
    direct_threshold: float

    def subset(self, name: str) -> SubsetScores:
        """The row for ``all``, ``direct`` or ``non-direct``."""
        for row in self.subsets:
            if row.name == name:
                return row
        raise KeyError(f"no subset {name!r}; the subsets are {', '.join(SUBSETS)}")

    def role(self, role: str) -> RoleScores:
        """The role-exact row for ``source``, ``cue`` or ``content``."""
        for row in self.roles:
            if row.role == role:
                return row
        raise KeyError(f"no role {role!r}; the roles are {', '.join(ROLES)}")
