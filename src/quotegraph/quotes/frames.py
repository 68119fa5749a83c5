"""The words around a quotation and the reporting verb among them.

A *frame* is the run of tokens between a quote and its neighbour (the next or
previous quote, or the paragraph's edge), cut at the sentence boundary, where
"he said" or "Ana Lidell told reporters:" is written.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from quotegraph.quotes.lexicon import cue_lexicon
from quotegraph.quotes.sources import Source, name_word, phrase_source, subject_of, token_span
from quotegraph.records import Span

SENTENCE_END = frozenset({".", "!", "?"})
LEAD_IN_END = frozenset({",", ":", "\u2014", "-", "\u2013"})
DASHES = frozenset({"\u2015", "\u2014", "\u2013", "-", "--"})
SPEAKER_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
SPEAKER_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it"})
# A word in one of these roles is what a verb acts on, never who speaks.
OBJECT_DEPS = frozenset({"dobj", "pobj", "dative", "iobj", "poss", "attr", "oprd"})


@dataclass(frozen=True, slots=True)
class Attribution:
    """A cue with its source, found in a frame: a reporting verb, or the dash before a name."""

    cue: Span | None
    cue_lemma: str | None
    source: Source | None


class TokenIndex:
    """Finds the tokens of a character range by binary search."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.starts = [token.idx for token in doc]

    def between(self, start: int, end: int) -> list[Token]:
        """The tokens that begin inside ``[start, end)``."""
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return [self.doc[i] for i in range(lo, hi) if not self.doc[i].is_space]

    def at(self, offset: int) -> int:
        """The index of the token that covers (or follows) character ``offset``."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)


def after_frame(tokens: list[Token]) -> list[Token]:
    """The tokens after a quote up to the end of their sentence.

    A full stop right after the closing mark ends the sentence: ``"...". Ana
    Lidell said`` starts another.
    """
    if tokens and tokens[0].text == ".":
        return []
    for n, token in enumerate(tokens):
        if token.text in SENTENCE_END and n > 0:
            return tokens[: n + 1]
    return tokens


def before_frame(tokens: list[Token]) -> list[Token]:
    """The tokens before a quote back to the start of their sentence."""
    for n in range(len(tokens) - 1, -1, -1):
        if tokens[n].text in SENTENCE_END:
            return tokens[n + 1 :]
    return tokens


def is_cue(token: Token) -> bool:
    """A reporting verb of the lexicon used as a verb."""
    return token.pos_ == "VERB" and token.lemma_.lower() in cue_lexicon()


def cue_span(doc: Doc, cue: Token) -> Span:
    """The cue verb with its particle ("pointed out")."""
    last = cue.i
    for child in cue.rights:
        if child.dep_ == "prt" and child.i == last + 1:
            last = child.i
    return token_span(doc, cue.i, last)


def according_to(token: Token) -> Token | None:
    """The object of "according to" when ``token`` is "according"."""
    if token.lower_ != "according" or token.i + 1 >= len(token.doc):
        return None
    to = token.doc[token.i + 1]
    if to.lower_ != "to":
        return None
    for child in to.children:
        if child.dep_ == "pobj":
            return child
    return None


def frame_attribution(
    doc: Doc, frame: list[Token], quote: Span, *, from_end: bool = False
) -> Attribution | None:
    """The reporting verb (or "according to") of a frame nearest the quote, with its source."""
    for token in reversed(frame) if from_end else frame:
        holder = according_to(token)
        if holder is not None:
            return Attribution(
                token_span(doc, token.i, token.i + 1),
                "according to",
                phrase_source(doc, holder, quote),
            )
        if not is_cue(token) or (not from_end and _reports_what_follows(token)):
            continue
        subject = subject_of(token, quote)
        in_frame = {t.i for t in frame}
        source = None
        if subject is not None and subject.i in in_frame:
            source = phrase_source(doc, subject, quote)
        else:
            near = nearest_speaker(frame, token)
            if near is not None:
                source = phrase_source(doc, near, quote)
        return Attribution(cue_span(doc, token), token.lemma_.lower(), source)
    return None


def _reports_what_follows(cue: Token) -> bool:
    """Whether a cue after a quote has a clause of its own after it ("...” He said the
    probe was over"), which it reports instead of the quote."""
    return any(child.dep_ in ("ccomp", "xcomp") for child in cue.rights)


def embedding_attribution(doc: Doc, tokens: list[Token], quote: Span) -> Attribution | None:
    """The reporting verb whose clause holds a quoted phrase, with that verb's subject.

    In ``Ana Lidell said the plan was "a disaster" and left`` or ``He urged
    farmers to "look at the numbers"`` the quote sits inside what the verb
    reports, so the verb's subject said it, wherever the verbs after it point.
    """
    if not tokens:
        return None
    inside = {token.i for token in tokens}
    token = tokens[0]
    while token.i in inside and token.head.i != token.i:
        token = token.head
    sentence = tokens[0].sent
    while token.i not in inside:
        if token.sent != sentence:
            return None
        if is_cue(token):
            subject = subject_of(token, quote)
            if subject is not None and subject.i not in inside:
                return Attribution(
                    cue_span(doc, token), token.lemma_.lower(), phrase_source(doc, subject, quote)
                )
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def dash_attribution(doc: Doc, text: str, frame: list[Token], quote_end: int) -> Attribution | None:
    """A name set after a quote with a dash ("... \u2015 Ana Lidell"), as in collected comments
    and embedded posts; the dash is the cue, as annotators mark it. The tokenizer may keep
    the dash with the closing mark ("\u201d\u2015"), outside the frame. ``text`` is
    ``doc.text``, which spaCy rebuilds on every access."""
    names = frame
    if frame and frame[0].text in DASHES:
        cue: Span | None = token_span(doc, frame[0].i, frame[0].i)
        names = frame[1:]
    else:
        cue = _glued_dash(text, quote_end, frame)
    if cue is None or not names or names[0].pos_ != "PROPN":
        return None
    last = 0
    while last + 1 < len(names) and name_word(names[last + 1]):
        last += 1
    span = token_span(doc, names[0].i, names[last].i)
    return Attribution(cue, None, Source(span, names[last].i))


def _glued_dash(text: str, quote_end: int, frame: list[Token]) -> Span | None:
    """The dash between a quote's end and its frame's first token, if that is all there is."""
    if not frame:
        return None
    gap = text[quote_end : frame[0].idx]
    start = quote_end + len(gap) - len(gap.lstrip())
    return (start, start + len(gap.strip())) if gap.strip() in DASHES else None


def nearest_speaker(frame: list[Token], cue: Token) -> Token | None:
    """A name or pronoun of the frame closest to the cue, when the parse gives no subject."""
    best: Token | None = None
    for token in frame:
        if token.dep_ in OBJECT_DEPS:
            continue
        is_name = token.ent_type_ in SPEAKER_ENTS and token.head.ent_type_ != token.ent_type_
        is_pronoun = token.lower_ in SPEAKER_PRONOUNS and token.tag_ == "PRP"
        if (is_name or is_pronoun) and (best is None or abs(token.i - cue.i) < abs(best.i - cue.i)):
            best = token
    return best


def lead_in(frame: list[Token]) -> list[Token]:
    """The frame before a quote when it ends as a lead-in ("He said:"), else nothing."""
    if not frame:
        return []
    if frame[-1].text in LEAD_IN_END or is_cue(frame[-1]):
        return frame
    return []
