"""Export of the encoder and the tagging head to ONNX graphs that need no PyTorch."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import torch
from onnxruntime.quantization import QuantType, quantize_dynamic
from transformers import PreTrainedModel


class LayerFeatures(torch.nn.Module):
    """The encoder with, as its one output, the states of the chosen layers side by side."""

    def __init__(self, encoder: torch.nn.Module, layers: tuple[int, ...]) -> None:
        super().__init__()
        self.encoder = encoder
        self.layers = layers

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """Per-piece features, shape (batch, pieces, hidden size x layers)."""
        states = self.encoder(
            input_ids=input_ids, attention_mask=attention_mask, output_hidden_states=True
        ).hidden_states
        return torch.cat([states[layer] for layer in self.layers], dim=-1)


def export_encoder(
    encoder: PreTrainedModel,
    layers: tuple[int, ...],
    target: Path,
    float_copy: Path | None = None,
) -> None:
    """Write the encoder's layer features to ``target`` as ONNX with int8 weights.

    ``float_copy``, when given, also receives the graph before quantisation,
    to measure what int8 costs.

    Attention is exported in its plain form (matrix products and a softmax),
    which onnxruntime runs a fifth faster on the CPU than the graph of PyTorch's
    fused attention with its guards against rows that are all padding.
    """
    example = torch.ones((2, 16), dtype=torch.long)
    with tempfile.TemporaryDirectory() as folder, _plain_attention(encoder):
        full = Path(folder) / "encoder-fp32.onnx"
        _export(
            LayerFeatures(encoder, layers).eval(),
            (example, example),
            full,
            ["input_ids", "attention_mask"],
            "features",
        )
        quantize_dynamic(str(full), str(target), weight_type=QuantType.QInt8)
        if float_copy is not None:
            shutil.copy(full, float_copy)


@contextlib.contextmanager
def _plain_attention(encoder: PreTrainedModel) -> Iterator[None]:
    """Run ``encoder`` with plain attention inside the block, as it was configured after it."""
    configured = encoder.config._attn_implementation
    encoder.set_attn_implementation("eager")
    try:
        yield
    finally:
        encoder.set_attn_implementation(configured)


def export_head(head: torch.nn.Module, width: int, target: Path, parse_columns: int = 0) -> None:
    """Write the tagging head (features of one document in, tag logits out) to ``target``.

    A head with parse features takes the pieces' ``parse_columns`` parse ids as a second input.
    """
    example: tuple[torch.Tensor, ...] = (torch.zeros((1, 16, width)),)
    inputs = ["features"]
    if parse_columns:
        example = (*example, torch.zeros((1, 16, parse_columns), dtype=torch.long))
        inputs.append("parse")
    _export(head.eval(), example, target, inputs, "logits")


def _export(
    module: torch.nn.Module,
    example: tuple[torch.Tensor, ...],
    target: Path,
    inputs: list[str],
    output: str,
) -> None:
    axes = {name: {0: "batch", 1: "pieces"} for name in [*inputs, output]}
    torch.onnx.export(
        module,
        example,
        str(target),
        input_names=inputs,
        output_names=[output],
        dynamic_axes=axes,
        opset_version=17,
        dynamo=False,
    )
