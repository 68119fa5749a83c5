"""Fine-tuning the encoder together with the tagging head, on whole documents.

The encoder reads a document in the windows it reads it in at inference
(``quotegraph.model.windows``); the features of a piece seen by two windows
are averaged with the same context weights; the head reads the whole
document. Gradients flow from the tags through the head, the averaging and
every encoder layer, so the encoder learns what marks a source, a cue and the
edges of a reported clause instead of serving sentence similarity. The encoder
may compute in bfloat16 (``precision``) while its weights and the head stay in
float32: on a CPU with bfloat16 instructions a step takes a third of the time.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, replace

import numpy as np
import torch
from crf import TagTransitions
from examples import piece_tags

from quotegraph.evaluate import GoldDocument
from quotegraph.model.encoder import PieceEncoder
from quotegraph.model.windows import Pieces, Window, context_weights, window_inputs, windows_of

logger = logging.getLogger("train_attribution")


PieceParse = Callable[[str, tuple[tuple[int, int], ...]], np.ndarray]
"""The parse ids of the pieces (given by their offsets) of a text."""


@dataclass(frozen=True)
class WindowedDocument:
    """The word pieces of a training document, its encoder windows (cut at most
    ``cut = (length, stride)``), its BIO tags and, for a head with parse features,
    its pieces' parse ids."""

    pieces: Pieces
    cut: tuple[int, int]
    windows: tuple[Window, ...]
    tags: np.ndarray
    parse: np.ndarray | None = None

    @property
    def ids(self) -> tuple[int, ...]:
        """The vocabulary ids of the document's pieces."""
        return self.pieces.ids


def windowed_documents(
    encoder: PieceEncoder, documents: Sequence[GoldDocument], parse: PieceParse | None = None
) -> list[WindowedDocument]:
    """Every document with word pieces, cut into the encoder's windows and tagged."""
    windowed = []
    for document in documents:
        pieces = encoder.pieces(document.text)
        if pieces.ids:
            cut = (encoder.window - 2, encoder.stride)
            tags = np.array(piece_tags(document, pieces), dtype=np.int64)
            ids = parse(document.text, pieces.offsets) if parse is not None else None
            windowed.append(WindowedDocument(pieces, cut, windows_of(pieces, *cut), tags, ids))
    return windowed


def shifted(document: WindowedDocument, lead: int) -> WindowedDocument:
    """The document read first in a window of its ``lead`` first pieces, then in windows
    of the rest cut as the document's own are.

    Every epoch shifts each document by a different lead, so that a piece meets the
    encoder at other places in its window and with other context than the last time.
    """
    pieces = document.pieces
    if not 0 < lead < min(len(pieces.ids), document.cut[0]):
        return document
    rest = Pieces(
        pieces.ids[lead:],
        pieces.offsets[lead:],
        (0, *(start - lead for start in pieces.paragraph_starts if start > lead)),
    )
    moved = (Window(lead + w.start, lead + w.end) for w in windows_of(rest, *document.cut))
    return replace(document, windows=(Window(0, lead), *moved))


