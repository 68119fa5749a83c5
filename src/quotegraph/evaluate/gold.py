"""The gold standard as the scorer sees it: attributions as fragments of a document's text."""

from __future__ import annotations

from dataclasses import dataclass

from quotegraph.records import Fragments


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One annotated attribution; ``cue`` and ``source`` are empty when it has none."""

    content: Fragments
    cue: Fragments = ()
    source: Fragments = ()


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """A document's text (as read, newlines untranslated) and its attributions."""

    stem: str
    text: str
    attributions: tuple[GoldAttribution, ...]
