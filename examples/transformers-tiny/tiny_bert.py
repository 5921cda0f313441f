"""Tiny randomly initialised BERT: builds it offline and writes its outputs.

    python tiny_bert.py --out DIR

No hub download: the model is built from a BertConfig. Its weights do not
depend on transformers' own initialisation order. Each tensor is filled from
a torch.Generator seeded with the CRC32 of its state_dict name, so every
transformers version gets the same weights as long as the parameter names and
shapes stay the same. They are saved to DIR/weights.pt, and --weights FILE
loads them again. Writes:

  DIR/summary.json            versions, attention implementation, statistics
  DIR/last_hidden_state.npy   float32, shape (2, 12, 32)
  DIR/pooler_output.npy       float32, shape (2, 32)
"""
from __future__ import annotations

import argparse
import json
import os
import zlib

import numpy as np
import torch
import transformers
from transformers import BertConfig, BertModel

CONFIG = dict(
    vocab_size=64,
    hidden_size=32,
    num_hidden_layers=2,
    num_attention_heads=4,
    intermediate_size=64,
    max_position_embeddings=32,
    type_vocab_size=2,
    hidden_dropout_prob=0.0,
    attention_probs_dropout_prob=0.0,
)

INPUT_IDS = [
    [2, 11, 17, 5, 40, 33, 9, 21, 60, 7, 13, 3],
    [2, 8, 45, 19, 3, 0, 0, 0, 0, 0, 0, 0],  # padded row: attention mask matters
]


def fixed_weights(model: torch.nn.Module) -> dict:
    state = {}
    for name, tensor in model.state_dict().items():
        if not tensor.is_floating_point():
            state[name] = tensor.clone()
            continue
        g = torch.Generator().manual_seed(zlib.crc32(name.encode()))
        values = torch.randn(tensor.shape, generator=g, dtype=torch.float32) * 0.2
        if name.endswith("LayerNorm.weight"):
            values = values + 1.0
        state[name] = values
    return state


def main(argv=None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True)
    p.add_argument("--weights", help="load this state_dict instead of deriving it")
    p.add_argument("--attn", help="force attn_implementation (eager|sdpa), if supported")
    args = p.parse_args(argv)

    torch.manual_seed(0)
    config = BertConfig(**CONFIG)
    if args.attn:
        config._attn_implementation = args.attn  # honoured by transformers >= 4.41 for BERT
    model = BertModel(config)
    state = torch.load(args.weights) if args.weights else fixed_weights(model)
    missing, unexpected = model.load_state_dict(state, strict=False)
    model.eval()

    ids = torch.tensor(INPUT_IDS)
    mask = (ids != 0).long()
    with torch.no_grad():
        out = model(input_ids=ids, attention_mask=mask)
    hidden = out.last_hidden_state.numpy().astype(np.float32)
    pooled = out.pooler_output.numpy().astype(np.float32)

    os.makedirs(args.out, exist_ok=True)
    if not args.weights:
        torch.save(state, os.path.join(args.out, "weights.pt"))
    np.save(os.path.join(args.out, "last_hidden_state.npy"), hidden)
    np.save(os.path.join(args.out, "pooler_output.npy"), pooled)
    summary = {
        "transformers": transformers.__version__,
        "torch": torch.__version__,
        "attn_implementation": getattr(model.config, "_attn_implementation", None),
        "attention_class": type(model.encoder.layer[0].attention.self).__name__,
        "missing_keys": list(missing),
        "unexpected_keys": list(unexpected),
        "hidden_mean": float(hidden[ids.numpy() != 0].mean()),
        "hidden_abs_sum": float(np.abs(hidden[ids.numpy() != 0]).sum()),
        "pooled_first": [float(x) for x in pooled[:, 0]],
    }
    with open(os.path.join(args.out, "summary.json"), "w") as f:
        json.dump(summary, f, indent=2)
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
