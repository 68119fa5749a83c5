"""Small bar charts as inline SVG, drawn on the server: no script, no library."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from markupsafe import Markup, escape


def months(
    dates: Iterable[datetime | date | None], weights: Iterable[int] | None = None
) -> list[tuple[str, int]]:
    """Counts per month ("2021-04"), every month from the first to the last, empty ones as 0."""
    counts: Counter[tuple[int, int]] = Counter()
    for when, weight in zip(dates, weights if weights is not None else _ones(), strict=False):
        if when is not None:
            counts[(when.year, when.month)] += weight
    if not counts:
        return []
    (year, month), last = min(counts), max(counts)
    series = []
    while (year, month) <= last:
        series.append((f"{year:04d}-{month:02d}", counts[(year, month)]))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return series


def bar_chart(series: Sequence[tuple[str, int]], *, label: str, height: int = 90) -> Markup:
    """Bars for (label, count) pairs with the first and last labels written under the axis."""
    if not series:
        return Markup('<p class="muted">No dated quotes.</p>')
    width = max(240, min(900, 14 * len(series)))
    top = max(count for _, count in series) or 1
    step = width / len(series)
    bars = []
    for index, (name, count) in enumerate(series):
        bar = (height - 16) * count / top
        bars.append(
            f'<rect x="{index * step + 1:.1f}" y="{height - 16 - bar:.1f}" '
            f'width="{max(step - 2, 1):.1f}" height="{bar:.1f}">'
            f"<title>{escape(name)}: {count}</title></rect>"
        )
    first, last = escape(series[0][0]), escape(series[-1][0])
    return Markup(
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{escape(label)}">'
        f"{''.join(bars)}"
        f'<text x="0" y="{height - 2}">{first}</text>'
        f'<text x="{width}" y="{height - 2}" text-anchor="end">{last}</text>'
        f'<text x="{width}" y="10" text-anchor="end">max {top}</text></svg>'
    )


def _ones() -> Iterable[int]:
    while True:
        yield 1
