"""Fine-tuning reads a document as the tagger does at inference, and learns from its tags."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.model.training_scripts import training_module
from tests.spans import at

from quotegraph.evaluate import GoldAttribution, GoldDocument
from quotegraph.model.encoder import PieceEncoder
from quotegraph.model.tagger import TOKENIZER_FILE, shipped_model
from quotegraph.model.windows import Pieces, framing_ids, load_tokenizer, windows_of

torch = pytest.importorskip("torch", reason="needs the train extra (pip install -e '.[train]')")
transformers = pytest.importorskip(
    "transformers", reason="needs the train extra (pip install -e '.[train]')"
)

LAYERS = (3, 6)
TEXT = (
    "The mayor of Velden, Ana Morrow, said on Tuesday that the harbour would reopen.\n\n"
    '"We have waited long enough," Morrow told reporters at the quay.\n\n'
    "Councillor Piet Halm believes the repairs will cost twice the estimate, "
    "according to a letter seen by the Velden Courier.\n\n"
    "Fishermen want the works finished before the herring season begins in May."
)


class TorchSession:
    """Runs a PyTorch encoder where the tagger runs its ONNX session."""

    def __init__(self, features: torch.nn.Module) -> None:
        self.features = features

    def run(self, _: object, inputs: dict[str, np.ndarray]) -> list[np.ndarray]:
        with torch.no_grad():
            ids, mask = (torch.from_numpy(inputs[name]) for name in ("input_ids", "attention_mask"))
            return [self.features(ids, mask).numpy()]


def small_encoder() -> Any:
    torch.manual_seed(0)
    config = transformers.BertConfig(
        hidden_size=32, num_hidden_layers=6, num_attention_heads=2, intermediate_size=64
    )
    return transformers.BertModel(config).eval()


def document(text: str, *attributions: GoldAttribution) -> GoldDocument:
    return GoldDocument("invented", text, attributions)


def inference_encoder(encoder: Any) -> PieceEncoder:
    """``encoder`` read as the tagger reads its ONNX encoder, in windows of 18 every 12."""
    export = training_module("onnx_export")
    tokenizer = load_tokenizer(str(shipped_model() / TOKENIZER_FILE))
    return PieceEncoder(TorchSession(export.LayerFeatures(encoder, LAYERS)), tokenizer, 18, 12)


def test_fine_tuning_features_are_those_of_inference() -> None:
    """Windows, framing and the weighted average over overlaps are the same in both."""
    fine_tune = training_module("fine_tune")
    encoder = small_encoder()
    inference = inference_encoder(encoder)
    (windowed,) = fine_tune.windowed_documents(inference, [document(TEXT)])
    assert len(windowed.windows) > 3
    assert any(
        a.end > b.start for a, b in zip(windowed.windows, windowed.windows[1:], strict=False)
    )
    model = fine_tune.DocumentTagger(encoder, LAYERS, torch.nn.Identity(), inference.framing)
    with torch.no_grad():
        features = model.features(windowed).numpy()
    expected = inference.features(inference.pieces(TEXT))
    np.testing.assert_allclose(features, expected, rtol=1e-4, atol=1e-5)


def test_an_encoder_computing_in_bfloat16_gives_float32_features_and_float32_gradients() -> None:
    """In bfloat16 the features differ from float32's by rounding only, and training still
    reaches every encoder weight, kept in float32."""
    fine_tune = training_module("fine_tune")
    encoder = small_encoder()
    inference = inference_encoder(encoder)
    (windowed,) = fine_tune.windowed_documents(inference, [document(TEXT)])
    exact, rounded = (
        fine_tune.DocumentTagger(
            encoder, LAYERS, torch.nn.Identity(), inference.framing, precision=precision
        )
        for precision in (torch.float32, torch.bfloat16)
    )
    with torch.no_grad():
        expected = exact.features(windowed)
    features = rounded.features(windowed)
    assert features.dtype == torch.float32
    assert not torch.equal(features, expected)
    np.testing.assert_allclose(features.detach().numpy(), expected.numpy(), atol=0.1)
    features.square().sum().backward()
    for name, weight in encoder.named_parameters():
        if "pooler" not in name:
            assert weight.dtype == torch.float32
            assert weight.grad is not None and weight.grad.abs().sum() > 0, name


@given(
    count=st.integers(1, 600),
    starts=st.sets(st.integers(1, 599), max_size=20),
    lead=st.integers(0, 80),
)
def test_shifted_windows_cover_every_piece_from_a_lead(
    count: int, starts: set[int], lead: int
) -> None:
    """A shifted document is read first in a window of its lead, then cut as before."""
    fine_tune = training_module("fine_tune")
    paragraph_starts = (0, *sorted(start for start in starts if start < count))
    pieces = Pieces(tuple(range(count)), tuple((i, i + 1) for i in range(count)), paragraph_starts)
    cut = (64, 48)
    document = fine_tune.WindowedDocument(
        pieces, cut, windows_of(pieces, *cut), np.zeros(count, dtype=np.int64)
    )
    windows = fine_tune.shifted(document, lead).windows
    covered = [index for window in windows for index in range(window.start, window.end)]
    assert sorted(set(covered)) == list(range(count))
    assert all(0 < window.end - window.start <= cut[0] for window in windows)
    assert [window.start for window in windows] == sorted(window.start for window in windows)
    if 0 < lead < min(count, cut[0]):
        assert windows[0].start == 0 and windows[0].end == lead
    else:
        assert windows == document.windows


@pytest.mark.parametrize(("shift_windows", "crf"), [(False, False), (True, False), (False, True)])
def test_fine_tuning_lowers_the_loss_on_its_documents(shift_windows: bool, crf: bool) -> None:
    """A few steps on one tagged document make its tags more probable; learned transitions
    learn beside the head."""
    fine_tune, head = training_module("fine_tune"), training_module("head")
    transitions = training_module("crf").TagTransitions() if crf else None
    encoder = small_encoder()
    tokenizer = load_tokenizer(str(shipped_model() / TOKENIZER_FILE))
    pieces = PieceEncoder(TorchSession(encoder), tokenizer, 18, 12)
    gold = GoldAttribution(
        (at(TEXT, "the harbour would reopen"),),
        (at(TEXT, "said"),),
        (at(TEXT, "The mayor of Velden, Ana Morrow"),),
    )
    documents = fine_tune.windowed_documents(pieces, [document(TEXT, gold)])
    model = fine_tune.DocumentTagger(
        encoder,
        LAYERS,
        head.TaggingHead(64, 16, 5, 7, 0.0, recurrent=8),
        framing_ids(tokenizer),
        transitions,
    )
    tags = torch.from_numpy(documents[0].tags)

    def loss() -> float:
        with torch.no_grad():
            return float(torch.nn.functional.cross_entropy(model(documents[0]), tags))

    before = loss()
    fine_tune.fine_tune(
        model,
        documents,
        epochs=20,
        windows=8,
        encoder_rate=1e-3,
        head_rate=1e-2,
        seed=1,
        shift_windows=shift_windows,
    )
    assert loss() < before / 2
    if transitions is not None:
        assert transitions.scores.abs().sum() > 0


def test_fine_tuning_takes_a_single_step() -> None:
    """One document in one epoch is one step, warm-up and decay included."""
    fine_tune, head = training_module("fine_tune"), training_module("head")
    encoder = small_encoder()
    tokenizer = load_tokenizer(str(shipped_model() / TOKENIZER_FILE))
    documents = fine_tune.windowed_documents(
        PieceEncoder(TorchSession(encoder), tokenizer, 18, 12), [document(TEXT)]
    )
    model = fine_tune.DocumentTagger(
        encoder, LAYERS, head.TaggingHead(64, 16, 5, 7, 0.0, recurrent=8), framing_ids(tokenizer)
    )
    before = [parameter.detach().clone() for parameter in model.head.parameters()]
    fine_tune.fine_tune(
        model, documents, epochs=1, windows=100, encoder_rate=1e-3, head_rate=1e-2, seed=1
    )
    after = list(model.head.parameters())
    assert any(not torch.equal(old, new) for old, new in zip(before, after, strict=True))


def test_the_build_computes_in_bfloat16_only_where_the_cpu_does(monkeypatch: Any) -> None:
    """``auto`` falls back to float32 on a CPU without bfloat16 instructions; a precision
    asked for by name is kept."""
    train = training_module("train_attribution")
    monkeypatch.setattr(torch.backends.mkldnn, "is_available", lambda: False)
    assert train.training_precision("auto") == "float32"
    assert train.training_precision("bfloat16") == "bfloat16"
