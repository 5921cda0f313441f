#!/usr/bin/env python3
"""Safe probe: does torch.load execute code embedded in a pickled checkpoint?

Stdlib + torch only, Python 3.8+.  Everything happens inside a fresh temporary
directory.  The "payload" is a pickle whose reduction calls the builtin
``open(<tmpdir>/marker, "w")``: it creates an empty marker file in that temp
directory and does nothing else (no shell, no network, nothing outside tmp).

The checkpoint is loaded twice:
  1. ``torch.load(path)``                     (the release's default arguments)
  2. ``torch.load(path, weights_only=True)``  (explicit restricted unpickler)

Output: one JSON object on stdout, e.g.
  {"probe": "torch_load", "python": "3.11.7", "torchVersion": "2.13.0+cpu",
   "modes": {"default": {"loaded": false, "codeExecuted": false, "error": "UnpicklingError: ..."},
             "weights_only": {...}},
   "checkpointFormat": "torch.save", "controlPickleExecutes": true}

controlPickleExecutes checks the detector: plain pickle.loads of the same payload must
create the marker. If it is false, codeExecuted values are meaningless.

Exit status: 0 when the probe ran (whatever it found), 2 when torch is missing.
A caller judges the result: codeExecuted=true in "default" means that loading an
untrusted checkpoint with default arguments runs attacker-chosen code.
"""
import json
import os
import pickle
import platform
import shutil
import sys
import tempfile

ERROR_TAIL = 300


class _MarkerPayload(object):
    """Unpickling this object calls open(marker_path, "w"): creates an empty file."""

    def __init__(self, marker_path):
        self.marker_path = marker_path

    def __reduce__(self):
        return (open, (self.marker_path, "w"))


def _tail(text, n=ERROR_TAIL):
    text = " ".join(str(text).split())
    return text if len(text) <= n else "..." + text[-n:]


def _write_checkpoint(torch, path, marker_path):
    # A realistic-looking checkpoint: a real tensor plus the payload object.
    obj = {"weight": torch.zeros(2), "extra": _MarkerPayload(marker_path)}
    try:
        # Pickling calls __reduce__, which only returns the tuple: nothing runs here.
        torch.save(obj, path)
        return "torch.save"
    except Exception:  # pragma: no cover - fall back to a legacy plain pickle
        with open(path, "wb") as fh:
            pickle.dump(obj, fh, protocol=2)
        return "pickle"


def _load(torch, path, marker_path, **kwargs):
    result = {"loaded": False, "codeExecuted": False, "error": None}
    handle = None
    try:
        loaded = torch.load(path, **kwargs)
        result["loaded"] = True
        # When the payload ran, the loaded object holds the file handle open() returned.
        if isinstance(loaded, dict):
            handle = loaded.get("extra")
    except Exception as exc:  # noqa: BLE001 - report any refusal or failure
        result["error"] = "%s: %s" % (type(exc).__name__, _tail(exc))
    finally:
        if handle is not None and hasattr(handle, "close"):
            try:
                handle.close()
            except Exception:
                pass
    result["codeExecuted"] = os.path.exists(marker_path)
    if os.path.exists(marker_path):
        os.remove(marker_path)  # reset between modes
    return result


def main():
    out = {
        "probe": "torch_load",
        "python": platform.python_version(),
        "torchVersion": None,
        "modes": {},
    }
    try:
        import torch
    except Exception as exc:  # noqa: BLE001
        out["error"] = _tail("torch import failed: %s: %s" % (type(exc).__name__, exc))
        print(json.dumps(out))
        return 2
    out["torchVersion"] = getattr(torch, "__version__", None)

    tmpdir = tempfile.mkdtemp(prefix="torch_load_probe_")
    try:
        ckpt = os.path.join(tmpdir, "checkpoint.pt")
        marker = os.path.join(tmpdir, "marker")
        out["checkpointFormat"] = _write_checkpoint(torch, ckpt, marker)
        if os.path.exists(marker):  # must not happen: saving runs nothing
            os.remove(marker)
        # Control: plain pickle must run the payload, proving the detection works.
        handle = pickle.loads(pickle.dumps(_MarkerPayload(marker), protocol=2))
        handle.close()
        out["controlPickleExecutes"] = os.path.exists(marker)
        if os.path.exists(marker):
            os.remove(marker)
        out["modes"]["default"] = _load(torch, ckpt, marker)
        try:
            out["modes"]["weights_only"] = _load(torch, ckpt, marker, weights_only=True)
        except TypeError as exc:  # very old torch without the keyword
            out["modes"]["weights_only"] = {
                "loaded": False, "codeExecuted": False,
                "error": _tail("unsupported: %s" % exc),
            }
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)

    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
