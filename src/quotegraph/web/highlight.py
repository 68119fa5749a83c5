"""An article's text as HTML with its quotes, cues, speakers and mentions marked.

The text is cut at every span boundary and every piece is escaped on its own,
so nothing in the scraped text can become markup. Page furniture that the
cleaner took out stays in place, folded and labelled as removed.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup, escape

from quotegraph.records import Analysis


@dataclass(frozen=True, slots=True)
class Mark:
    """One highlighted span: ``role`` is quote, cue, source or mention; ``quote`` its index."""

    start: int
    end: int
    role: str
    quote: int | None = None


# Inner roles win when two marks of one piece disagree on the quote they belong to.
ROLE_ORDER = ("quote", "mention", "source", "cue")


def marks_of(analysis: Analysis) -> list[Mark]:
    """Every span to highlight, with the quote each quote-part belongs to."""
    marks: list[Mark] = []
    for index, quote in enumerate(analysis.quotes):
        marks.extend(Mark(start, end, "quote", index) for start, end in quote.content)
        if quote.cue is not None:
            marks.append(Mark(*quote.cue, "cue", index))
        if quote.source is not None:
            marks.append(Mark(*quote.source, "source", index))
    marks.extend(Mark(m.start, m.end, "mention") for m in analysis.mentions)
    size = len(analysis.text)
    return [
        Mark(max(0, m.start), min(size, m.end), m.role, m.quote)
        for m in marks
        if m.end > m.start and m.start < size and m.end > 0
    ]


def highlight(analysis: Analysis, titles: Sequence[str] = ()) -> Markup:
    """The article text as escaped HTML, marks as ``<span>``, furniture in ``<details>``.

    ``titles`` gives, per quote index, the hover text (speaker and confidence).
    """
    text = analysis.text
    marks = marks_of(analysis)
    removed = _merged((r.start, r.end, r.kind) for r in analysis.removed if r.end > r.start)
    cuts = sorted(
        {0, len(text)}
        | {m.start for m in marks}
        | {m.end for m in marks}
        | {start for start, _, _ in removed}
        | {end for _, end, _ in removed}
    )
    cuts = [cut for cut in cuts if 0 <= cut <= len(text)]
    html: list[str] = []
    open_removed: tuple[int, int, str] | None = None
    for start, end in pairwise(cuts):
        inside = _removed_at(removed, start)
        if inside != open_removed:
            if open_removed is not None:
                html.append(_closing(text, open_removed))
            if inside is not None and not text[inside[0] : inside[1]].strip():
                html.append('<span class="removed-blank" title="removed blank">')
            elif inside is not None:
                html.append(
                    '<details class="removed"><summary title="Taken out before analysis">'
                    f'removed {escape(inside[2])}</summary><span class="removed-text">'
                )
            open_removed = inside
        html.append(_piece(text[start:end], [m for m in marks if m.start <= start < m.end], titles))
    if open_removed is not None:
        html.append(_closing(text, open_removed))
    return Markup("".join(html))


def _closing(text: str, removed: tuple[int, int, str]) -> str:
    return "</span>" if not text[removed[0] : removed[1]].strip() else "</span></details>"


def _piece(text: str, marks: list[Mark], titles: Sequence[str]) -> str:
    if not marks:
        return str(escape(text))
    roles = sorted({m.role for m in marks}, key=ROLE_ORDER.index)
    quotes = [m.quote for m in sorted(marks, key=lambda m: ROLE_ORDER.index(m.role), reverse=True)]
    quote = next((q for q in quotes if q is not None), None)
    classes = " ".join(f"hl-{role}" for role in roles)
    attributes = f' class="{classes}"'
    if quote is not None:
        attributes += f' data-quote="{quote}"'
        if quote < len(titles):
            attributes += f' title="{escape(titles[quote])}"'
    return f"<span{attributes}>{escape(text)}</span>"


def _merged(spans: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Removed spans in order, overlapping ones joined (the first one's kind is kept)."""
    merged: list[tuple[int, int, str]] = []
    for start, end, kind in sorted(spans):
        if merged and start < merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), last[2])
        else:
            merged.append((start, end, kind))
    return merged


def _removed_at(removed: list[tuple[int, int, str]], offset: int) -> tuple[int, int, str] | None:
    index = bisect_left(removed, (offset + 1,)) - 1
    if index >= 0 and removed[index][0] <= offset < removed[index][1]:
        return removed[index]
    return None
