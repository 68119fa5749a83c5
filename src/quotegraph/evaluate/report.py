"""Scores for people (a table) and for programs (JSON shaped like the reference scorer's).

The JSON is a subtree of the reference scorer's ``--json`` output: every key
present here has the same path and value there, so the two can be compared
mechanically.
"""

from __future__ import annotations

from typing import Any

from quotegraph.evaluate.scores import Rates, RoleScores, Scores, SubsetScores


def format_report(scores: Scores) -> str:
    """A plain-text table of every figure, percentages to one decimal."""
    missing = scores.documents - scores.documents_with_predictions
    lines = [
        f"{scores.documents} documents scored, {missing} without predictions",
        "",
        f"{'':<10} {'gold':>5} {'pred':>5}  {'content exact':^17}  {'content partial':^17}"
        f"  {'matched pairs':^20}  {'end to end':^17}",
        f"{'subset':<10} {'':>5} {'':>5}  {_rate_heads()}  {_rate_heads()}"
        f"  {'pairs':>6} {'source':>6} {'cue':>6}  {_rate_heads()}",
    ]
    lines.extend(_subset_line(row) for row in scores.subsets)
    lines += ["", f"{'role-exact':<10} {'gold':>5} {'pred':>5}  {_rate_heads()}"]
    lines.extend(_role_line(row) for row in scores.roles)
    return "\n".join(line.rstrip() for line in lines)


def scores_to_json(scores: Scores) -> dict[str, Any]:
    """The figures under the reference scorer's JSON keys (``metrics``, ``role_exact``...)."""
    return {
        "config": {
            "partial_threshold": scores.partial_threshold,
            "direct_threshold": scores.direct_threshold,
        },
        "pred": {
            "docs_with_predictions": scores.documents_with_predictions,
            "missing_docs": scores.documents - scores.documents_with_predictions,
        },
        "metrics": {row.name: _subset_json(row) for row in scores.subsets},
        "role_exact": {row.role: _role_json(row) for row in scores.roles},
    }


def _rate_heads() -> str:
    return f"{'P':>5} {'R':>5} {'F1':>5}"


def _percent(value: float) -> str:
    return f"{100 * value:5.1f}"


def _rates_cells(rates: Rates) -> str:
    return " ".join(_percent(value) for value in (rates.precision, rates.recall, rates.f1))


def _subset_line(row: SubsetScores) -> str:
    return (
        f"{row.name:<10} {row.n_gold:>5} {row.n_pred:>5}  {_rates_cells(row.exact)}"
        f"  {_rates_cells(row.partial)}  {row.partial.tp:>6} {_percent(row.source_accuracy):>6}"
        f" {_percent(row.cue_accuracy):>6}  {_rates_cells(row.end_to_end)}"
    )


def _role_line(row: RoleScores) -> str:
    return f"{row.role:<10} {row.n_gold:>5} {row.n_pred:>5}  {_rates_cells(row.rates)}"


def _rates_json(rates: Rates) -> dict[str, Any]:
    return {"p": rates.precision, "r": rates.recall, "f1": rates.f1, "tp": rates.tp}


def _subset_json(row: SubsetScores) -> dict[str, Any]:
    return {
        "n_gold": row.n_gold,
        "n_pred": row.n_pred,
        "content_exact": _rates_json(row.exact),
        "content_partial": _rates_json(row.partial),
        "source_acc": row.source_accuracy,
        "cue_acc": row.cue_accuracy,
        "matched": row.partial.tp,
        "matched_gold_without_source": row.matched_without_source,
        "end_to_end": _rates_json(row.end_to_end),
        "kind_acc": row.kind_accuracy,
    }


def _role_json(row: RoleScores) -> dict[str, Any]:
    return {**_rates_json(row.rates), "n_gold": row.n_gold, "n_pred": row.n_pred}
