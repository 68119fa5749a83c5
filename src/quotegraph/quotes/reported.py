"""Reported speech and other attributions found in the dependency parse.

A reporting verb (``said``, ``believes``, ``wants``, ``show``) with a clausal
complement attributes that clause to the verb's subject: ``Arden said (that)
the bridge was unsafe``, ``..., Arden said.``, ``aides want to delay``.
``according to X, ...`` attributes the rest of its clause to X, and so does an
``in X`` that opens its clause where X is a poll, a study or a mind (``In a
harbour survey, most shops lost trade``, ``In his eyes, the plan had failed``).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from quotegraph.quotes.candidates import Candidate
from quotegraph.quotes.frames import according_to, cue_span, is_cue
from quotegraph.quotes.kind import quote_kind
from quotegraph.quotes.lexicon import cue_lexicon, holder_types
from quotegraph.quotes.silent import RAISING_CUES, names_no_holder
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
CONFIDENCE = {
    "clause": 0.7,
    "according-to": 0.7,
    "in": 0.6,
    "intention": 0.55,
    "object": 0.45,
}


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
    silent = names_no_holder(cue, subject) or _judged_before_infinitive(cue, subject, rule)
    source = None if silent else phrase_source(doc, subject)
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


def _judged_before_infinitive(cue: Token, subject: Token, rule: str) -> bool:
    """Whether the subject of an infinitive's cue is what is judged rather than who judges
    ("the sale is expected to close", "Cruz appeared to rely on ..."): PolNeAR draws it
    inside the content, which the rule leaves it out of, and gives no source."""
    return rule == "intention" and (
        cue.lemma_.lower() in RAISING_CUES or subject.dep_ == "nsubjpass"
    )


def _in_holder(token: Token) -> Token | None:
    """The object of an "in" that opens its clause and whose object holds what the clause
    says ("In a new poll, ...", "In his eyes, ..."). A text ("in a letter") comes with a
    reporting verb of its own, as does a clause whose verb reports ("In an interview, she
    said"). Inside a clause ("gained ground in the polls") the phrase is left to the
    tagger: on PolNeAR train it was as often a false attribution as a true one."""
    if token.lower_ != "in" or token.dep_ != "prep":
        return None
    clause = _clause_of(token)
    if token.i != clause.left_edge.i or is_cue(clause):
        return None
    for child in token.children:
        holds = holder_types().get(child.lemma_.lower())
        if child.dep_ != "pobj" or holds in (None, "writing"):
            continue
        if child.tag_ == "NN" and not child.n_lefts + child.n_rights:
            return None  # an idiom: "in mind", "in view"
        if holds == "belief" and token.head.pos_ not in ("VERB", "AUX"):
            return None  # a mind of the body: "tears in their eyes"
        return child
    return None


def _clause_of(phrase: Token) -> Token:
    """The verb a prepositional phrase belongs to, through the nouns it may hang on."""
    clause = phrase.head
    while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
        clause = clause.head
    return clause


def _prepositional_candidate(
    doc: Doc, text: str, phrase: Token, holder: Token, cue_last: int
) -> Candidate | None:
    """The rest of the clause a prepositional phrase ("according to X", "in X") opens,
    attributed to X; the phrase's words up to ``cue_last`` are the cue."""
    clause = _clause_of(phrase)
    phrase_first, phrase_last = phrase.left_edge.i, phrase.right_edge.i
    if phrase_first <= clause.i <= phrase_last:
        return None
    # a semicolon ends a clause the parse may have hung on this one
    first = max(
        (token.i + 1 for token in doc[clause.left_edge.i : clause.i] if token.text == ";"),
        default=clause.left_edge.i,
    )
    before = trimmed(doc, first, phrase_first - 1) if phrase_first > first else None
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
    lemma = " ".join(token.lower_ for token in doc[phrase.i : cue_last + 1])
    rule = lemma.replace(" ", "-")
    return Candidate(
        content=content,
        kind=quote_kind(text, content),
        cue=token_span(doc, phrase.i, cue_last),
        cue_lemma=lemma,
        source=source.span,
        speaker_token=source.speaker_token,
        confidence=CONFIDENCE[rule],
        method=f"reported-{rule}",
    )


def find_reported(doc: Doc, taken_cues: set[int]) -> list[Candidate]:
    """Attributions carried by the parse, skipping cues already used by direct quotes."""
    found = []
    text = doc.text  # spaCy rebuilds it on every access
    for token in doc:
        if token.i in taken_cues:
            continue
        candidate = None
        according, held_in = according_to(token), _in_holder(token)
        if according is not None:
            candidate = _prepositional_candidate(doc, text, token, according, token.i + 1)
        elif held_in is not None:
            candidate = _prepositional_candidate(doc, text, token, held_in, token.i)
        elif is_cue(token):
            candidate = _clause_candidate(doc, text, token)
        if candidate is not None:
            found.append(candidate)
    return found
