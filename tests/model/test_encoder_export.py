"""The encoder of training/ exported to int8 ONNX, and its weights read back for a re-export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from tests.model.training_scripts import training_module

from quotegraph.model.windows import Window, window_inputs

torch = pytest.importorskip("torch", reason="needs the train extra (pip install -e '.[train]')")
onnx = pytest.importorskip("onnx", reason="needs the train extra (pip install -e '.[train]')")
transformers = pytest.importorskip("transformers", reason="needs the train extra")

LAYERS = (1, 2)


def tiny_config(kind: type[Any], layers: int, **settings: Any) -> Any:
    """A configuration of ``kind`` for an encoder of ``layers`` layers 32 wide."""
    return kind(
        vocab_size=120, hidden_size=32, num_hidden_layers=layers, num_attention_heads=4,
        intermediate_size=64, max_position_embeddings=64, **settings,
    )  # fmt: skip


def small_encoder(seed: int) -> transformers.BertModel:
    torch.manual_seed(seed)
    config = tiny_config(transformers.BertConfig, 2, attn_implementation="sdpa")
    return transformers.BertModel(config).eval()


def test_the_export_uses_plain_attention_and_leaves_the_encoder_as_it_was(tmp_path: Path) -> None:
    """The graph has no guards of fused attention; training goes on with the configured kind."""
    encoder = small_encoder(0)
    training_module("onnx_export").export_encoder(encoder, LAYERS, tmp_path / "encoder.onnx")
    operators = {node.op_type for node in onnx.load(str(tmp_path / "encoder.onnx")).graph.node}
    assert "MatMulInteger" in operators
    assert "IsNaN" not in operators
    assert encoder.config._attn_implementation == "sdpa"


def test_weights_read_back_export_to_the_same_int8_weights(tmp_path: Path) -> None:
    """An encoder given an export's dequantised weights exports to the same weights again,
    and an encoder of other weights does not."""
    export, reexport = training_module("onnx_export"), training_module("reexport_encoder")
    export.export_encoder(small_encoder(0), LAYERS, tmp_path / "first.onnx")
    first = onnx.load(str(tmp_path / "first.onnx")).graph
    weights = reexport.exported_weights(first)
    assert weights["encoder.layer.0.attention.self.query.weight"].shape == (32, 32)
    assert weights["embeddings.word_embeddings.weight"].shape == (120, 32)
    again = small_encoder(1)
    reexport.load_weights(again, weights)
    export.export_encoder(again, LAYERS, tmp_path / "again.onnx")
    assert reexport.changed_weights(first, onnx.load(str(tmp_path / "again.onnx")).graph) == []
    export.export_encoder(small_encoder(2), LAYERS, tmp_path / "other.onnx")
    other = onnx.load(str(tmp_path / "other.onnx")).graph
    assert "encoder.layer.0.attention.self.query.weight" in reexport.changed_weights(first, other)


def test_an_mpnet_encoder_runs_framed_by_its_own_tokens(tmp_path: Path) -> None:
    """An MPNet encoder exports and reads each window as PyTorch does, the zeros that pad a
    shorter window (its <s>) left out by the mask."""
    onnxruntime = pytest.importorskip("onnxruntime")
    export = training_module("onnx_export")
    torch.manual_seed(0)
    encoder = transformers.MPNetModel(tiny_config(transformers.MPNetConfig, 2)).eval()
    export.export_encoder(encoder, LAYERS, tmp_path / "encoder.onnx")
    session = onnxruntime.InferenceSession(str(tmp_path / "encoder.onnx"))
    ids, mask = window_inputs(tuple(range(10, 30)), (Window(0, 12), Window(8, 12)), (0, 2))
    (features,) = session.run(None, {"input_ids": ids, "attention_mask": mask})
    with torch.no_grad():
        alone = export.LayerFeatures(encoder, LAYERS)(
            torch.from_numpy(ids[1:, :6]), torch.from_numpy(mask[1:, :6])
        )
    assert features.shape == (2, 14, 64)
    assert np.abs(features[1, :6] - alone[0].numpy()).max() < 0.05


@pytest.mark.parametrize("layers", [None, (2, 5)])
def test_only_the_layers_up_to_the_last_one_read_are_kept(
    tmp_path: Path, layers: tuple[int, ...] | None
) -> None:
    """A deeper encoder loses the layers above the last one read (by default the build's
    own), and gives the same states in the ones it keeps; a shallower one is refused."""
    train = training_module("train_attribution")
    read = train.LAYERS if layers is None else layers
    chosen = {} if layers is None else {"layers": layers}
    torch.manual_seed(0)
    transformers.BertModel(tiny_config(transformers.BertConfig, 8)).save_pretrained(
        tmp_path / "deep"
    )
    kept = train.load_pretrained(tmp_path / "deep", **chosen).eval()
    full = transformers.BertModel.from_pretrained(tmp_path / "deep").eval()
    assert len(kept.encoder.layer) == kept.config.num_hidden_layers == max(read)
    ids = torch.tensor([[1, 17, 42, 2]])
    with torch.no_grad():
        ours = kept(input_ids=ids, output_hidden_states=True).hidden_states
        theirs = full(input_ids=ids, output_hidden_states=True).hidden_states
    for layer in read:
        assert torch.allclose(ours[layer], theirs[layer], atol=1e-6)
    shallow = transformers.BertModel(tiny_config(transformers.BertConfig, 4))
    shallow.save_pretrained(tmp_path / "shallow")
    with pytest.raises(SystemExit, match=f"fewer than {max(read)} layers"):
        train.load_pretrained(tmp_path / "shallow", **chosen)


@pytest.mark.parametrize(
    ("text", "layers"), [("3,6", (3, 6)), ("8,4", (4, 8)), ("6,6", (6,)), ("12", (12,))]
)
def test_layers_are_read_as_distinct_rising_numbers(text: str, layers: tuple[int, ...]) -> None:
    assert training_module("train_attribution").layer_numbers(text) == layers


@pytest.mark.parametrize("text", ["", "4;8", "four", "0,6", "-1,6"])
def test_layers_that_are_not_numbers_from_one_are_refused(text: str) -> None:
    train = training_module("train_attribution")
    with pytest.raises(train.argparse.ArgumentTypeError):
        train.layer_numbers(text)
