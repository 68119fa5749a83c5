"""Export of the encoder and the tagging head to ONNX graphs that need no PyTorch."""

from __future__ import annotations

import tempfile
from pathlib import Path

import torch
from onnxruntime.quantization import QuantType, quantize_dynamic


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


def export_encoder(encoder: torch.nn.Module, layers: tuple[int, ...], target: Path) -> None:
    """Write the encoder's layer features to ``target`` as ONNX with int8 weights."""
    example = torch.ones((2, 16), dtype=torch.long)
    with tempfile.TemporaryDirectory() as folder:
        full = Path(folder) / "encoder-fp32.onnx"
        _export(
            LayerFeatures(encoder, layers).eval(),
            (example, example),
            full,
            ["input_ids", "attention_mask"],
            "features",
        )
        quantize_dynamic(str(full), str(target), weight_type=QuantType.QInt8)


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
