"""The tagging head of training/ exported to ONNX computes what it computes in PyTorch."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnxruntime
import pytest
from tests.model.training_scripts import training_module

torch = pytest.importorskip("torch", reason="needs the train extra (pip install -e '.[train]')")
pytest.importorskip("onnx", reason="needs the train extra (pip install -e '.[train]')")

WIDTH = 48


PARSE_SIZES = (46, 51, 46, 8)


@pytest.mark.parametrize(
    ("convolutions", "layers", "parse_sizes"),
    [(0, 1, ()), (2, 1, ()), (0, 1, PARSE_SIZES), (0, 2, PARSE_SIZES)],
)
def test_exported_head_matches_pytorch_at_any_length(
    tmp_path: Path, convolutions: int, layers: int, parse_sizes: tuple[int, ...]
) -> None:
    """The ONNX head takes documents of any length (and their parse ids) and gives
    PyTorch's logits."""
    head_module, export = training_module("head"), training_module("onnx_export")
    torch.manual_seed(0)
    head = head_module.TaggingHead(
        WIDTH,
        32,
        5,
        7,
        0.2,
        convolutions=convolutions,
        recurrent=16,
        recurrent_layers=layers,
        parse_sizes=parse_sizes,
    ).eval()
    target = tmp_path / "head.onnx"
    export.export_head(head, WIDTH, target, len(parse_sizes))
    session = onnxruntime.InferenceSession(str(target), providers=["CPUExecutionProvider"])
    for pieces in (1, 16, 37, 700):
        features = torch.randn(1, pieces, WIDTH)
        inputs = {"features": features.numpy()}
        parse = None
        if parse_sizes:
            parse = torch.stack([torch.randint(0, size, (1, pieces)) for size in parse_sizes], -1)
            inputs["parse"] = parse.numpy()
        with torch.no_grad():
            expected = head(features, parse).numpy()
        (logits,) = session.run(None, inputs)
        assert logits.shape == (1, pieces, 7)
        np.testing.assert_allclose(logits, expected, atol=1e-4)
