"""Pipeline smoke test of the seed stack: build a tiny BERT from a config (no download), run a
forward pass, save a training checkpoint the way many 2023 training scripts did (weights plus the
argparse namespace), load it back with torch.load's defaults, and check the outputs match.

torch 2.6 changed torch.load's default to weights_only=True, which refuses the argparse namespace:
this is the break FIELD-NOTES describes (speechbrain/speechbrain#2856), and the harness should see it.
"""
import argparse
import os
import sys
import tempfile

import torch
from transformers import BertConfig, BertModel


def main() -> int:
    torch.manual_seed(0)
    config = BertConfig(
        vocab_size=128, hidden_size=32, num_hidden_layers=2, num_attention_heads=2, intermediate_size=64
    )
    model = BertModel(config).eval()
    input_ids = torch.randint(0, config.vocab_size, (2, 16))
    with torch.no_grad():
        before = model(input_ids).last_hidden_state

    args = argparse.Namespace(lr=1e-4, epochs=3, model="tiny-bert")
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "checkpoint.pt")
        torch.save({"model": model.state_dict(), "args": args}, path)
        checkpoint = torch.load(path)  # the defaults, as the training code calls it

    restored = BertModel(config).eval()
    restored.load_state_dict(checkpoint["model"])
    with torch.no_grad():
        after = restored(input_ids).last_hidden_state
    if not torch.allclose(before, after):
        print("restored model disagrees with the saved one", file=sys.stderr)
        return 1
    print(f"ok: torch {torch.__version__}, output {tuple(after.shape)}, args {checkpoint['args'].model}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
