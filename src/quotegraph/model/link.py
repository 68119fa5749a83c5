"""Grouping tagged spans into attributions: each content with its cue and source.

The tagger only says which text is a source, a cue or a content; which belong
together is decided here, by position within a paragraph (PolNeAR puts a cue
in the paragraph of its content, and a source in the paragraph of its cue, in
more than 99% of its attributions). Pairs are taken closest first, the
distance divided by how often the pair's direction occurs in the training
data, so that "said X, CONTENT" beats "CONTENT. X said". A cue serves one
attribution, and takes a second content span only when it lies between the
two ("A," she said, "B"). Given the text's parse, a source the cue governs
("the mayor said", "according to the mayor", "was told by the mayor") is
its source before any nearer one. A content ends with its paragraph: fewer
than one in a hundred PolNeAR train contents run on into the next (172 of
19,828, most of them quotations that go on), and the tagger's run-ons are
mostly the start of another attribution.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from quotegraph.model.spans import RoleSpan
from quotegraph.records import Fragments, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(frozen=True, slots=True)
class TaggedAttribution:
    """One attribution found by the tagger, in character offsets of the tagged text."""

    content: Fragments
    cue: Span | None
    source: Span | None
    confidence: float


@dataclass(frozen=True, slots=True)
class LinkPriors:
    """How often, in training, a cue comes before its content and a source before its cue."""

    cue_before_content: float = 0.75
    source_before_cue: float = 0.9


def link(
    spans: tuple[RoleSpan, ...],
    text: str,
    priors: LinkPriors = LinkPriors(),
    doc: Doc | None = None,
) -> tuple[TaggedAttribution, ...]:
    """The attributions that the role spans of ``text`` form, in text order.

    ``doc``, the spaCy parse of ``text`` if there is one, lets a cue take the
    source it governs first. A content span with no cue in its paragraph is an
    attribution without cue or source; a cue without content yields nothing.
    """
    paragraph_of = _paragraph_index(text)
    by_role: dict[str, list[RoleSpan]] = defaultdict(list)
    for span in spans:
        if span.role == "content":
            span = _within_paragraph(span, text)
        by_role[span.role].append(span)
    contents_of = _contents_by_cue(by_role["content"], by_role["cue"], paragraph_of, priors)
    source_of = _sources_by_cue(
        by_role["source"], list(contents_of), paragraph_of, priors.source_before_cue, doc
    )
    attributions = [
        _attribution(contents, cue, source_of.get(cue)) for cue, contents in contents_of.items()
    ]
    attributed = {content for contents in contents_of.values() for content in contents}
    attributions += [
        _attribution([content], None, None)
        for content in by_role["content"]
        if content not in attributed
    ]
    return tuple(sorted(attributions, key=lambda attribution: attribution.content[0]))


def _within_paragraph(span: RoleSpan, text: str) -> RoleSpan:
    """``span`` up to the end of the paragraph it starts in."""
    newline = text.find("\n", span.start, span.end)
    if newline < 0:
        return span
    return dataclasses.replace(span, end=span.start + len(text[span.start : newline].rstrip()))


def _contents_by_cue(
    contents: list[RoleSpan],
    cues: list[RoleSpan],
    paragraph_of: list[int],
    priors: LinkPriors,
) -> dict[RoleSpan, list[RoleSpan]]:
    """Each cue with the content spans it introduces, in text order."""
    taken: dict[RoleSpan, list[RoleSpan]] = defaultdict(list)
    placed: set[RoleSpan] = set()
    for _, content, cue in _pairs(contents, cues, paragraph_of, priors.cue_before_content):
        if content in placed:
            continue
        already = taken.get(cue, [])
        if not already or (len(already) == 1 and _between(cue, already[0], content)):
            taken[cue].append(content)
            placed.add(content)
    return {cue: sorted(spans, key=lambda span: span.start) for cue, spans in taken.items()}


def _sources_by_cue(
    sources: list[RoleSpan],
    cues: list[RoleSpan],
    paragraph_of: list[int],
    before_share: float,
    doc: Doc | None,
) -> dict[RoleSpan, RoleSpan]:
    """Each cue's source: governed pairs, then closest pairs first, every source and cue once."""
    chosen: dict[RoleSpan, RoleSpan] = {}
    used: set[RoleSpan] = set()
    pairs = _pairs(cues, sources, paragraph_of, before_share)
    if doc is not None:
        pairs.sort(key=lambda pair: not _governs(doc, pair[1], pair[2]))
    for _, cue, source in pairs:
        if cue not in chosen and source not in used:
            chosen[cue] = source
            used.add(source)
    return chosen


def _pairs(
    anchors: list[RoleSpan],
    others: list[RoleSpan],
    paragraph_of: list[int],
    before_share: float,
) -> list[tuple[float, RoleSpan, RoleSpan]]:
    """Same-paragraph (anchor, other) pairs with their cost, cheapest first.

    The cost is the gap in characters over the share of training pairs with
    the same direction (``before_share`` for an ``other`` before the anchor).
    """
    pairs = []
    for anchor in anchors:
        for other in others:
            if paragraph_of[anchor.start] != paragraph_of[other.start]:
                continue
            before = other.end <= anchor.start
            share = before_share if before else 1.0 - before_share
            gap = max(0, other.start - anchor.end, anchor.start - other.end)
            pairs.append(((gap + 1) / max(share, 0.01), anchor, other))
    pairs.sort(key=lambda pair: (pair[0], pair[1].start, pair[2].start))
    return pairs


def _governs(doc: Doc, cue: RoleSpan, source: RoleSpan) -> bool:
    """Whether the parse hangs ``source`` from ``cue``: directly, or through "by" of a passive."""
    cue_words = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    source_words = doc.char_span(source.start, source.end, alignment_mode="expand")
    if cue_words is None or source_words is None:
        return False
    inside = range(cue_words.start, cue_words.end)
    head = source_words.root.head
    return head.i in inside or (head.dep_ == "agent" and head.head.i in inside)


def _between(cue: RoleSpan, one: RoleSpan, other: RoleSpan) -> bool:
    """Whether the cue lies between two content spans."""
    first, second = sorted((one, other), key=lambda span: span.start)
    return first.end <= cue.start and cue.end <= second.start


def _attribution(
    contents: list[RoleSpan], cue: RoleSpan | None, source: RoleSpan | None
) -> TaggedAttribution:
    parts = [*contents, *(span for span in (cue, source) if span is not None)]
    return TaggedAttribution(
        content=tuple((span.start, span.end) for span in contents),
        cue=(cue.start, cue.end) if cue else None,
        source=(source.start, source.end) if source else None,
        confidence=sum(span.confidence for span in parts) / len(parts),
    )


def _paragraph_index(text: str) -> list[int]:
    """The paragraph number of every character (paragraphs end at newlines)."""
    index, paragraph = [], 0
    for char in text:
        index.append(paragraph)
        if char == "\n":
            paragraph += 1
    return index
