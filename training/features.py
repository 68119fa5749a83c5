"""Encoder features and tags of every piece of a split, computed once and kept on disk.

Reading the training documents with the encoder is most of a build's time,
and it gives the same features for the same encoder, windows and documents.
With a cache folder, they are written there (float16) under a key made of
those three, and a later build with the same key reads them back instead.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from examples import piece_tags

from quotegraph.evaluate import GoldDocument
from quotegraph.model.encoder import PieceEncoder

logger = logging.getLogger("train_attribution")

Tagged = tuple[np.ndarray, np.ndarray]
"""The features (pieces, width; float16) and BIO tags (pieces) of one document."""


def cache_key(encoder_file: Path, encoder: PieceEncoder, documents: Sequence[GoldDocument]) -> str:
    """A digest of the encoder's weights, its windows, and the documents' texts and roles."""
    digest = hashlib.sha256(encoder_file.read_bytes())
    digest.update(f"{encoder.window} {encoder.stride}\n".encode())
    for document in documents:
        digest.update(document.stem.encode() + b"\0" + document.text.encode() + b"\0")
        digest.update(repr(document.attributions).encode())
    return digest.hexdigest()[:24]


def tagged_documents(
    encoder: PieceEncoder, documents: Sequence[GoldDocument], cache: Path | None, key: str
) -> list[Tagged]:
    """Features and tags of every document with pieces, read from ``cache`` when there."""
    folder = cache / key if cache is not None else None
    if folder is not None and (folder / "lengths.npy").is_file():
        logger.info("features read from %s", folder)
        return _split(
            np.load(folder / "features.npy", mmap_mode="r"),
            np.load(folder / "tags.npy"),
            np.load(folder / "lengths.npy"),
        )
    tagged: list[Tagged] = []
    for number, document in enumerate(documents, 1):
        pieces = encoder.pieces(document.text)
        if pieces.ids:
            features = encoder.features(pieces).astype(np.float16)
            tagged.append((features, np.array(piece_tags(document, pieces), dtype=np.int64)))
        if number % 50 == 0:
            logger.info("features of %d/%d documents", number, len(documents))
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
        np.save(folder / "features.npy", np.concatenate([features for features, _ in tagged]))
        np.save(folder / "tags.npy", np.concatenate([tags for _, tags in tagged]))
        np.save(folder / "lengths.npy", np.array([len(tags) for _, tags in tagged]))
        logger.info("features written to %s", folder)
    return tagged


def _split(features: np.ndarray, tags: np.ndarray, lengths: np.ndarray) -> list[Tagged]:
    ends = np.cumsum(lengths)
    return [
        (np.asarray(features[end - length : end]), tags[end - length : end])
        for end, length in zip(ends.tolist(), lengths.tolist(), strict=True)
    ]
