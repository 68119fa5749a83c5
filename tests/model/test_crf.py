"""The tag transitions learned with the tagger: a linear-chain CRF's likelihood."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.model.training_scripts import training_module

from quotegraph.model.labels import LABELS, label_id
from quotegraph.model.spans import allowed_transitions, best_tags

torch = pytest.importorskip("torch", reason="needs the train extra (pip install -e '.[train]')")
crf = training_module("crf")


def valid(tags: tuple[int, ...]) -> bool:
    """Whether a tag sequence keeps the BIO constraints, first tag included."""
    allowed = allowed_transitions()
    starts = allowed[0]  # what may follow the outside tag may also start a sequence
    return bool(starts[tags[0]]) and all(allowed[a, b] for a, b in itertools.pairwise(tags))


@settings(max_examples=15, deadline=None)
@given(st.integers(min_value=1, max_value=3), st.integers(min_value=0, max_value=2**16))
def test_likelihood_sums_to_one_over_the_valid_sequences(length: int, seed: int) -> None:
    """exp(-NLL) over every valid sequence of a short text adds up to one; invalid ones get
    nothing."""
    generator = torch.Generator().manual_seed(seed)
    transitions = crf.TagTransitions()
    with torch.no_grad():
        transitions.scores.copy_(torch.randn((len(LABELS), len(LABELS)), generator=generator))
    logits = torch.randn((length, len(LABELS)), generator=generator)
    total = invalid = 0.0
    for tags in itertools.product(range(len(LABELS)), repeat=length):
        nll = transitions.negative_log_likelihood(logits, torch.tensor(tags))
        probability = float(torch.exp(-nll.detach()))
        total += probability
        invalid += 0.0 if valid(tags) else probability
    assert abs(total - 1.0) < 1e-4
    assert invalid < 1e-6


def test_training_learns_that_a_content_goes_on() -> None:
    """Fitted to texts whose content runs on while the head is unsure, the learned scores
    keep a content whole where decoding without them breaks it."""
    inside, outside = label_id("content", begins=False), 0
    tags = torch.tensor([outside, label_id("content", begins=True), *[inside] * 6, outside])
    logits = torch.zeros((len(tags), len(LABELS)))
    logits[torch.arange(len(tags)), tags] = 1.0
    logits[4, outside] = 3.0  # the head doubts the content here
    transitions = crf.TagTransitions()
    optimizer = torch.optim.Adam(transitions.parameters(), lr=0.1)
    for _ in range(100):
        loss = transitions.negative_log_likelihood(logits, tags)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
    probabilities = torch.softmax(logits, dim=-1).numpy()
    assert best_tags(probabilities)[4] == outside
    learned = np.array(transitions.as_card())
    assert best_tags(probabilities, transition_scores=learned).tolist() == tags.tolist()
