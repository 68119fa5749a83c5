"""Joining the rules' attributions with those of the learned tagger.

The rules are strong at the speakers of quotations: a frame around the
quotation marks and a source resolved through coreference. The tagger finds
what rules miss (attributions cued by nouns and phrases, beliefs and
intentions) and draws the boundaries of contents and cues, quoted or
reported, closer to how annotators draw them than the parse does. So every
sure tagged attribution is kept; where it redraws a rule quote with
quotation marks (shares its words), it takes that quote's source and
speaker; elsewhere its source is the parse's subject of its cue, or the
tagger's own. The rule quotes no sure tagged attribution redraws stay as the
rules found them.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from quotegraph.actors import DocumentActors
from quotegraph.model import TaggedAttribution
from quotegraph.quotes.marks import MARK_RE
from quotegraph.quotes.sources import phrase_source, subject_of
from quotegraph.quotes.write import SpeakerIndex
from quotegraph.records import Fragments, Quote, QuoteKind, Span

# A tagged attribution whose content shares more than this share of its
# characters with a rule quote's content is the same attribution.
SAME_CONTENT = 0.3
# Tagged attributions less sure than this are left out: on PolNeAR dev the
# combination's end-to-end F1 peaks here (0.5: 0.691, 0.6: 0.695, 0.7: 0.683).
MIN_CONFIDENCE = 0.6


def combine(
    doc: Doc,
    rules: Sequence[Quote],
    tagged: Sequence[TaggedAttribution],
    actors: DocumentActors,
) -> tuple[Quote, ...]:
    """The sure tagged attributions (with the rules' speakers where they redraw a rule
    quote) and the rule quotes none of them redraws, in text order."""
    speakers = SpeakerIndex(actors)
    added = [
        _as_quote(doc, found, speakers, _quotation_redrawn(found.content, rules))
        for found in tagged
        if found.confidence >= MIN_CONFIDENCE
    ]
    taken = [fragment for quote in added for fragment in quote.content]
    kept = [
        quote
        for quote in rules
        if _overlap(quote.content, taken) <= SAME_CONTENT * _length(quote.content)
    ]
    return tuple(sorted([*kept, *added], key=lambda quote: (quote.start, quote.end)))


def _quotation_redrawn(content: Fragments, rules: Sequence[Quote]) -> Quote | None:
    """The rule quote whose content ``content`` shares most, when it is the same
    attribution and has quotation marks and a source (for reported speech the
    tagged source and the parse did better on PolNeAR dev)."""
    shared = {rule: _overlap(content, rule.content) for rule in rules}
    best = max(shared, key=shared.__getitem__, default=None)
    if best is None or best.source is None or best.kind == "indirect":
        return None
    return best if shared[best] > SAME_CONTENT * _length(content) else None


def _as_quote(
    doc: Doc, found: TaggedAttribution, speakers: SpeakerIndex, quotation: Quote | None
) -> Quote:
    """The tagged attribution as a quote; with the source and speaker of ``quotation``,
    the rule quote it redraws, when there is one."""
    cue = doc.char_span(*found.cue, alignment_mode="expand") if found.cue is not None else None
    root = cue.root if cue is not None and len(cue) else None
    if quotation is not None:
        source, speaker = quotation.source, quotation.speaker
    else:
        source, speaker = _source_of(doc, found, root, speakers)
    return Quote(
        content=found.content,
        kind=_kind(doc.text, found.content),
        cue=found.cue,
        cue_lemma=root.lemma_.lower() if root is not None else None,
        source=source,
        speaker=speaker,
        confidence=round(found.confidence, 3),
        method="model",
    )


def _source_of(
    doc: Doc, found: TaggedAttribution, cue: Token | None, speakers: SpeakerIndex
) -> tuple[Span | None, int | None]:
    """The source span and speaker of a tagged attribution.

    Where the parse gives its cue a subject outside the content, that subject is
    the speaker; its span replaces the tagger's source unless the two overlap
    (the tagger draws the span's edges closer to the annotators'). Otherwise
    the tagger's source stands.
    """
    parsed = None
    if cue is not None:
        content = (found.content[0][0], found.content[-1][1])
        subject = subject_of(cue, content)
        parsed = phrase_source(doc, subject, content) if subject is not None else None
    if parsed is None:
        return found.source, speakers.entity_at(found.source[0]) if found.source else None
    source = found.source
    if source is None or _overlap((source,), [parsed.span]) == 0:
        source = parsed.span
    return source, speakers.entity_at(doc[parsed.speaker_token].idx)


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
