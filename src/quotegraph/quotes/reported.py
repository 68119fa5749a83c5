"""Reported speech and other attributions found in the dependency parse.

A reporting verb (``said``, ``believes``, ``wants``, ``show``) with a clausal
complement attributes that clause to the verb's subject: ``Arden said (that)
the bridge was unsafe``, ``..., Arden said.``, ``aides want to delay``.
``according to X, ...`` attributes the rest of its clause to X.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from quotegraph.quotes.candidates import Candidate
from quotegraph.quotes.frames import according_to, cue_span, is_cue
from quotegraph.quotes.kind import quote_kind
from quotegraph.quotes.lexicon import cue_lexicon
from quotegraph.quotes.sources import phrase_source, subject_of, token_span

CONTENT_DEPS = ("ccomp",)
INTENTION_DEPS = ("xcomp",)
OBJECT_DEPS = ("dobj",)
OBJECT_CUE_TYPES = frozenset({"speech", "stance"})
# What may follow an object and still be content: "called the plan a disaster",
# "described him as reckless".
OBJECT_COMPLEMENTS = frozenset({"oprd", "xcomp", "ccomp"})
OBJECT_PREPOSITIONS = frozenset({"as"})
EDGE_PUNCT = frozenset({",", ".", ";", ":", "--", "\u2014", "\u2013", "-", "(", ")"})
CONFIDENCE = {"clause": 0.7, "according-to": 0.7, "intention": 0.55, "object": 0.45}
# Verbs whose subject is what seems, not who holds the view: "the plan appears to
# fail" has no source in the sentence (nor has the passive "is expected to").
RAISING_CUES = frozenset({"seem", "appear"})


def _content_child(cue: Token) -> tuple[Token | None, str]:
    for child in cue.children:
        if child.dep_ in CONTENT_DEPS:
            return child, "clause"
    if cue_lexicon()[cue.lemma_.lower()] in ("intention", "belief"):
        for child in cue.children:
            if child.dep_ in INTENTION_DEPS:
                return child, "intention"
    if cue_lexicon()[cue.lemma_.lower()] in OBJECT_CUE_TYPES:
        for child in cue.children:
            if child.dep_ in OBJECT_DEPS:
                return child, "object"
    return None, ""


def _content_range(cue: Token, child: Token) -> tuple[int, int]:
    """Token range of the content: the complement, with what completes an object."""
    first, last = child.left_edge.i, child.right_edge.i
    if child.dep_ in OBJECT_DEPS:
        for sibling in cue.rights:
            if sibling.i > last and (
                sibling.dep_ in OBJECT_COMPLEMENTS or sibling.lower_ in OBJECT_PREPOSITIONS
            ):
                last = max(last, sibling.right_edge.i)
    return first, last


def trimmed(doc: Doc, first: int, last: int) -> tuple[int, int] | None:
    """The token range first..last (inclusive) without edge punctuation."""
    while first <= last and (doc[first].text in EDGE_PUNCT or doc[first].is_space):
        first += 1
    while last >= first and (doc[last].text in EDGE_PUNCT or doc[last].is_space):
        last -= 1
    if first > last:
        return None
    return first, last


def _clause_candidate(doc: Doc, text: str, cue: Token) -> Candidate | None:
    child, rule = _content_child(cue)
    subject = subject_of(cue)
    if child is None or subject is None:
        return None
    tokens = trimmed(doc, *_content_range(cue, child))
    if tokens is None or tokens[0] <= subject.i <= tokens[1]:
        return None
    source = None if _subject_holds_nothing(cue, subject, rule) else phrase_source(doc, subject)
    content = (token_span(doc, *tokens),)
    return Candidate(
        content=content,
        kind=quote_kind(text, content),
        cue=cue_span(doc, cue),
        cue_lemma=cue.lemma_.lower(),
        source=source.span if source else None,
        speaker_token=source.speaker_token if source else None,
        confidence=CONFIDENCE[rule],
        method=f"reported-{rule}",
    )


def _subject_holds_nothing(cue: Token, subject: Token, rule: str) -> bool:
    """Whether the subject of an infinitive's cue is what is judged rather than who judges
    ("the sale is expected to close", "Cruz appeared to rely on ...")."""
    return rule == "intention" and (
        cue.lemma_.lower() in RAISING_CUES or subject.dep_ == "nsubjpass"
    )


def _according_candidate(doc: Doc, text: str, according: Token, holder: Token) -> Candidate | None:
    clause = according.head
    phrase_first, phrase_last = according.left_edge.i, according.right_edge.i
    before = (
        trimmed(doc, clause.left_edge.i, phrase_first - 1)
        if phrase_first > clause.left_edge.i
        else None
    )
    after = (
        trimmed(doc, phrase_last + 1, clause.right_edge.i)
        if phrase_last < clause.right_edge.i
        else None
    )
    sides = [side for side in (before, after) if side is not None]
    if not sides:
        return None
    tokens = max(sides, key=lambda side: side[1] - side[0])
    source = phrase_source(doc, holder)
    content = (token_span(doc, *tokens),)
    return Candidate(
        content=content,
        kind=quote_kind(text, content),
        cue=token_span(doc, according.i, according.i + 1),
        cue_lemma="according to",
        source=source.span,
        speaker_token=source.speaker_token,
        confidence=CONFIDENCE["according-to"],
        method="reported-according-to",
    )


def find_reported(doc: Doc, taken_cues: set[int]) -> list[Candidate]:
    """Attributions carried by the parse, skipping cues already used by direct quotes."""
    found = []
    text = doc.text  # spaCy rebuilds it on every access
    for token in doc:
        if token.i in taken_cues:
            continue
        candidate = None
        holder = according_to(token)
        if holder is not None:
            candidate = _according_candidate(doc, text, token, holder)
        elif is_cue(token):
            candidate = _clause_candidate(doc, text, token)
        if candidate is not None:
            found.append(candidate)
    return found
