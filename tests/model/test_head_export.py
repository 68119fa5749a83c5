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


@pytest.mark.parametrize("convolutions", [0, 2])
def test_exported_head_matches_pytorch_at_any_length(tmp_path: Path, convolutions: int) -> None:
    """The ONNX head takes documents of any length and gives PyTorch's logits."""
    head_module, export = training_module("head"), training_module("onnx_export")
    torch.manual_seed(0)
    head = head_module.TaggingHead(
        WIDTH, 32, 5, 7, 0.2, convolutions=convolutions, recurrent=16
    ).eval()
    target = tmp_path / "head.onnx"
    export.export_head(head, WIDTH, target)
    session = onnxruntime.InferenceSession(str(target), providers=["CPUExecutionProvider"])
    for pieces in (1, 16, 37, 700):
        features = torch.randn(1, pieces, WIDTH)
        with torch.no_grad():
            expected = head(features).numpy()
        (logits,) = session.run(None, {"features": features.numpy()})
        assert logits.shape == (1, pieces, 7)
        np.testing.assert_allclose(logits, expected, atol=1e-4)
