"""Quotations and other attributions: who said (or thinks, or wants) what.

``find_quotes`` finds direct quotes by their quotation marks, reported
speech in the dependency parse, statements a speaker's label opens
(transcripts, headlines) and block quotes a reporting clause sets off,
keeps one attribution per stretch of text, and records each with its cue,
source span and speaker entity.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc

from quotegraph.quotes.blocks import find_blocks
from quotegraph.quotes.continuations import join_continuations
from quotegraph.quotes.direct import find_direct
from quotegraph.quotes.frames import TokenIndex
from quotegraph.quotes.labelled import find_labelled
from quotegraph.quotes.reported import find_reported
from quotegraph.quotes.select import EMBEDDED, select
from quotegraph.quotes.write import write_quotes
from quotegraph.records import Quote

if TYPE_CHECKING:
    from quotegraph.actors import DocumentActors

__all__ = ["find_quotes", "join_continuations"]


def find_quotes(doc: Doc, actors: DocumentActors) -> tuple[Quote, ...]:
    """The attributions of a parsed document, in text order, with speakers from ``actors``."""
    direct = find_direct(doc)
    tokens = TokenIndex(doc)
    taken_cues = {tokens.at(c.cue[0]) for c in direct if c.cue is not None and c.method != EMBEDDED}
    reported = find_reported(doc, taken_cues)
    laid_out = [*find_labelled(doc, actors.mentions), *find_blocks(doc, tokens)]
    return write_quotes(doc, select(direct, reported, laid_out), actors)