class DocumentTagger(torch.nn.Module):
    """An encoder whose chosen layers' states, averaged over windows, feed a tagging head;
    with ``transitions``, the scores of tag steps are learned beside them. The encoder
    computes in ``precision`` (float32 or bfloat16), the rest in float32."""

    def __init__(
        self,
        encoder: torch.nn.Module,
        layers: tuple[int, ...],
        head: torch.nn.Module,
        framing: tuple[int, int],
        transitions: TagTransitions | None = None,
        precision: torch.dtype = torch.float32,
    ) -> None:
        super().__init__()
        self.encoder = encoder
        self.precision = precision
        self.layers = layers
        self.head = head
        self.framing = framing
        self.transitions = transitions

    def features(self, document: WindowedDocument) -> torch.Tensor:
        """One row of features per piece of ``document``, shape (pieces, width)."""
        input_ids, mask = window_inputs(document.ids, document.windows, self.framing)
        with self._encoder_precision():
            states = self.encoder(
                input_ids=torch.from_numpy(input_ids),
                attention_mask=torch.from_numpy(mask),
                output_hidden_states=True,
            ).hidden_states
        chosen = torch.cat([states[layer].float() for layer in self.layers], dim=-1)
        positions = torch.cat(
            [torch.arange(window.start, window.end) for window in document.windows]
        )
        weights = torch.cat(
            [torch.from_numpy(context_weights(window)) for window in document.windows]
        )
        rows = torch.cat(
            [
                chosen[row, 1 : window.end - window.start + 1]
                for row, window in enumerate(document.windows)
            ]
        )
        pieces = len(document.ids)
        total = torch.zeros((pieces, chosen.shape[-1])).index_add(0, positions, weights * rows)
        return total / torch.zeros((pieces, 1)).index_add(0, positions, weights)

    def _encoder_precision(self) -> AbstractContextManager[object]:
        """Where the encoder computes in bfloat16, CPU autocast to it; else nothing."""
        if self.precision == torch.float32:
            return nullcontext()
        return torch.autocast("cpu", dtype=self.precision)

    def forward(self, document: WindowedDocument) -> torch.Tensor:
        """Tag logits of every piece of ``document``, shape (pieces, labels)."""
        parse = None if document.parse is None else torch.from_numpy(document.parse)[None]
        logits: torch.Tensor = self.head(self.features(document)[None], parse)[0]
        return logits

    def loss(self, document: WindowedDocument) -> torch.Tensor:
        """The summed loss of ``document``'s tags: cross-entropy per piece and, with learned
        transitions, the negative log-likelihood of the whole tag sequence."""
        logits, tags = self(document), torch.from_numpy(document.tags)
        loss = torch.nn.functional.cross_entropy(logits, tags, reduction="sum")
        if self.transitions is not None:
            loss = loss + self.transitions.negative_log_likelihood(logits, tags)
        return loss


def batches(
    documents: Sequence[WindowedDocument], windows: int, rng: random.Random
) -> Iterator[list[WindowedDocument]]:
    """The documents in a random order, grouped until a group has ``windows`` windows."""
    order = list(documents)
    rng.shuffle(order)
    batch: list[WindowedDocument] = []
    for document in order:
        batch.append(document)
        if sum(len(member.windows) for member in batch) >= windows:
            yield batch
            batch = []
    if batch:
        yield batch


def fine_tune(
    model: DocumentTagger,
    documents: Sequence[WindowedDocument],
    *,
    epochs: int,
    windows: int,
    encoder_rate: float,
    head_rate: float,
    seed: int,
    shift_windows: bool = False,
) -> None:
    """Train encoder and head on the tags of ``documents`` with AdamW.

    The learning rates (one for the encoder, a larger one for the head and any
    learned transitions, which start from nothing) rise linearly over the
    first tenth of the steps and fall linearly to zero after. With
    ``shift_windows`` every epoch reads each document ``shifted`` by a random
    lead.
    """
    rng = random.Random(seed)
    # Steps per epoch vary a little with the order of the documents; this is a first order's.
    per_epoch = sum(1 for _ in batches(documents, windows, random.Random(seed)))
    steps = epochs * per_epoch
    warmup = max(1, steps // 10)
    learned_anew = list(model.head.parameters())
    if model.transitions is not None:
        learned_anew += model.transitions.parameters()
    optimizer = torch.optim.AdamW(
        [
            {"params": model.encoder.parameters(), "lr": encoder_rate},
            {"params": learned_anew, "lr": head_rate},
        ],
        weight_decay=0.01,
    )
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer,
        lambda step: min((step + 1) / warmup, max(0.0, (steps - step) / max(1, steps - warmup))),
    )
    model.train()
    for epoch in range(1, epochs + 1):
        total, pieces = 0.0, 0
        read = documents
        if shift_windows:
            read = [shifted(document, rng.randrange(document.cut[1])) for document in documents]
        for step, batch in enumerate(batches(read, windows, rng), 1):
            count = sum(len(document.tags) for document in batch)
            loss = torch.stack([model.loss(document) for document in batch]).sum() / count
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            total += loss.item() * count
            pieces += count
            if step % 50 == 0:
                logger.info(
                    "epoch %d, step %d/%d: loss %.4f", epoch, step, per_epoch, total / pieces
                )
        logger.info("epoch %d: mean loss %.4f", epoch, total / pieces)
    model.eval()
