"""The encoder at inference: contextual features for every word piece of a document.

The encoder (six layers of all-mpnet-base-v2 in the shipped model, int8)
reads the document in windows, end to end or overlapping as the model card
says; a piece seen by several windows gets the average of its features,
weighted by the context it has in each. Training reads documents in the same windows and
averages with the same weights (``quotegraph.model.windows``), so the
tagging head learns on what it sees at inference.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import onnxruntime
from tokenizers import Tokenizer

from quotegraph.model.windows import (
    Pieces,
    Window,
    context_weights,
    framing_ids,
    pieces_of,
    window_inputs,
    windows_of,
)

BATCH_WINDOWS = 8
"""Windows run through the encoder at once."""


@dataclass(frozen=True)
class PieceEncoder:
    """Word pieces of a text and their encoder features.

    ``window`` is the encoder input length (the framing tokens included) and
    ``stride`` the most pieces between the starts of two windows.
    """

    session: onnxruntime.InferenceSession
    tokenizer: Tokenizer
    window: int
    stride: int

    @functools.cached_property
    def framing(self) -> tuple[int, int]:
        """The ids of the tokens that open and close every window, read once."""
        return framing_ids(self.tokenizer)

    def pieces(self, text: str) -> Pieces:
        """The word pieces of ``text``."""
        return pieces_of(self.tokenizer, text)

    def features(self, pieces: Pieces) -> np.ndarray:
        """One row of features per piece, shape (pieces, width), float32."""
        windows = windows_of(pieces, self.window - 2, self.stride)
        total: np.ndarray | None = None
        weights = np.zeros((len(pieces.ids), 1), dtype=np.float32)
        for first in range(0, len(windows), BATCH_WINDOWS):
            batch = windows[first : first + BATCH_WINDOWS]
            for window, features in zip(batch, self._run(pieces.ids, batch), strict=True):
                if total is None:
                    total = np.zeros((len(pieces.ids), features.shape[1]), dtype=np.float32)
                weight = context_weights(window)
                total[window.start : window.end] += weight * features
                weights[window.start : window.end] += weight
        if total is None:
            raise ValueError("no pieces to encode")
        return total / weights

    def _run(self, ids: tuple[int, ...], batch: tuple[Window, ...]) -> list[np.ndarray]:
        """Features of the pieces of each window of a batch."""
        input_ids, mask = window_inputs(ids, batch, self.framing)
        (features,) = self.session.run(None, {"input_ids": input_ids, "attention_mask": mask})
        return [
            features[row, 1 : window.end - window.start + 1] for row, window in enumerate(batch)
        ]
