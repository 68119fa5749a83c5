"""Block quotes: a paragraph that a reporting clause ending in a colon sets off.

Columns and blogs quote at length without quotation marks, setting the words
apart by layout instead: ``Mayor Voss wrote:`` closes a paragraph and the next
paragraph is hers, verbatim. The reporting verb must be the clause's last word
before the colon and have a subject, which is the source; a paragraph that
opens with a quotation mark is a direct quote the quotation rules read, and
one that opens with markup (an embedded post) is left alone. In a text whose
paragraphs are parted by blank lines, the lines that follow the first with a
single line break belong to the same block.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from quotegraph.quotes.candidates import Candidate
from quotegraph.quotes.frames import TokenIndex, cue_span, is_cue
from quotegraph.quotes.marks import find_paragraphs
from quotegraph.quotes.sources import phrase_source, subject_of
from quotegraph.records import Span

BLOCK = "block"
CONFIDENCE = 0.8
# What a block may not open with: a quotation mark (the quotation rules read
# those) or the markup of an embedded post.
NOT_A_BLOCK_RE = re.compile("``|''|[\"'<\u2018\u201c\u201d\u201e\u201f\u00ab\u00bb]")
BLANK_LINE_RE = re.compile(r"\n[ \t\xa0]*\n")


def find_blocks(doc: Doc, tokens: TokenIndex) -> list[Candidate]:
    """The block quotes of a parsed document, in text order (``tokens`` indexes ``doc``)."""
    text = doc.text
    paragraphs = find_paragraphs(text)
    found: list[Candidate] = []
    for index in range(1, len(paragraphs)):
        lead_start, lead_end = paragraphs[index - 1]
        start = paragraphs[index][0]
        if text[lead_end - 1] != ":" or NOT_A_BLOCK_RE.match(text, start):
            continue
        cue = _closing_cue(tokens.between(lead_start, lead_end))
        subject = subject_of(cue) if cue is not None else None
        if cue is None or subject is None:
            continue
        content = _block(text, paragraphs, index)
        source = phrase_source(doc, subject)
        found.append(
            Candidate(
                content=content,
                kind="direct",
                cue=cue_span(doc, cue),
                cue_lemma=cue.lemma_.lower(),
                source=source.span,
                speaker_token=source.speaker_token,
                confidence=CONFIDENCE,
                method=BLOCK,
            )
        )
    return found


def _closing_cue(lead: list[Token]) -> Token | None:
    """The reporting verb that is the last word before a paragraph's closing colon."""
    words = [token for token in lead[:-1] if not token.is_space]
    while words and words[-1].dep_ == "prt":
        words.pop()
    if words and is_cue(words[-1]):
        return words[-1]
    return None


def _block(text: str, paragraphs: tuple[Span, ...], index: int) -> tuple[Span, ...]:
    """The lines of the block that opens with paragraph ``index``.

    The lines after the first join it only where the text parts its paragraphs
    with blank lines, as it does between the lead and the block.
    """
    block = [paragraphs[index]]
    if not BLANK_LINE_RE.search(text, paragraphs[index - 1][1], paragraphs[index][0]):
        return tuple(block)
    for start, end in paragraphs[index + 1 :]:
        if BLANK_LINE_RE.search(text, block[-1][1], start):
            break
        block.append((start, end))
    return tuple(block)
