"""Word pieces and the windows the encoder reads a document in."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tokenizers import Tokenizer, models, processors

from quotegraph.model.labels import LABELS, ROLES, begins, label_id, role_of
from quotegraph.model.tagger import TOKENIZER_FILE, shipped_model
from quotegraph.model.windows import (
    Pieces,
    Window,
    context_weights,
    framing_ids,
    load_tokenizer,
    window_inputs,
    windows_of,
)


def pieces(count: int, paragraph_starts: tuple[int, ...]) -> Pieces:
    return Pieces(tuple(range(count)), tuple((i, i + 1) for i in range(count)), paragraph_starts)


@pytest.mark.parametrize("count", [1, 10, 100, 1000])
def test_windows_cover_every_piece(count: int) -> None:
    """Windows cover every piece, in order, each at most the given length."""
    windows = windows_of(pieces(count, (0, 30, 95, 400)), 64, 32)
    covered = {index for window in windows for index in range(window.start, window.end)}
    assert covered == set(range(count))
    assert all(window.end - window.start <= 64 for window in windows)
    assert windows[-1].end == count


def test_windows_start_at_paragraph_boundaries() -> None:
    """A window starts at the last paragraph boundary between half a stride and a stride on."""
    windows = windows_of(pieces(200, (0, 20, 40, 45, 130)), 64, 50)
    assert [window.start for window in windows][:3] == [0, 45, 95]


def test_labels_round_trip() -> None:
    """Every role has a B and an I tag, and tags give back their role."""
    for role in ROLES:
        assert role_of(label_id(role, True)) == role == role_of(label_id(role, False))
        assert begins(label_id(role, True)) and not begins(label_id(role, False))
    assert LABELS[0] == "O" and len(LABELS) == 7


def word_level(post_processor: processors.PostProcessor | None) -> Tokenizer:
    vocabulary = {"<s>": 0, "<pad>": 1, "</s>": 2, "[UNK]": 3, "[CLS]": 4, "[SEP]": 5}
    tokenizer = Tokenizer(models.WordLevel(vocabulary, unk_token="[UNK]"))
    if post_processor is not None:
        tokenizer.post_processor = post_processor
    return tokenizer


def test_framing_is_what_the_tokenizer_puts_around_a_text() -> None:
    """[CLS] and [SEP] for a BERT tokenizer, <s> and </s> for an MPNet one like the shipped
    tagger's; a tokenizer that frames nothing is refused."""
    shipped = load_tokenizer(str(shipped_model() / TOKENIZER_FILE))
    assert framing_ids(shipped) == (shipped.token_to_id("<s>"), shipped.token_to_id("</s>"))
    assert framing_ids(word_level(processors.BertProcessing(("[SEP]", 5), ("[CLS]", 4)))) == (4, 5)
    roberta = processors.RobertaProcessing(("</s>", 2), ("<s>", 0))
    assert framing_ids(word_level(roberta)) == (0, 2)
    with pytest.raises(ValueError, match="0 special tokens"):
        framing_ids(word_level(None))


def test_window_inputs_frame_and_pad_each_window() -> None:
    """Each row is [CLS], the window's pieces, [SEP], then zeros the mask leaves out."""
    ids = tuple(range(10, 20))
    input_ids, mask = window_inputs(ids, (Window(0, 4), Window(3, 5)), (101, 102))
    assert input_ids.tolist() == [[101, 10, 11, 12, 13, 102], [101, 13, 14, 102, 0, 0]]
    assert mask.tolist() == [[1] * 6, [1, 1, 1, 1, 0, 0]]


@given(st.integers(0, 500), st.integers(1, 300))
def test_context_weights_count_the_distance_to_the_nearer_edge(start: int, size: int) -> None:
    """A piece weighs one at either edge of its window and most in the middle, symmetrically."""
    weights = context_weights(Window(start, start + size))[:, 0]
    assert weights.shape == (size,)
    assert weights[0] == weights[-1] == 1
    np.testing.assert_array_equal(weights, weights[::-1])
    assert weights.max() == (size + 1) // 2
