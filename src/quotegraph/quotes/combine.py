"""Joining the rules' attributions with those of the learned tagger.

The rules are strong at the speakers of quotations: a frame around the
quotation marks and a source resolved through coreference. The tagger finds
what rules miss (attributions cued by nouns and phrases, beliefs and
intentions) and draws the boundaries of contents and cues, quoted or
reported, closer to how annotators draw them than the parse does. So every
sure tagged attribution is kept. Where the tagger linked no cue to it and
it redraws (shares its words with) a rule quote, the rule's frame gives its
cue, source and speaker. Otherwise the tagger's own source, where it
linked one, is the source: it reads the whole document and links the source
its cue governs first, and where it disagreed with the rule quote it redraws
or with the parse's subject of its cue, it was right more often than either
(PolNeAR dev and held-out train documents alike). Where it linked none, the
rule quote with quotation marks it redraws keeps its source and speaker
unless the parse names a different actor as the cue's subject (a quotation
inside a reported clause, "X said she wanted ... "quote"", where the rules
took the inner subject); otherwise the parse's subject is the source. The
rule quotes no sure tagged attribution redraws stay as the rules found them:
quotations always, reported speech only where the tagger tagged some of its
words, however unsure (on PolNeAR dev two in three of the others were not
attributions). A statement the layout sets apart (a transcript's turn its
speaker's label opens, ``Voss: Quay will reopen``; a block quote after ``Voss
wrote:``) is structure the tagger cannot see whole: it stays, and no tagged
attribution that shares its words is added.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from quotegraph.actors import DocumentActors
from quotegraph.model import TaggedAttribution
from quotegraph.quotes.blocks import BLOCK
from quotegraph.quotes.kind import quote_kind
from quotegraph.quotes.labelled import LABELLED
from quotegraph.quotes.lexicon import PREPOSITIONAL_CUES, cue_type_of
from quotegraph.quotes.sources import phrase_source, subject_of, whole_name
from quotegraph.quotes.write import SpeakerIndex
from quotegraph.records import Fragments, Quote, Span

# A tagged attribution whose content shares more than this share of its
# characters with a rule quote's content is the same attribution.
SAME_CONTENT = 0.3
# Tagged attributions less sure than this are left out, unless the tagger's
# card sets its own ``decoding.min_confidence`` (the shipped card does, chosen
# on 84 train documents held out from a build: training/hold_out.py). With an
# earlier tagger the combination's end-to-end F1 on PolNeAR dev peaked here
# (0.55: 0.737, 0.6: 0.742, 0.65: 0.742, 0.75: 0.736).
MIN_CONFIDENCE = 0.6
# Methods of the statements the layout sets apart.
LAID_OUT = frozenset({LABELLED, BLOCK})


class ParsedSource(NamedTuple):
    """The parse's subject of a tagged cue: its phrase and the actor it names, if any."""

    span: Span
    speaker: int | None


def combine(
    doc: Doc,
    rules: Sequence[Quote],
    tagged: Sequence[TaggedAttribution],
    actors: DocumentActors,
    min_confidence: float = MIN_CONFIDENCE,
) -> tuple[Quote, ...]:
    """The sure tagged attributions (with the rules' speakers where they redraw a rule
    quote) and the rule quotes none of them redraws, in text order.

    ``tagged`` holds every attribution the tagger found, sure or not; the sure
    ones have a confidence of ``min_confidence`` or more.
    """
    speakers = SpeakerIndex(actors)
    text = doc.text  # spaCy rebuilds it on every access
    laid_out = [part for quote in rules if quote.method in LAID_OUT for part in quote.content]
    drafted = [
        _as_quote(doc, text, found, speakers, _redrawn(found.content, rules))
        for found in tagged
        if found.confidence >= min_confidence and not _overlap(found.content, laid_out)
    ]
    added = [quote for quote in drafted if _attributed(quote)]
    taken = [fragment for quote in added for fragment in quote.content]
    seen = [fragment for found in tagged for fragment in found.content]
    kept = [
        quote
        for quote in rules
        if quote.method in LAID_OUT
        or (
            _overlap(quote.content, taken) <= SAME_CONTENT * _length(quote.content)
            and (quote.kind != "indirect" or _overlap(quote.content, seen) > 0)
        )
    ]
    return tuple(sorted([*kept, *added], key=lambda quote: (quote.start, quote.end)))


def _attributed(quote: Quote) -> bool:
    """Whether anything attributes the quote: a cue, a source or a speaker.

    A tagged content with none of them is a stretch of text, not an attribution:
    on PolNeAR dev, 15 of 45 such were no attribution and 22 had a source the
    tagger missed. Leaving them out moved end to end F1 0.766 -> 0.767 and
    role-exact content F1 0.692 -> 0.689 (held-out train: 0.699 -> 0.700 and
    0.645 -> 0.646).
    """
    return quote.cue is not None or quote.source is not None or quote.speaker is not None


def _redrawn(content: Fragments, rules: Sequence[Quote]) -> Quote | None:
    """The rule quote with a source whose content ``content`` shares most, when
    they are the same attribution."""
    shared = {rule: _overlap(content, rule.content) for rule in rules if rule.source is not None}
    best = max(shared, key=shared.__getitem__, default=None)
    if best is None or shared[best] <= SAME_CONTENT * _length(content):
        return None
    return best


