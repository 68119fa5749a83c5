"""Export the int8 encoder of a model folder again, as a build exports it now.

Builds made before the encoder was exported with plain attention run it a fifth
slower. This reads the folder's int8 weights back into the published
architecture (each weight its int8 value times its scale) and exports them as
a build does; quantising those weights again gives the same int8 values, which
the script checks. The model card records the re-export.

    python training/reexport_encoder.py                  # the shipped model
    python training/reexport_encoder.py path/to/model    # another model folder
    python training/reexport_encoder.py --encoder minilm path/to/model   # a MiniLM-L6 build
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import onnx
import torch
from encoders import encoder_folder
from onnx import numpy_helper
from onnx_export import export_encoder
from train_attribution import DEFAULT_OUTPUT, load_pretrained
from transformers import PreTrainedModel

from quotegraph.model.tagger import CARD_FILE, ENCODER_FILE

PREFIX = "encoder."
"""What the export's wrapper puts before the encoder's own parameter names."""


def exported_weights(graph: onnx.GraphProto) -> dict[str, np.ndarray]:
    """The encoder's parameters in an exported graph, by PyTorch name, dequantised."""
    arrays = {tensor.name: numpy_helper.to_array(tensor) for tensor in graph.initializer}
    # The exporter keeps one copy of equal parameters and names the others with Identity nodes.
    arrays |= {
        node.output[0]: arrays[node.input[0]]
        for node in graph.node
        if node.op_type == "Identity" and node.input[0] in arrays
    }
    weights = {
        name.removeprefix(PREFIX): array
        for name, array in arrays.items()
        if name.startswith(PREFIX) and array.dtype == np.float32
    }
    for name in arrays:
        if name.startswith(PREFIX) and name.endswith(".weight_quantized"):
            base = name.removesuffix("_quantized")
            weights[base.removeprefix(PREFIX)] = _dequantised(arrays, base)
    for node in graph.node:
        if node.op_type == "MatMulInteger" and node.input[1].endswith("_quantized"):
            # "/encoder/encoder/layer.0/attention/self/query/MatMul_quant" holds the
            # transposed weight of encoder.layer.0.attention.self.query.
            module = node.name.removeprefix("/encoder/").rsplit("/", 1)[0].replace("/", ".")
            base = node.input[1].removesuffix("_quantized")
            weights[f"{module}.weight"] = _dequantised(arrays, base).T
    return weights


def _dequantised(arrays: dict[str, np.ndarray], base: str) -> np.ndarray:
    values = arrays[f"{base}_quantized"].astype(np.float32)
    zero = arrays[f"{base}_zero_point"].astype(np.float32)
    return (values - zero) * arrays[f"{base}_scale"]


def load_weights(encoder: PreTrainedModel, weights: dict[str, np.ndarray]) -> None:
    """Set every parameter of ``encoder`` the features depend on (all but the pooler)."""
    state = encoder.state_dict()
    needed = {name for name in state if not name.startswith("pooler.")}
    missing = needed - weights.keys()
    if missing:
        raise ValueError(f"the exported graph lacks {sorted(missing)[:3]}")
    for name in needed:
        state[name] = torch.tensor(weights[name])
    encoder.load_state_dict(state)


def changed_weights(old: onnx.GraphProto, new: onnx.GraphProto) -> list[str]:
    """The parameters whose weights differ between two exports (by more than rounding)."""
    first, second = exported_weights(old), exported_weights(new)
    if first.keys() != second.keys():
        raise ValueError("the two exports do not hold the same parameters")
    return [name for name in first if not np.allclose(first[name], second[name], rtol=0, atol=1e-6)]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", type=Path, nargs="?", default=DEFAULT_OUTPUT)
    parser.add_argument(
        "--encoder", default="mpnet", help="the encoder the model was built on (default: mpnet)"
    )
    args = parser.parse_args()
    card_path = args.folder / CARD_FILE
    card = json.loads(card_path.read_text(encoding="utf-8"))
    layers = tuple(card["hyperparameters"]["encoder_layers"])
    old = onnx.load(str(args.folder / ENCODER_FILE))
    encoder = load_pretrained(encoder_folder(args.encoder), layers)
    load_weights(encoder, exported_weights(old.graph))
    with tempfile.TemporaryDirectory() as scratch:
        target = Path(scratch) / ENCODER_FILE
        export_encoder(encoder, layers, target)
        changed = changed_weights(old.graph, onnx.load(str(target)).graph)
        if changed:
            raise SystemExit(f"weights changed ({', '.join(changed[:3])}); the encoder was kept")
        shutil.copy(target, args.folder / ENCODER_FILE)
    card["encoder_reexported"] = datetime.now(UTC).isoformat(timespec="seconds")
    card_path.write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    print(f"{args.folder / ENCODER_FILE}: exported again with plain attention, same int8 weights")


if __name__ == "__main__":
    main()
