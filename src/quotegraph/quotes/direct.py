"""Direct quotations: quoted stretches, the reporting verb beside them, and their continuations.

A quote takes the reporting verb written right after it (``"...," he said``)
or the lead-in right before it (``He said: "..."``). A quote interrupted by
its attribution (``"...," he said. "..."``) is one quote in two fragments; a
quoted paragraph with no attribution of its own continues the quote of the
paragraph before. A quote left open at a paragraph's end whose attribution
comes at the end of the next paragraph takes that attribution, and a quote
with no speaker beside it takes the subject of the reporting clause holding
it (``He urged farmers to "look at the numbers"``). A short quote in title case
after a preposition, an article, a possessive or a naming word is a title, not
speech (``She spoke on "Harbour Hour Tonight," the station said``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from quotegraph.quotes.candidates import Candidate
from quotegraph.quotes.frames import (
    LEAD_IN_END,
    Attribution,
    TokenIndex,
    after_frame,
    before_frame,
    dash_attribution,
    embedding_attribution,
    frame_attribution,
    lead_in,
)
from quotegraph.quotes.marks import Quoted, find_paragraphs, find_quoted

WORD_RE = re.compile(r"\w+")
# A quote shorter than this (in words) needs speech-like punctuation before its
# closing mark to count as speech: "so-called" phrases and titles have none.
MIN_BARE_WORDS = 4
# Below this many words a quote with no attribution is left out.
MIN_UNATTRIBUTED_WORDS = 8
CONFIDENCE = {
    "after": 0.9,
    "dash": 0.8,
    "lead-in": 0.85,
    "embedded": 0.8,
    "continued": 0.75,
    "later": 0.75,
    "unattributed": 0.3,
}
# A title (of a show, a bill, a book) is at most this many words, each longer
# than three letters capitalised, after one of these words or a preposition,
# an article or a possessive.
MAX_TITLE_WORDS = 6
TITLE_LEAD_INS = frozenset({"titled", "entitled", "called", "dubbed", "named"})


@dataclass(frozen=True, slots=True)
class _Context:
    doc: Doc
    text: str
    tokens: TokenIndex
    paragraphs: tuple[tuple[int, int], ...]


def sounds_like_speech(text: str, quoted: Quoted) -> bool:
    """A quote long enough, or ending the way speech does, rather than a scare quote."""
    inner = text[quoted.start : quoted.end].rstrip("\"'`\u201d\u00bb\u201c")
    if not quoted.closed or inner[-1:] in (",", ".", "?", "!"):
        return True
    return len(WORD_RE.findall(inner)) >= MIN_BARE_WORDS


def _frames(ctx: _Context, quotes: list[Quoted], n: int) -> tuple[list, list]:
    """The after-frame and before-frame of the n-th quote of a paragraph.

    A quote that opens its paragraph after one that ends with a colon ("He
    said:") takes that paragraph's last sentence for its before-frame.
    """
    quoted = quotes[n]
    para_start, para_end = ctx.paragraphs[quoted.paragraph]
    after_end = quotes[n + 1].start if n + 1 < len(quotes) else para_end
    before_start = quotes[n - 1].end if n > 0 else para_start
    if quoted.start == para_start and quoted.paragraph > 0:
        previous_start, previous_end = ctx.paragraphs[quoted.paragraph - 1]
        if ctx.text[previous_end - 1] == ":":
            before_start = previous_start
    after = after_frame(ctx.tokens.between(quoted.end, after_end))
    before = before_frame(ctx.tokens.between(before_start, quoted.start))
    return after, before


def _attribution(ctx: _Context, quotes: list[Quoted], n: int) -> tuple[Attribution | None, str]:
    """The attribution of the n-th quote of a paragraph, preferring one that names a source."""
    quoted = quotes[n]
    span = (quoted.start, quoted.end)
    after, before = _frames(ctx, quotes, n)
    found = []
    if sounds_like_speech(ctx.text, quoted):
        found.append((dash_attribution(ctx.doc, ctx.text, after, quoted.end), "dash"))
        found.append((frame_attribution(ctx.doc, after, span), "after"))
    if sounds_like_speech(ctx.text, quoted) or (before and before[-1].text in LEAD_IN_END):
        found.append((frame_attribution(ctx.doc, lead_in(before), span, from_end=True), "lead-in"))
    usable = [(attribution, rule) for attribution, rule in found if attribution is not None]
    for attribution, rule in usable:
        if attribution.source is not None:
            return attribution, rule
    return usable[0] if usable else (None, "")


def _candidate(quoted: Quoted, attribution: Attribution | None, rule: str) -> Candidate:
    source = attribution.source if attribution else None
    return Candidate(
        content=((quoted.start, quoted.end),),
        kind="direct",
        cue=attribution.cue if attribution else None,
        cue_lemma=attribution.cue_lemma if attribution else None,
        source=source.span if source else None,
        speaker_token=source.speaker_token if source else None,
        confidence=CONFIDENCE[rule] if source else CONFIDENCE[rule] - 0.2,
        method=f"direct-{rule}",
    )


def _is_title(ctx: _Context, candidate: Candidate) -> bool:
    """Whether a one-fragment quote names a show, a bill or a book rather than quoting speech."""
    if len(candidate.content) != 1:
        return False
    start, end = candidate.content[0]
    words = WORD_RE.findall(ctx.text[start:end])
    if not 1 <= len(words) <= MAX_TITLE_WORDS or not words[0][0].isupper():
        return False
    if not all(word[0].isupper() for word in words if len(word) > 3):
        return False
    index = ctx.tokens.at(start) - 1
    while index >= 0 and ctx.doc[index].is_space:
        index -= 1
    if index < 0:
        return False
    previous = ctx.doc[index]
    return (
        previous.pos_ in ("ADP", "DET")
        or previous.tag_ in ("POS", "PRP$")
        or previous.lower_ in TITLE_LEAD_INS
    )


def _continues(
    last: Candidate | None, last_para: int, quoted: Quoted, unclosed: bool, ctx: _Context
) -> bool:
    """Whether a quote with no attribution carries on the previous quote."""
    if last is None or last.source is None:
        return False
    if last_para == quoted.paragraph:
        return sounds_like_speech(ctx.text, quoted)
    opens_paragraph = quoted.start == ctx.paragraphs[quoted.paragraph][0]
    return (
        last_para == quoted.paragraph - 1
        and opens_paragraph
        and (unclosed or quoted.whole_paragraph)
    )


def _embedded(ctx: _Context, quoted: Quoted, *, min_words: int = 0) -> Attribution | None:
    """The attribution of a quoted stretch through the reporting clause that holds it."""
    if len(WORD_RE.findall(ctx.text[quoted.start : quoted.end])) < min_words:
        return None
    inside = ctx.tokens.between(quoted.start, quoted.end)
    return embedding_attribution(ctx.doc, inside, (quoted.start, quoted.end))


def _attributed_later(
    ctx: _Context, quoted: Quoted, by_paragraph: dict[int, list[Quoted]]
) -> Attribution | None:
    """The attribution of a quote that runs on into the next paragraph and is attributed there.

    ``"I have spent twenty years here.`` / ``"Now we want jobs," he said.``
    is one quote over two paragraphs with its speaker named at the end.
    """
    following = by_paragraph.get(quoted.paragraph + 1)
    if quoted.closed or not following:
        return None
    opening = following[0]
    if opening.start != ctx.paragraphs[opening.paragraph][0]:
        return None
    attribution, rule = _attribution(ctx, following, 0)
    if attribution is None or attribution.source is None or rule not in ("after", "dash"):
        return None
    return attribution


def find_direct(doc: Doc) -> list[Candidate]:
    """Direct quotes of a document with the attribution the text gives each."""
    text = doc.text
    ctx = _Context(doc, text, TokenIndex(doc), find_paragraphs(text))
    by_paragraph: dict[int, list[Quoted]] = {}
    for quoted in find_quoted(text):
        by_paragraph.setdefault(quoted.paragraph, []).append(quoted)
    found: list[Candidate] = []
    last: Candidate | None = None
    last_para = -2
    unclosed = False
    for paragraph in sorted(by_paragraph):
        quotes = by_paragraph[paragraph]
        n = 0
        while n < len(quotes):
            quoted = quotes[n]
            attribution, rule = _attribution(ctx, quotes, n)
            if attribution is not None and attribution.source is None:
                embedded = _embedded(ctx, quoted)
                if embedded is not None:
                    attribution, rule = embedded, "embedded"
            if attribution is not None:
                candidate = _candidate(quoted, attribution, rule)
                if rule == "after":
                    while n + 1 < len(quotes) and _attribution(ctx, quotes, n + 1)[0] is None:
                        if not sounds_like_speech(text, quotes[n + 1]):
                            break
                        n += 1
                        nxt = quotes[n]
                        candidate = replace(
                            candidate, content=(*candidate.content, (nxt.start, nxt.end))
                        )
                if (
                    last is not None
                    and last.method == "direct-later"
                    and last_para == paragraph - 1
                    and n == 0
                    and last.source == candidate.source
                ):
                    candidate = replace(candidate, continues=True)
                found.append(candidate)
                last = candidate
            elif _continues(last, last_para, quoted, unclosed, ctx):
                assert last is not None
                if last_para == paragraph:
                    last = replace(last, content=(*last.content, (quoted.start, quoted.end)))
                    found[-1] = last
                else:
                    last = replace(
                        last,
                        content=((quoted.start, quoted.end),),
                        continues=True,
                        confidence=CONFIDENCE["continued"],
                        method="direct-continued",
                    )
                    found.append(last)
            elif len(WORD_RE.findall(text[quoted.start : quoted.end])) >= MIN_UNATTRIBUTED_WORDS:
                later = _attributed_later(ctx, quoted, by_paragraph)
                embedded = (
                    None if later else _embedded(ctx, quoted, min_words=MIN_UNATTRIBUTED_WORDS)
                )
                if later is not None:
                    last = _candidate(quoted, later, "later")
                elif embedded is not None:
                    last = _candidate(quoted, embedded, "embedded")
                else:
                    last = _candidate(quoted, None, "unattributed")
                found.append(last)
            else:
                n += 1
                continue
            last_para = paragraph
            unclosed = not quotes[n].closed
            n += 1
    return [candidate for candidate in found if not _is_title(ctx, candidate)]