def _as_quote(
    doc: Doc, text: str, found: TaggedAttribution, speakers: SpeakerIndex, redrawn: Quote | None
) -> Quote:
    """The tagged attribution as a quote (``text`` is the doc's); ``redrawn`` is the rule
    quote it redraws."""
    cue = _phrase(doc, found.cue)
    root = cue.root if cue is not None else None
    frame = (found.cue, _cue_lemma(cue) if cue is not None else None)
    if found.cue is None and redrawn is not None:
        frame = (redrawn.cue, redrawn.cue_lemma)
        source, speaker = redrawn.source, redrawn.speaker
        cue_type = redrawn.cue_type
    else:
        quotation = redrawn if redrawn is not None and redrawn.kind != "indirect" else None
        parsed = _parsed_source(doc, found, root, speakers)
        source, speaker = _source_of(doc, found, quotation, parsed, speakers)
        cue_type = cue_type_of(frame[1], _head_lemma(doc, source))
    return Quote(
        content=found.content,
        kind=quote_kind(text, found.content),
        cue=frame[0],
        cue_lemma=frame[1],
        cue_type=cue_type,
        source=source,
        speaker=speaker,
        confidence=round(found.confidence, 3),
        method="model",
    )


def _cue_lemma(cue: SpacySpan) -> str:
    """The lemma a tagged cue is recorded under: its root's, or the whole of a
    prepositional cue ("according to")."""
    words = " ".join(cue.text.lower().split())
    return words if words in PREPOSITIONAL_CUES else cue.root.lemma_.lower()


def _head_lemma(doc: Doc, span: Span | None) -> str | None:
    """The lemma of the head word of a character span, if it covers any token."""
    phrase = _phrase(doc, span)
    return phrase.root.lemma_ if phrase is not None else None


def _phrase(doc: Doc, span: Span | None) -> SpacySpan | None:
    """The tokens of a character span, None where it covers none."""
    phrase = doc.char_span(*span, alignment_mode="expand") if span is not None else None
    return phrase if phrase is not None and len(phrase) else None


def _parsed_source(
    doc: Doc, found: TaggedAttribution, cue: Token | None, speakers: SpeakerIndex
) -> ParsedSource | None:
    """The parse's subject of the tagged cue, outside the content, when it has one."""
    if cue is None:
        return None
    content = (found.content[0][0], found.content[-1][1])
    subject = subject_of(cue, content)
    if subject is None:
        return None
    parsed = phrase_source(doc, subject, content)
    return ParsedSource(parsed.span, speakers.speaker_of(doc[parsed.speaker_token]))


def _source_of(
    doc: Doc,
    found: TaggedAttribution,
    quotation: Quote | None,
    parsed: ParsedSource | None,
    speakers: SpeakerIndex,
) -> tuple[Span | None, int | None]:
    """The source span and speaker of a tagged attribution, given the rule ``quotation``
    it redraws and the parse's subject of its cue.

    The tagger's own source, where it linked one, stands (carried on to the end
    of a name it stops inside of): the tagger reads the whole document and
    links a source its cue governs first, where the rules and the parse see
    one sentence. Its speaker is the actor of the rule quotation or the
    parse's subject it overlaps, else the one its words name.
    Where it linked none, the rule quotation's source stands unless the parse
    names another actor as the cue's subject; else the parse's subject.
    """
    tagged = found.source
    if tagged is not None:
        tagged = whole_name(doc, tagged, found.cue)
        if quotation is not None and quotation.source and _overlap((tagged,), [quotation.source]):
            return tagged, quotation.speaker
        if parsed is not None and _overlap((tagged,), [parsed.span]):
            return tagged, parsed.speaker
        return tagged, _speaker_of_span(doc, tagged, speakers)
    if quotation is not None and _rule_source_stands(quotation, parsed):
        return quotation.source, quotation.speaker
    if parsed is not None:
        return parsed.span, parsed.speaker
    return None, None


def _rule_source_stands(quotation: Quote, parsed: ParsedSource | None) -> bool:
    """Whether the source of the rule quotation is kept where the tagger linked none:
    the parse names no other actor as the cue's subject."""
    if quotation.source is None:
        return False
    if parsed is None or _overlap((quotation.source,), [parsed.span]):
        return True
    return parsed.speaker is None and quotation.speaker is not None


def _speaker_of_span(doc: Doc, span: Span | None, speakers: SpeakerIndex) -> int | None:
    """The actor a tagged source names: through its mention, or its head's stand-ins."""
    if span is None:
        return None
    speaker = speakers.entity_at(span[0])
    phrase = _phrase(doc, span)
    if speaker is None and phrase is not None:
        speaker = speakers.speaker_of(phrase.root)
    return speaker


def _length(fragments: Fragments) -> int:
    return sum(end - start for start, end in fragments)


def _overlap(fragments: Fragments, others: Sequence[tuple[int, int]]) -> int:
    return sum(
        max(0, min(end, other_end) - max(start, other_start))
        for start, end in fragments
        for other_start, other_end in others
    )
