"""The encoder of training/ exported to int8 ONNX, and its weights read back for a re-export."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.model.training_scripts import training_module

torch = pytest.importorskip("torch", reason="needs the train extra (pip install -e '.[train]')")
onnx = pytest.importorskip("onnx", reason="needs the train extra (pip install -e '.[train]')")
transformers = pytest.importorskip("transformers", reason="needs the train extra")

LAYERS = (1, 2)


def small_encoder(seed: int) -> transformers.BertModel:
    torch.manual_seed(seed)
    config = transformers.BertConfig(
        vocab_size=120, hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
        intermediate_size=64, max_position_embeddings=64, attn_implementation="sdpa",
    )  # fmt: skip
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
