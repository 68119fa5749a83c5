"""The tagging head: a bidirectional LSTM over a document's piece features.

The encoder features carry the context of a 256-piece window; the LSTM reads
the whole document, so that a piece deep inside a long reported clause (20-60
pieces) still knows where the clause began, which convolutions over a few
neighbours did not. Convolutions before it remain an option; on PolNeAR dev
one added a point of source and cue F1 and nothing end to end, at twice the
training time. The LSTM exports to ONNX with any number of pieces. With
parse features, each piece's parse ids (``quotegraph.model.parse_features``)
are embedded and set beside its encoder features.
"""

from __future__ import annotations

import torch


class TaggingHead(torch.nn.Module):
    """Projects encoder features down, convolves them, reads them with a BiLSTM, tags each piece.

    ``convolutions`` is how many convolutions there are, ``recurrent`` the
    LSTM width per direction (0 leaves the LSTM out) and ``recurrent_layers``
    how many LSTM layers are stacked. ``parse_sizes`` holds the
    number of ids of each parse column (none: no parse features), each
    embedded in ``parse_width`` values.
    """

    def __init__(
        self,
        width: int,
        hidden: int,
        kernel: int,
        labels: int,
        dropout: float,
        convolutions: int = 0,
        recurrent: int = 128,
        recurrent_layers: int = 1,
        parse_sizes: tuple[int, ...] = (),
        parse_width: int = 16,
    ) -> None:
        super().__init__()
        self.parse = torch.nn.ModuleList(
            torch.nn.Embedding(size, parse_width) for size in parse_sizes
        )
        self.project = torch.nn.Linear(width + parse_width * len(parse_sizes), hidden)
        self.convolutions = torch.nn.ModuleList(
            torch.nn.Conv1d(hidden, hidden, kernel, padding=kernel // 2)
            for _ in range(convolutions)
        )
        self.recurrent = (
            torch.nn.LSTM(
                hidden,
                recurrent,
                num_layers=recurrent_layers,
                batch_first=True,
                bidirectional=True,
                dropout=dropout if recurrent_layers > 1 else 0.0,
            )
            if recurrent
            else None
        )
        self.merge = torch.nn.Linear(2 * recurrent, hidden) if recurrent else None
        self.score = torch.nn.Linear(hidden, labels)
        self.dropout = torch.nn.Dropout(dropout)

    def forward(self, features: torch.Tensor, parse: torch.Tensor | None = None) -> torch.Tensor:
        """Tag logits, shape (batch, pieces, labels), from features (batch, pieces, width)
        and, with parse features, parse ids (batch, pieces, columns)."""
        if parse is not None:
            embedded = [embed(parse[..., column]) for column, embed in enumerate(self.parse)]
            features = torch.cat([features, *embedded], dim=-1)
        states = self.dropout(torch.nn.functional.gelu(self.project(features))).transpose(1, 2)
        for convolution in self.convolutions:
            states = states + self.dropout(torch.nn.functional.gelu(convolution(states)))
        states = states.transpose(1, 2)
        if self.recurrent is not None and self.merge is not None:
            read, _ = self.recurrent(states)
            states = states + self.dropout(self.merge(read))
        return self.score(states)
