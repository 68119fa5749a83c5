"""Word pieces of a whole document and the overlapping windows the encoder sees.

A document is longer than the encoder's input, so it is read in windows of at
most ``length`` pieces. Windows start at a paragraph boundary where one is
close enough, so that a quotation and its speaker usually share a window, and
consecutive windows overlap so that every piece is also seen with context on
both sides. Training and inference use the same code.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from tokenizers import Tokenizer

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Pieces:
    """The word pieces of a text: vocabulary ids and character spans."""

    ids: tuple[int, ...]
    offsets: tuple[Span, ...]
    paragraph_starts: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Window:
    """Pieces ``start`` to ``end`` (exclusive) of a document."""

    start: int
    end: int


def load_tokenizer(path: str) -> Tokenizer:
    """The word-piece tokenizer from a ``tokenizer.json``, without padding or truncation."""
    tokenizer = Tokenizer.from_file(path)
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return tokenizer


def framing_ids(tokenizer: Tokenizer) -> tuple[int, int]:
    """The ids that open and close every window: ``[CLS]`` and ``[SEP]`` for a BERT
    tokenizer, ``<s>`` and ``</s>`` for an MPNet or RoBERTa one, as its own
    post-processor frames a text."""
    framing = tokenizer.encode("", add_special_tokens=True).ids
    if len(framing) != 2:
        raise ValueError(
            f"the tokenizer frames a text with {len(framing)} special tokens, not an opening "
            "and a closing one"
        )
    return framing[0], framing[1]


def pieces_of(tokenizer: Tokenizer, text: str) -> Pieces:
    """The word pieces of ``text`` with their character offsets and paragraph starts."""
    encoding = tokenizer.encode(text, add_special_tokens=False)
    offsets = tuple((start, end) for start, end in encoding.offsets)
    starts = tuple(
        index
        for index, (start, _) in enumerate(offsets)
        if index == 0 or "\n" in text[offsets[index - 1][1] : start]
    )
    return Pieces(tuple(encoding.ids), offsets, starts)


def windows_of(pieces: Pieces, length: int, stride: int) -> tuple[Window, ...]:
    """Windows of at most ``length`` pieces covering the document.

    Each window after the first starts at the last paragraph boundary that lies
    between half a stride and a stride after the previous start, or a stride
    after it when there is none.
    """
    total = len(pieces.ids)
    windows: list[Window] = []
    start = 0
    while True:
        end = min(start + length, total)
        windows.append(Window(start, end))
        if end >= total:
            return tuple(windows)
        boundaries = [
            boundary
            for boundary in pieces.paragraph_starts
            if start + stride // 2 < boundary <= start + stride
        ]
        start = boundaries[-1] if boundaries else start + stride


def window_inputs(
    ids: tuple[int, ...], batch: tuple[Window, ...], framing: tuple[int, int]
) -> tuple[np.ndarray, np.ndarray]:
    """Encoder input ids and attention mask of a batch of windows, each framed by ``framing``.

    ``framing`` is the ids of the opening and closing tokens ([CLS] and [SEP]);
    rows are padded with zeros, masked out, to the longest window.
    """
    cls, sep = framing
    width = max(window.end - window.start for window in batch) + 2
    input_ids = np.zeros((len(batch), width), dtype=np.int64)
    mask = np.zeros((len(batch), width), dtype=np.int64)
    for row, window in enumerate(batch):
        size = window.end - window.start
        input_ids[row, : size + 2] = [cls, *ids[window.start : window.end], sep]
        mask[row, : size + 2] = 1
    return input_ids, mask


def context_weights(window: Window) -> np.ndarray:
    """How much context each piece of ``window`` has: its distance to the nearer edge, plus one.

    A piece seen by several windows gets the average of its features weighted
    by these, shape (pieces, 1).
    """
    position = np.arange(window.end - window.start, dtype=np.float32)[:, None]
    return np.minimum(position + 1, window.end - window.start - position)
