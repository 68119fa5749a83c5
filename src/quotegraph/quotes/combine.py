"""Joining the rules' attributions with those of the learned tagger.

The rules are strong where the text has structure: quotation marks, a
reporting verb with a subject, a speaker resolved through coreference. The
tagger finds what rules miss: attributions cued by nouns and phrases, beliefs
and intentions, content whose boundaries the parse gets wrong. Each rule quote
is kept; a tagged attribution is added where no rule quote covers its content.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from quotegraph.actors import DocumentActors
from quotegraph.model import TaggedAttribution
from quotegraph.quotes.marks import MARK_RE
from quotegraph.quotes.write import SpeakerIndex
from quotegraph.records import Fragments, Quote, QuoteKind

# A tagged attribution whose content shares more than this share of its
# characters with a rule quote's content is the same attribution.
SAME_CONTENT = 0.3
# Tagged attributions less sure than this are left out: on PolNeAR dev the
# combination's end-to-end F1 peaks here (0.5: 0.601, 0.7: 0.625, 0.9: 0.603).
MIN_CONFIDENCE = 0.7


def combine(
    doc: Doc,
    rules: Sequence[Quote],
    tagged: Sequence[TaggedAttribution],
    actors: DocumentActors,
) -> tuple[Quote, ...]:
    """The rule quotes plus the sure tagged attributions they do not cover, in text order."""
    speakers = SpeakerIndex(actors)
    covered = [fragment for quote in rules for fragment in quote.content]
    added = [
        _as_quote(doc, found, speakers)
        for found in tagged
        if found.confidence >= MIN_CONFIDENCE
        and _overlap(found.content, covered) <= SAME_CONTENT * _length(found.content)
    ]
    return tuple(sorted([*rules, *added], key=lambda quote: (quote.start, quote.end)))


def _as_quote(doc: Doc, found: TaggedAttribution, speakers: SpeakerIndex) -> Quote:
    cue_lemma = None
    if found.cue is not None:
        cue = doc.char_span(*found.cue, alignment_mode="expand")
        cue_lemma = cue.root.lemma_.lower() if cue is not None and len(cue) else None
    return Quote(
        content=found.content,
        kind=_kind(doc.text, found.content),
        cue=found.cue,
        cue_lemma=cue_lemma,
        source=found.source,
        speaker=speakers.entity_at(found.source[0]) if found.source else None,
        confidence=round(found.confidence, 3),
        method="model",
    )


def _kind(text: str, content: Fragments) -> QuoteKind:
    """``direct`` when quotation marks enclose the content, ``mixed`` when it holds some."""
    inner = " ".join(text[start:end] for start, end in content).strip(" ,.;:")
    marks = MARK_RE.findall(inner)
    if not marks:
        return "indirect"
    if MARK_RE.match(inner) and MARK_RE.search(inner[-2:]) and len(marks) == 2:
        return "direct"
    return "mixed"


def _length(fragments: Fragments) -> int:
    return sum(end - start for start, end in fragments)


def _overlap(fragments: Fragments, others: Sequence[tuple[int, int]]) -> int:
    return sum(
        max(0, min(end, other_end) - max(start, other_start))
        for start, end in fragments
        for other_start, other_end in others
    )
