"""Subjects of a cue that name no one who holds what it reports.

The grammatical subject of a cue is usually its source, but not always:

- an impersonal "it" ("it seems", "it was unclear whether", "it's obvious that");
- who was addressed, the passive subject of an addressing verb ("Reyes was asked
  whether ...", "was urged", "was told").

PolNeAR gives such attributions no source, or another phrase (the agent, "by the
host"), never that subject. The rules do not take it (``quotes.reported``), and a
source that lies on it, whoever gave it, is dropped with its speaker.
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Doc, Token

from quotegraph.quotes.sources import subject_of, token_span
from quotegraph.records import Quote

ADDRESSING_CUES = frozenset(
    {
        "ask",
        "tell",
        "warn",
        "urge",
        "inform",
        "question",
        "remind",
        "advise",
        "instruct",
        "brief",
        "press",
        "challenge",
    }
)
"""Verbs whose passive subject is who was addressed. On PolNeAR train such a cue's
source is none in 42 of 50 cases, the agent in 5 and another phrase in 3."""
RAISING_CUES = frozenset({"seem", "appear"})
"""Verbs of seeming: what their subject does seems so to someone else."""
IMPERSONAL_VERBS = RAISING_CUES | {"look", "sound"}
"""Verbs whose subject "it" names no one: "it seems", "it sure looks like"."""


def names_no_holder(cue: Token, subject: Token) -> bool:
    """Whether ``subject``, the subject of ``cue``, names no one who holds what it reports."""
    if subject.lower_ == "it" and (
        subject.dep_ == "expl" or (subject.dep_ == "nsubj" and _impersonal(cue))
    ):
        return True
    return subject.dep_ == "nsubjpass" and cue.lemma_.lower() in ADDRESSING_CUES


def silent_subject(cue: Token) -> Token | None:
    """The subject of ``cue`` (of the verb an adjective cue completes: "it was unclear")
    where it names no one who holds what the cue reports."""
    verb = _verb_of(cue)
    expletive = (child for child in verb.children if child.dep_ == "expl" and child.lower_ == "it")
    subject = next(expletive, None) or subject_of(verb)
    return subject if subject is not None and names_no_holder(cue, subject) else None


def without_silent_source(doc: Doc, quote: Quote) -> Quote:
    """The quote without its source and speaker where the source lies on a silent
    subject of its cue (``silent_subject``)."""
    if quote.source is None or quote.cue is None:
        return quote
    cue = doc.char_span(*quote.cue, alignment_mode="expand")
    subject = silent_subject(cue.root) if cue is not None and len(cue) else None
    if subject is None:
        return quote
    start, end = token_span(doc, subject.left_edge.i, subject.right_edge.i)
    if quote.source[0] < end and start < quote.source[1]:
        return dataclasses.replace(quote, source=None, speaker=None)
    return quote


def _verb_of(cue: Token) -> Token:
    return cue.head if cue.dep_ == "acomp" else cue


def _impersonal(cue: Token) -> bool:
    """Whether an "it" subject of ``cue`` stands for no one: the cue is an adjective
    after its verb, or a verb of seeming."""
    verb = _verb_of(cue)
    judged = cue is not verb or any(child.dep_ == "acomp" for child in verb.children)
    return judged or verb.lemma_.lower() in IMPERSONAL_VERBS
