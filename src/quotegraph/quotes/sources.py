"""Who a reporting verb attributes its content to: the source span and speaker token."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from quotegraph.quotes.edges import in_dateline
from quotegraph.records import Span

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
PERSONAL_RELATIVES = frozenset({"who", "whom"})
# Named-entity labels of things "who" does not refer to.
NOT_PERSONS = frozenset({"ORG", "GPE", "LOC", "FAC", "NORP", "WORK_OF_ART", "PRODUCT", "EVENT"})
# A verb without a subject of its own borrows the subject of the verb it hangs on.
BORROWING_DEPS = frozenset({"conj", "xcomp", "advcl", "acl", "ccomp", "relcl"})
MAX_HOPS = 3
LINE_TOKENS = 16
"""How many tokens of a line are read for its dateline ("MYRTLE BEACH, S.C. (AP) -" is 8)."""
INITIAL = re.compile(r"[A-Z]\.?")


@dataclass(frozen=True, slots=True)
class Source:
    """The span the text uses for a speaker, and the token that identifies them."""

    span: Span
    speaker_token: int


def token_span(doc: Doc, first: int, last: int) -> Span:
    """Character span from token ``first`` to token ``last`` inclusive."""
    return doc[first].idx, doc[last].idx + len(doc[last])


def name_word(token: Token) -> bool:
    """Whether ``token`` may be a word of a name: a proper noun or an initial ("A.")."""
    return token.pos_ == "PROPN" or INITIAL.fullmatch(token.text) is not None


def whole_name(doc: Doc, span: Span, cue: Span | None = None) -> Span:
    """``span`` carried on to the end of a name it stops inside of.

    A span that ends on the first words of a name ("Wenna" of "Wenna A.
    Tregear") ends on a compound word the parser hangs on a proper noun after
    it; the span then ends on that noun, where only words of a name lie
    between and none of them is in the ``cue`` (a headline's "Ferris Vows
    Fight", which the parser may read as one name).
    """
    tokens = doc.char_span(*span, alignment_mode="expand")
    if tokens is None or not len(tokens):
        return span
    end = tokens[-1]
    last = end
    while last.dep_ == "compound" and last.head.i > last.i and last.head.pos_ == "PROPN":
        words = doc[last.i + 1 : last.head.i + 1]
        if not all(name_word(word) for word in words) or (
            cue is not None and cue[0] < words.end_char and words.start_char < cue[1]
        ):
            break
        last = last.head
    return span if last is end else (span[0], last.idx + len(last))


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
        if head.lower_ in PERSONAL_RELATIVES:
            speaker = _person_antecedent(speaker)
    return Source(token_span(doc, first, last), speaker.i)


def _person_antecedent(noun: Token) -> Token:
    """The person "who" refers to when the parser hung it on a named thing after them.

    In ``Ana Lidell, chair of the Farmers Alliance, who asked`` the clause hangs
    on "Alliance"; "who" is Ana Lidell, reached back through "of" and the
    apposition.
    """
    for _ in range(MAX_HOPS * 2):
        if noun.ent_type_ not in NOT_PERSONS:
            break
        if noun.dep_ == "pobj" and noun.head.dep_ == "prep":
            noun = noun.head.head
        elif noun.dep_ == "appos":
            noun = noun.head
        else:
            break
    while noun.dep_ == "appos" and noun.head.ent_type_ == "PERSON":
        noun = noun.head
    return noun


def stand_ins(token: Token) -> list[Token]:
    """Words that may name the speaker when ``token`` names no actor.

    A name in apposition (``the organisers, the Nurses Union``; ``a history of
    the port, local historian Ana Lidell``) or the name a phrase stands in
    apposition to (``the Nurses Union, the organisers``, also where the parser
    made the two phrases two subjects of one verb), a name set after the phrase with
    a comma (the parser does not always see the apposition; its last word
    stands for it, since a name may leave out a leading "the"), and the agent
    of a document (``a report published by the council``), in that order.
    """
    found = [child for child in token.children if child.dep_ == "appos"]
    doc = token.doc
    before = token.left_edge.i - 2
    if token.dep_ == "appos":
        found.append(token.head)
    elif before >= 0 and doc[before + 1].text == "," and _beside(doc[before], token):
        found.append(doc[before])
    after = token.right_edge.i + 2
    if after < len(doc) and doc[after - 1].text == "," and doc[after].ent_iob_ == "B":
        last = after
        while last + 1 < len(doc) and doc[last + 1].ent_iob_ == "I":
            last += 1
        found.append(doc[last])
    for child in token.children:
        if child.dep_ == "acl":
            for agent in child.children:
                if agent.dep_ == "agent":
                    found.extend(obj for obj in agent.children if obj.dep_ == "pobj")
    return found


def _beside(name: Token, token: Token) -> bool:
    """Whether the parser made ``name`` and ``token`` two subjects of one verb."""
    return name.head == token.head and name.dep_ == token.dep_ in SUBJECT_DEPS


def _within(token: Token, span: Span | None) -> bool:
    return span is not None and span[0] <= token.idx < span[1]


def subject_of(cue: Token, outside: Span | None = None) -> Token | None:
    """The subject of the cue, or of the verb it depends on when it has none.

    A subject inside ``outside`` (the quote) is passed over: the parser
    sometimes gives the cue of ``"...," the spokesman added`` a second subject
    taken from the quoted sentence. So is a story's dateline, which the parser
    may take for a subject of the first sentence ("BUENA PARK, Calif. - ...,
    Hillary Clinton tried").
    """
    verb = cue
    for _ in range(MAX_HOPS):
        for child in verb.children:
            if (
                child.dep_ in SUBJECT_DEPS
                and not _within(child, outside)
                and not _within_dateline(child)
            ):
                return child
        if _after_a_preposition(verb):
            verb = verb.head.head
            continue
        if verb.dep_ not in BORROWING_DEPS or verb.head is verb:
            return None
        verb = verb.head
    return None


def _within_dateline(subject: Token) -> bool:
    """Whether the phrase ``subject`` heads lies within the dateline that opens its line
    ("BUENA PARK, Calif. -"; not "WASHINGTON -- President Obama", an apposition the
    parser hangs on the dateline, whose source settles to "President Obama")."""
    if not subject.text[:1].isupper():
        return False  # every word of a dateline is capitalised
    doc = subject.doc
    start = subject.left_edge.i
    while start > 0 and "\n" not in doc[start - 1].text_with_ws:
        if subject.i - start == LINE_TOKENS:
            return False
        start -= 1
    line = doc[start : start + LINE_TOKENS]
    first, last = subject.left_edge, subject.right_edge
    phrase = (first.idx - line.start_char, last.idx + len(last) - line.start_char)
    return in_dateline(line.text, phrase)


def _after_a_preposition(verb: Token) -> bool:
    """Whether ``verb`` heads a clause after a preposition that hangs on another verb
    ("After saying ..., she left"): that verb's subject is its subject too."""
    preposition = verb.head
    return (
        verb.dep_ == "pcomp"
        and preposition.dep_ == "prep"
        and preposition.head.pos_ in ("VERB", "AUX")
    )
