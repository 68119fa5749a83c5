"""`quotegraph eval` on a small gold folder, with the shipped model or another one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner, Result

from quotegraph.cli import main
from quotegraph.model.tagger import shipped_model

FIXTURES = Path(__file__).parent / "fixtures"


def evaluate(*options: str) -> Result:
    return CliRunner().invoke(main, ["eval", str(FIXTURES), "--json", *options])


def test_a_model_folder_given_is_the_one_measured(tmp_path: Path) -> None:
    """The shipped model given by its folder scores as the default; a copy whose card weighs
    the outside tag down scores otherwise."""
    default = evaluate()
    assert default.exit_code == 0, default.output
    assert evaluate("--model", str(shipped_model())).output == default.output
    leaning = tmp_path / "leaning"
    shutil.copytree(shipped_model(), leaning)
    card = json.loads((leaning / "model-card.json").read_text(encoding="utf-8"))
    card["decoding"] = {"outside_weight": 1e-4}
    (leaning / "model-card.json").write_text(json.dumps(card), encoding="utf-8")
    found = evaluate("--model", str(leaning), "--attribution", "model")
    assert found.exit_code == 0, found.output
    assert found.output != evaluate("--attribution", "model").output


def test_the_card_s_confidence_threshold_decides_what_the_tagger_adds(tmp_path: Path) -> None:
    """A card that asks for more than certainty leaves the tagger alone with nothing."""
    strict = tmp_path / "strict"
    shutil.copytree(shipped_model(), strict)
    card = json.loads((strict / "model-card.json").read_text(encoding="utf-8"))
    card["decoding"] = {"min_confidence": 1.01}
    (strict / "model-card.json").write_text(json.dumps(card), encoding="utf-8")
    shipped = json.loads(evaluate("--attribution", "model").output)["metrics"]["all"]
    found = json.loads(evaluate("--model", str(strict), "--attribution", "model").output)
    assert shipped["n_pred"] > 0 and found["metrics"]["all"]["n_pred"] == 0


def test_a_folder_without_a_model_is_a_one_line_error(tmp_path: Path) -> None:
    """The error names the missing file and says how to get a model; nothing is scored."""
    result = evaluate("--model", str(tmp_path))
    assert result.exit_code != 0
    assert "encoder.onnx: missing" in result.output
    assert "end_to_end" not in result.output
