"""The tagging head: a small convolutional network over a document's piece features.

The encoder features already carry the context of a 256-piece window; two
convolutions let each tag also see its neighbours' features, which keeps span
boundaries consistent, and cost little at training and inference time.
"""

from __future__ import annotations

import torch


class TaggingHead(torch.nn.Module):
    """Projects encoder features down, convolves them twice, and scores each tag per piece."""

    def __init__(self, width: int, hidden: int, kernel: int, labels: int, dropout: float) -> None:
        super().__init__()
        self.project = torch.nn.Linear(width, hidden)
        self.convolutions = torch.nn.ModuleList(
            torch.nn.Conv1d(hidden, hidden, kernel, padding=kernel // 2) for _ in range(2)
        )
        self.score = torch.nn.Linear(hidden, labels)
        self.dropout = torch.nn.Dropout(dropout)

    def forward(self, features: torch.Tensor) -> torch.Tensor:
        """Tag logits, shape (batch, pieces, labels), from features (batch, pieces, width)."""
        states = self.dropout(torch.nn.functional.gelu(self.project(features))).transpose(1, 2)
        for convolution in self.convolutions:
            states = states + self.dropout(torch.nn.functional.gelu(convolution(states)))
        return self.score(states.transpose(1, 2))
