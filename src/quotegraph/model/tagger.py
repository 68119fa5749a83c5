"""The attribution tagger at inference: an int8 ONNX encoder, a tagging head, a tokenizer.

Needs ``onnxruntime``, ``tokenizers`` and spaCy, no PyTorch. A model folder holds the
files named below; the default is the model shipped in the package. A model
built with parse features (its card has a ``parse`` entry) also reads the
spaCy parse of the text it tags: the caller's Doc, or its card's pipeline's.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import onnxruntime
from spacy.language import Language
from spacy.tokens import Doc

from quotegraph.errors import ModelError
from quotegraph.model.encoder import PieceEncoder
from quotegraph.model.link import LinkPriors, TaggedAttribution, link
from quotegraph.model.parse_features import ParseVocabulary, piece_parse_ids
from quotegraph.model.spans import RoleSpan, role_spans
from quotegraph.model.windows import load_tokenizer
from quotegraph.nlp import load_pipeline

ENCODER_FILE = "encoder.onnx"
HEAD_FILE = "head.onnx"
TOKENIZER_FILE = "tokenizer.json"
CARD_FILE = "model-card.json"
MODEL_FILES = (ENCODER_FILE, HEAD_FILE, TOKENIZER_FILE, CARD_FILE)


def shipped_model() -> Path:
    """The folder of the model that comes with quotegraph."""
    return Path(str(resources.files("quotegraph") / "data" / "model"))


def read_card(folder: Path) -> dict[str, Any]:
    """The model card of the model in ``folder``, without loading the model.

    Raises :class:`~quotegraph.errors.ModelError` when a model file is missing
    or the card cannot be read.
    """
    for name in MODEL_FILES:
        if not (folder / name).is_file():
            raise ModelError(
                f"{folder / name}: missing; an attribution model folder holds "
                f"{', '.join(MODEL_FILES)}: reinstall quotegraph or rebuild the model "
                "with training/train_attribution.py"
            )
    try:
        card: dict[str, Any] = json.loads((folder / CARD_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ModelError(
            f"{folder / CARD_FILE}: the model card cannot be read ({error}); "
            "rebuild the model with training/train_attribution.py"
        ) from error
    return card


def build_version(card: dict[str, Any]) -> str:
    """Which build a model card describes: when it was trained (UTC, to the second)."""
    return str(card.get("trained", "unknown"))


def load_encoder(
    folder: Path, card: dict[str, Any], threads: int, *, training: bool = False
) -> PieceEncoder:
    """The piece encoder of a model folder, with the window settings of its card.

    At inference the windows overlap as the card's ``inference`` entry says:
    a piece then seen by two windows gets the average of both readings,
    weighted towards the one that gives it more context on both sides. For
    ``training``, and for builds whose card has no such entry, they are cut
    as in training.
    """
    hyperparameters = card["hyperparameters"]
    stride = hyperparameters["stride_pieces"]
    if not training:
        stride = card.get("inference", {}).get("stride_pieces", stride)
    return PieceEncoder(
        _session(folder / ENCODER_FILE, threads),
        load_tokenizer(str(folder / TOKENIZER_FILE)),
        int(hyperparameters["window_pieces"]),
        int(stride),
    )


@dataclass(frozen=True)
class AttributionTagger:
    """Tags source, cue and content spans in a text and groups them into attributions.

    An encoder fine-tuned for tagging gives every word piece contextual features; a small
    recurrent head reads them over the whole document and tags each piece.
    ``card`` is the model card written when the model was built: its
    hyperparameters, linking statistics and dev figures.
    """

    encoder: PieceEncoder
    head: onnxruntime.InferenceSession
    card: dict[str, Any]

    @functools.cached_property
    def parse_vocabulary(self) -> ParseVocabulary | None:
        """The parse labels the head reads, or None for a model without parse features."""
        entry = self.card.get("parse")
        return ParseVocabulary.from_card(entry) if entry else None

    def decoding(self, name: str, default: float) -> float:
        """The setting ``name`` of the card's ``decoding`` entry, ``default`` where it has none."""
        return float(self.card.get("decoding", {}).get(name, default))

    @property
    def outside_weight(self) -> float:
        """How much the decoding weighs the outside tag, from the card (1 when it says nothing)."""
        return self.decoding("outside_weight", 1.0)

    @functools.cached_property
    def transition_scores(self) -> np.ndarray | None:
        """The card's tag transition scores times its ``transition_weight``.

        The scores learned with the tagger where the card has them (weighed 1
        unless it says otherwise), else the log probabilities counted from the
        training tags (weighed 0 unless it says otherwise, as in cards written
        before they were measured). None when the weight is 0 or there are none.
        """
        transitions = self.card.get("transitions") or {}
        learned = "learned" in transitions
        weight = self.decoding("transition_weight", 1.0 if learned else 0.0)
        if not weight or not transitions:
            return None
        table = transitions["learned" if learned else "log_probabilities"]
        return weight * np.asarray(table, dtype=np.float64)

    @property
    def version(self) -> str:
        """Which build this is: when it was trained (UTC, to the second), from its card."""
        return build_version(self.card)

    @functools.cached_property
    def parser(self) -> Language:
        """The spaCy pipeline the model was trained with, for texts that come without a Doc.

        Raises :class:`~quotegraph.errors.ModelError` when it is not installed.
        """
        return load_pipeline(self.card["parse"]["pipeline"])

    @classmethod
    def load(cls, path: Path | None = None, *, threads: int = 1) -> AttributionTagger:
        """The tagger in folder ``path`` (default: the shipped model), on ``threads`` cores.

        Raises :class:`~quotegraph.errors.ModelError` when a file is missing or
        cannot be loaded.
        """
        folder = path if path is not None else shipped_model()
        card = read_card(folder)
        try:
            return cls(
                load_encoder(folder, card, threads), _session(folder / HEAD_FILE, threads), card
            )
        except Exception as error:  # onnxruntime and tokenizers raise untyped errors
            raise ModelError(
                f"{folder}: the attribution model cannot be loaded ({error}); "
                "rebuild it with training/train_attribution.py"
            ) from error

    def tag(self, text: str, doc: Doc | None = None) -> tuple[RoleSpan, ...]:
        """The source, cue and content spans of ``text``, in text order.

        ``doc`` is the spaCy parse of ``text``, which a model with parse
        features reads; without it the model parses ``text`` with its card's
        pipeline. A Doc of another text is a :class:`~quotegraph.errors.ModelError`.
        """
        pieces = self.encoder.pieces(text)
        if not pieces.ids:
            return ()
        inputs = {"features": self.encoder.features(pieces)[None]}
        vocabulary = self.parse_vocabulary
        if vocabulary is not None:
            if doc is None:
                doc = self.parser(text)
            if doc.text != text:
                raise ModelError(
                    "this attribution model reads the parse of the text: "
                    "pass the spaCy Doc of the same text"
                )
            inputs["parse"] = piece_parse_ids(doc, pieces.offsets, vocabulary)[None]
        (logits,) = self.head.run(None, inputs)
        scores = logits[0]
        exponents = np.exp(scores - scores.max(axis=1, keepdims=True))
        probabilities = exponents / exponents.sum(axis=1, keepdims=True)
        return role_spans(
            probabilities, pieces.offsets, self.outside_weight, self.transition_scores
        )

    def predict(self, text: str, doc: Doc | None = None) -> tuple[TaggedAttribution, ...]:
        """The attributions of ``text``: each content with its cue and source.

        ``doc`` is the spaCy parse of ``text``, as for :meth:`tag`; linking
        also reads it, to give a cue the source its verb governs.
        """
        if doc is None and self.parse_vocabulary is not None:
            doc = self.parser(text)
        return link(self.tag(text, doc), text, LinkPriors(**self.card["linking"]), doc)


def _session(path: Path, threads: int) -> onnxruntime.InferenceSession:
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
