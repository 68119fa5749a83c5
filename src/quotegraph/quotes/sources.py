"""Who a reporting verb attributes its content to: the source span and speaker token."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from quotegraph.records import Span

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
# A verb without a subject of its own borrows the subject of the verb it hangs on.
BORROWING_DEPS = frozenset({"conj", "xcomp", "advcl", "acl", "ccomp", "relcl"})
MAX_HOPS = 3


@dataclass(frozen=True, slots=True)
class Source:
    """The span the text uses for a speaker, and the token that identifies them."""

    span: Span
    speaker_token: int


def token_span(doc: Doc, first: int, last: int) -> Span:
    """Character span from token ``first`` to token ``last`` inclusive."""
    return doc[first].idx, doc[last].idx + len(doc[last])


def phrase_source(doc: Doc, head: Token, outside: Span | None = None) -> Source:
    """The source span of a noun phrase: its subtree, cut short of ``outside`` (the quote)."""
    first, last = head.left_edge.i, head.right_edge.i
    if outside is not None:
        lo, hi = outside
        for i in range(first, last + 1):
            if lo <= doc[i].idx < hi:
                if i < head.i:
                    first = i + 1
                elif i > head.i:
                    last = i - 1
                    break
    while first < head.i and (doc[first].is_punct or doc[first].is_space):
        first += 1
    while last > head.i and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    speaker = head
    if head.lower_ in RELATIVE_PRONOUNS and head.head.dep_ == "relcl":
        speaker = head.head.head
    return Source(token_span(doc, first, last), speaker.i)


def subject_of(cue: Token) -> Token | None:
    """The subject of the cue, or of the verb it depends on when it has none."""
    verb = cue
    for _ in range(MAX_HOPS):
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS:
                return child
        if verb.dep_ not in BORROWING_DEPS or verb.head is verb:
            return None
        verb = verb.head
    return None
