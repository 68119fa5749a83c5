"""Tag transition scores learned with the tagger: a linear-chain CRF over its log probabilities.

The tagger decodes the best valid tag sequence from the log probabilities of
each piece plus a score for every step from one tag to the next
(``quotegraph.model.spans.best_tags``). Trained this way, those step scores are
fitted to the training documents together with the head, by the likelihood
of the whole gold sequence, instead of being counted from the tags alone.
The per-piece loss stays beside it, so the head's probabilities keep their
meaning as confidences.
"""

from __future__ import annotations

import numpy as np
import torch

from quotegraph.model.labels import LABELS, begins, role_of
from quotegraph.model.spans import allowed_transitions

BARRED = -1e4
"""The score of a step or a start the BIO constraints rule out."""


class TagTransitions(torch.nn.Module):
    """Learned scores of each step between tags, within the BIO constraints."""

    def __init__(self) -> None:
        super().__init__()
        self.scores = torch.nn.Parameter(torch.zeros((len(LABELS), len(LABELS))))
        self.register_buffer(
            "barrier", torch.from_numpy(np.where(allowed_transitions(), 0.0, BARRED)).float()
        )
        starts = [role_of(tag) is None or begins(tag) for tag in range(len(LABELS))]
        self.register_buffer(
            "start", torch.tensor([0.0 if ok else BARRED for ok in starts], dtype=torch.float)
        )

    def negative_log_likelihood(self, logits: torch.Tensor, tags: torch.Tensor) -> torch.Tensor:
        """-log P(tags | logits) of one document's tag sequence, logits (pieces, labels)."""
        emissions = torch.log_softmax(logits, dim=-1)
        steps = self.scores + self.barrier
        gold = (
            self.start[tags[0]]
            + emissions.gather(1, tags[:, None]).sum()
            + steps[tags[:-1], tags[1:]].sum()
        )
        alpha = self.start + emissions[0]
        for row in emissions[1:]:
            alpha = torch.logsumexp(alpha[:, None] + steps, dim=0) + row
        return torch.logsumexp(alpha, dim=0) - gold

    def as_card(self) -> list[list[float]]:
        """The learned scores, rows by the tag stepped from, for the model card."""
        return np.round(self.scores.detach().numpy().astype(np.float64), 4).tolist()
