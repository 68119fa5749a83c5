"""Labelled statements: a paragraph that opens with who speaks and a colon.

Interview transcripts give every turn its speaker (``MAYOR VOSS: We will
reopen the quay.``) and headlines often lead with who said it (``Voss: Quay
will reopen by spring``); an interview's ``Q:`` and ``A:`` name no one and
are left to the tagger. No verb cues these, so the parse finds
nothing: the label is the source, the colon the cue and the rest of the
paragraph the content. A turn goes on in the paragraphs after it that reopen
a quotation without a label of their own, as quoted transcripts are written.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from spacy.tokens import Doc

from quotegraph.actors.lexicon import read_table
from quotegraph.quotes.candidates import Candidate
from quotegraph.quotes.frames import TokenIndex
from quotegraph.quotes.kind import quote_kind
from quotegraph.quotes.marks import MARK_RE, find_paragraphs
from quotegraph.records import Fragments, Mention, QuoteKind, Span

LABELLED = "labelled"
CONFIDENCE = 0.85
# A label is at most this many words, each capitalised or a small joining word.
MAX_LABEL_WORDS = 5
JOINING_WORDS = frozenset({"of", "the", "and", "for", "de", "van", "von", "la", "le", "da", "del"})
# What may come before a label: an opening quotation mark, a dash of a list.
LEAD_RE = re.compile(r"(?:``|[\"\u201c\u201e\u00ab\u2014\u2013-]|\s)*")
LABEL_RE = re.compile(r"([^\s:][^:\n]{0,60}?)[ \t]*:[ \t]+(?=\S)")
WORD_RE = re.compile(r"[\w.'\u2019&-]+")
SPEAKER_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
LETTERS_RE = re.compile(r"[^\W\d_]{2}")
ASIDE_RE = re.compile(r"\(.*\)\.?")


@functools.cache
def non_speaker_words() -> frozenset[str]:
    """Words that open a paragraph before a colon without naming a speaker."""
    return frozenset(row[0] for row in read_table("quotes_label_words.tsv"))


def speaker_label(label: str) -> bool:
    """Whether ``label`` (the words before a paragraph's colon) names who speaks.

    It is at most five capitalised words (joining words aside), not all of
    them words like "Update" or "Photo", and not a single letter (the ``Q:``
    and ``A:`` of an interview name no one).
    """
    words = label.split()
    if not words or len(words) > MAX_LABEL_WORDS or not all(WORD_RE.fullmatch(w) for w in words):
        return False
    if not all(word[0].isupper() or word in JOINING_WORDS for word in words):
        return False
    if sum(character.isalpha() for character in label) < 2:
        return False
    return not all(word.lower() in non_speaker_words() for word in words)


def find_labelled(doc: Doc, mentions: Sequence[Mention] = ()) -> list[Candidate]:
    """The labelled statements of a parsed document, in text order.

    ``mentions`` are the document's actor mentions: a label that repeats a
    name the article gives (``Voss`` for Mayor Ilse Voss) names a speaker.
    """
    text = doc.text
    tokens = TokenIndex(doc)
    names: frozenset[str] | None = None  # read once a label asks for them
    paragraphs = find_paragraphs(text)
    found: list[Candidate] = []
    index = 0
    while index < len(paragraphs):
        start, end = paragraphs[index]
        opened = LEAD_RE.match(text, start, end)
        lead_end = opened.end() if opened else start
        label = LABEL_RE.match(text, lead_end, end)
        if (
            label is None
            or not speaker_label(label.group(1).strip())
            or not _opens_a_statement(text, label.end(), end)
        ):
            index += 1
            continue
        if names is None:
            names = _name_words(doc, mentions)
        if not _names_someone(doc, tokens, names, label.start(1), label.end(1)):
            index += 1
            continue
        source = (label.start(1), label.start(1) + len(label.group(1).rstrip()))
        colon = text.index(":", source[1])
        reopened = MARK_RE.search(text, start, lead_end) is not None
        content: list[Span] = [_trimmed(text, label.end(), end, reopened=reopened)]
        opens_the_text = index == 0
        index += 1
        while reopened and index < len(paragraphs):
            following = _continuation(text, *paragraphs[index])
            if following is None:
                break
            content.append(following)
            index += 1
        found.append(
            Candidate(
                content=tuple(content),
                kind=_kind(text, tuple(content), transcript=not opens_the_text),
                cue=(colon, colon + 1),
                cue_lemma=None,
                source=source,
                speaker_token=_speaker_token(text, tokens, mentions, source),
                confidence=CONFIDENCE,
                method=LABELLED,
            )
        )
    return found


def _name_words(doc: Doc, mentions: Sequence[Mention]) -> frozenset[str]:
    """The capitalised words, in lower case, of the names of actors and entities in a
    document (not the "on" of "Office on Drugs")."""
    spans = [(mention.start, mention.end) for mention in mentions if mention.kind == "name"]
    spans += [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ in SPEAKER_ENTITIES]
    return frozenset(
        word.lower()
        for start, end in spans
        for word in doc.text[start:end].split()
        if word[0].isupper()
    )


def _opens_a_statement(text: str, start: int, end: int) -> bool:
    """Whether what follows a label reads as something said: it has words and opens
    with a capital, as a sentence does (``Eskell Quay: the harbour has its say``
    is a title and its subtitle)."""
    first = next((character for character in text[start:end] if character.isalnum()), "")
    return LETTERS_RE.search(text, start, end) is not None and not first.islower()


def _names_someone(
    doc: Doc, tokens: TokenIndex, names: frozenset[str], start: int, end: int
) -> bool:
    """Whether a label names a speaker: a transcript's capitals (``MAYOR VOSS``), a
    person, organisation, group or place the parse finds in it, or the last word
    of a name the document gives (not ``Little Relief for Refugees``, a heading)."""
    label = doc.text[start:end]
    if label.isupper():
        return True
    if any(token.ent_type_ in SPEAKER_ENTITIES for token in tokens.between(start, end)):
        return True
    return label.split()[-1].lower() in names


def _speaker_token(text: str, tokens: TokenIndex, mentions: Sequence[Mention], source: Span) -> int:
    """The token naming the speaker: the label's own when it is a mention, else the
    name the label repeats (``VOSS`` for an earlier Mayor Ilse Voss), nearest first."""
    last_word = text[source[0] : source[1]].split()[-1].lower()
    covered = any(m.start <= source[1] - 1 < m.end for m in mentions)
    repeated = [
        mention
        for mention in mentions
        if mention.kind == "name" and last_word in mention.text.lower().split()
    ]
    if covered or not repeated:
        return tokens.at(source[1] - 1)
    nearest = min(repeated, key=lambda mention: abs(mention.start - source[0]))
    return tokens.at(nearest.end - 1)


def _trimmed(text: str, start: int, end: int, *, reopened: bool) -> Span:
    """A paragraph's content, without the closing mark of a paragraph that opened one."""
    if reopened and MARK_RE.fullmatch(text[end - 1 : end]):
        end -= 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _continuation(text: str, start: int, end: int) -> Span | None:
    """The content of a paragraph that carries a turn on: it reopens the quotation, has
    no label of its own and is not an aside such as ``(CROSSTALK)``."""
    mark = MARK_RE.match(text, start)
    if mark is None:
        return None
    body = mark.end()
    while body < end and text[body].isspace():
        body += 1
    label = LABEL_RE.match(text, body, end)
    if label is not None and speaker_label(label.group(1).strip()):
        return None
    if not LETTERS_RE.search(text, body, end) or ASIDE_RE.fullmatch(
        text[body:end].rstrip("\"\u201d'")
    ):
        return None
    return _trimmed(text, body, end, reopened=True)


def _kind(text: str, content: Fragments, *, transcript: bool) -> QuoteKind:
    """A transcript's turn is direct speech; a statement opening the text (a headline's)
    is of the kind its quotation marks make it."""
    return "direct" if transcript else quote_kind(text, content)
