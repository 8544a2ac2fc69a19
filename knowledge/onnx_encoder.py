"""The MiniLM encoder through onnxruntime, for queries: the same vectors as sentence-transformers in about a
third of the time, and without importing torch on the question path.

`python app.py index` exports the model once (torch's ONNX exporter, a mean-pooled and normalised
graph) into CANDOR_EMBEDDING_ONNX_DIR; a question then needs only `tokenizers` and `onnxruntime`. Without
the exported file (or with CANDOR_EMBEDDING_ONNX=false) queries use sentence-transformers as before.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import warnings
from pathlib import Path

import numpy as np

from knowledge.minilm import load_model, packaged_model_path

log = logging.getLogger(__name__)
INPUTS = ("input_ids", "attention_mask", "token_type_ids")
_LOCK = threading.Lock()


def model_dir(model_path: str) -> Path:
    return Path(model_path or packaged_model_path())


def onnx_file(model_path: str, directory: Path) -> Path:
    """Where the export of this model lives: named by a digest of the model's files, so a new model never
    reuses an old export."""
    folder = model_dir(model_path)
    digest = hashlib.sha256()
    for name in ("config.json", "modules.json", "sentence_bert_config.json", "tokenizer.json"):
        if (folder / name).exists():
            digest.update((folder / name).read_bytes())
    for weights in sorted(folder.glob("*.safetensors")) + sorted(folder.glob("*.bin")):
        digest.update(f"{weights.name}:{weights.stat().st_size}".encode())
    return Path(directory) / f"{folder.name}-{digest.hexdigest()[:16]}.onnx"


def export(model_path: str, directory: Path) -> Path:
    """Exports the sentence-transformers model (transformer + mean pooling + normalisation) to ONNX."""
    target = onnx_file(model_path, directory)
    if target.exists():
        return target
    import torch

    st = load_model(model_path)

    class Pooled(torch.nn.Module):
        def __init__(self, transformer):
            super().__init__()
            self.transformer = transformer

        def forward(self, input_ids, attention_mask, token_type_ids):
            hidden = self.transformer(input_ids=input_ids, attention_mask=attention_mask,
                                      token_type_ids=token_type_ids).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, dim=-1)

    sample = st.tokenizer(["an example sentence"], return_tensors="pt")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    axes = {name: {0: "batch", 1: "tokens"} for name in INPUTS}
    with torch.no_grad():
        with warnings.catch_warnings(record=True) as notes:  # tracer notes about this fixed graph, not problems
            warnings.simplefilter("always")                   # (a test checks the export): the debug log keeps them
            torch.onnx.export(Pooled(st[0].auto_model).eval(), tuple(sample[n] for n in INPUTS), str(partial),
                              input_names=list(INPUTS), output_names=["embedding"], dynamic_axes=axes,
                              opset_version=17, dynamo=False)
        for note in notes:
            log.debug("ONNX export: %s: %s", note.category.__name__, note.message)
    partial.replace(target)  # never leave a half-written model where a reader would load it
    return target


class OnnxEncoder:
    """Tokenizer (the model's own tokenizer.json) + the exported graph; normalised float32 vectors."""

    def __init__(self, model_path: str, onnx_path: Path):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        folder = model_dir(model_path)
        config = json.loads((folder / "sentence_bert_config.json").read_text()) \
            if (folder / "sentence_bert_config.json").exists() else {}
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(int(config.get("max_seq_length", 256)))
        self.tokenizer.enable_padding()
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1  # short inputs on a shared CPU: one thread is fastest
        self.session = ort.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])

    def encode(self, texts: list[str]) -> np.ndarray:
        batch = self.tokenizer.encode_batch(list(texts))
        feeds = {"input_ids": np.array([e.ids for e in batch], dtype=np.int64),
                 "attention_mask": np.array([e.attention_mask for e in batch], dtype=np.int64),
                 "token_type_ids": np.array([e.type_ids for e in batch], dtype=np.int64)}
        return self.session.run(None, feeds)[0].astype(np.float32)


_ENCODERS: dict[str, OnnxEncoder | None] = {}


def use_onnx(model_path: str, directory: Path, *, export_if_missing: bool = True) -> OnnxEncoder | None:
    """Registers the ONNX encoder for `model_path` (exporting it first when asked); None when unavailable,
    in which case queries keep using sentence-transformers."""
    with _LOCK:
        if _ENCODERS.get(model_path) is not None:
            return _ENCODERS[model_path]
        try:
            path = export(model_path, directory) if export_if_missing else onnx_file(model_path, directory)
            _ENCODERS[model_path] = OnnxEncoder(model_path, path) if path.exists() else None
        except Exception as exc:  # an exporter or runtime problem must not stop questions: fall back
            log.warning("ONNX query encoder unavailable (%s: %s); using sentence-transformers", type(exc).__name__, exc)
            _ENCODERS[model_path] = None
        return _ENCODERS[model_path]


def query_model_path(settings, *, export_if_missing: bool = True) -> str:
    """The model path queries are embedded with (CANDOR_EMBEDDING_MODEL), its ONNX encoder registered first
    when CANDOR_EMBEDDING_ONNX is on: the retriever and role descriptions embed queries the same way."""
    if settings.embedding_onnx:
        use_onnx(settings.embedding_model_path, settings.embedding_onnx_dir, export_if_missing=export_if_missing)
    return settings.embedding_model_path


def encoder_for(model_path: str) -> OnnxEncoder | None:
    return _ENCODERS.get(model_path)
