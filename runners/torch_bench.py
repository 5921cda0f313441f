#!/usr/bin/env python3
"""torch-bench runner for upgrade-harness.

Runs inside the baseline / candidate Python environment. Dependencies:
stdlib + torch only (numpy is NOT required). Python 3.8+ syntax.

Subcommands:
  prepare  build a model once, save weights (state_dict, tensors only) and
           deterministic example inputs so that both environments load the
           SAME bits (random streams differ between torch releases).
  run      load the prepared weights, benchmark, write a JSON result.
  info     print environment facts (torch build, threads, CPU/CUDA) as JSON.

See runners/README.md for the result schema and exit codes.
"""

from __future__ import print_function

import argparse
import gc
import hashlib
import json
import os
import platform
import resource
import statistics
import sys
import time
import traceback
import warnings

SCHEMA_VERSION = 1
RUNNER_VERSION = "1.0.0"

EXIT_OK = 0
EXIT_ERROR = 1          # runtime failure (model build/load/forward, I/O, ...)
EXIT_USAGE = 2          # bad arguments / bad model spec / missing prepared files
EXIT_SKIPPED = 3        # requested device not available -> {"skipped": true}

WEIGHTS_FILE = "weights.pt"
INPUTS_FILE = "inputs.pt"
MANIFEST_FILE = "manifest.json"

DEFAULT_EXAMPLE_BATCH = 8
MAX_ITERATIONS_CAP = 1000000

_PROCESS_START_NS = time.perf_counter_ns()


class UsageError(Exception):
    """Bad arguments or spec: exit code 2."""


class SkipError(Exception):
    """Requested device not available: exit code 3, skipped result."""


# ----------------------------------------------------------------------------
# small helpers (no torch)
# ----------------------------------------------------------------------------

def _eprint(*a):
    print(*a, file=sys.stderr)
    sys.stderr.flush()


def _atomic_write_bytes(path, data):
    d = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(d):
        os.makedirs(d)
    tmp = "%s.tmp.%d" % (path, os.getpid())
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            try:
                os.remove(tmp)
            except OSError:
                pass


def _atomic_write_json(path, obj):
    data = json.dumps(obj, indent=2, sort_keys=False, allow_nan=False) + "\n"
    _atomic_write_bytes(path, data.encode("utf-8"))


def _remove_quiet(path):
    if path and os.path.lexists(path):
        try:
            os.remove(path)
        except OSError:
            pass


def _sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _canonical_json(obj):
    return json.dumps(obj, sort_keys=True, separators=(",", ":"))


def parse_spec(text):
    """--model accepts inline JSON ('{...}') or a path to a JSON file.

    Returns (spec_dict, base_dir) where base_dir resolves relative paths in the
    spec ("file", "torchscript"): the spec file's directory, else the cwd.
    """
    t = text.strip()
    base = os.getcwd()
    if not t.startswith("{"):
        if not os.path.isfile(t):
            raise UsageError("--model: not inline JSON and not an existing file: %r" % text)
        base = os.path.dirname(os.path.abspath(t))
        with open(t, "r") as f:
            t = f.read()
    try:
        spec = json.loads(t)
    except ValueError as e:
        raise UsageError("--model: invalid JSON: %s" % e)
    if not isinstance(spec, dict):
        raise UsageError("--model: spec must be a JSON object")
    kinds = [k for k in ("builtin", "file", "torchscript") if k in spec]
    if len(kinds) != 1:
        raise UsageError('--model: spec needs exactly one of "builtin", "file", "torchscript"')
    return spec, base


def _resolve(base, p):
    p = os.path.expanduser(p)
    return p if os.path.isabs(p) else os.path.normpath(os.path.join(base, p))


def _int_list(v, name):
    if not isinstance(v, list) or not v or not all(isinstance(x, int) and x > 0 for x in v):
        raise UsageError("spec.%s must be a non-empty list of positive integers, got %r" % (name, v))
    return v


def _pos_int(spec, key, default):
    v = spec.get(key, default)
    if not isinstance(v, int) or isinstance(v, bool) or v <= 0:
        raise UsageError("spec.%s must be a positive integer, got %r" % (key, v))
    return v


def read_rss():
    """Peak/current RSS from the OS. Bytes."""
    ru = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes.
    ru_bytes = ru if sys.platform == "darwin" else ru * 1024
    hwm = None
    cur = None
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    hwm = int(line.split()[1]) * 1024
                elif line.startswith("VmRSS:"):
                    cur = int(line.split()[1]) * 1024
    except (IOError, OSError, ValueError):
        pass
    peak = max(x for x in (ru_bytes, hwm) if x is not None)
    return {"peakRssBytes": peak, "ruMaxrssBytes": ru_bytes, "vmHwmBytes": hwm, "currentRssBytes": cur}


def cpu_facts():
    model = None
    flags_hint = None
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if ":" not in line:
                    continue
                k, v = [s.strip() for s in line.split(":", 1)]
                if model is None and k in ("model name", "Model", "Hardware", "cpu model"):
                    model = v
                if flags_hint is None and k in ("flags", "Features"):
                    want = ("avx2", "avx512f", "avx512_bf16", "amx_bf16", "amx_tile", "asimd", "sve", "fma")
                    have = set(v.split())
                    flags_hint = [x for x in want if x in have]
    except (IOError, OSError):
        pass
    if model is None:
        model = platform.processor() or None
    try:
        affinity = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        affinity = None
    return {
        "model": model,
        "machine": platform.machine(),
        "logicalCpus": os.cpu_count(),
        "affinityCpus": affinity,
        "selectedFlags": flags_hint,
    }


_ENV_KEYS = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "KMP_AFFINITY",
             "KMP_BLOCKTIME", "OMP_PROC_BIND", "OMP_PLACES", "GOMP_CPU_AFFINITY",
             "ONEDNN_VERBOSE", "DNNL_MAX_CPU_ISA", "ATEN_CPU_CAPABILITY", "LD_PRELOAD",
             "CUDA_VISIBLE_DEVICES", "PYTORCH_CUDA_ALLOC_CONF", "CUBLAS_WORKSPACE_CONFIG")


def env_vars():
    return dict((k, os.environ[k]) for k in _ENV_KEYS if k in os.environ)


def summarize(lat_ms):
    s = sorted(lat_ms)
    n = len(s)

    def pct(p):
        # nearest-rank on sorted data, linear interpolation
        if n == 1:
            return s[0]
        x = (n - 1) * p
        lo = int(x)
        hi = min(lo + 1, n - 1)
        return s[lo] + (s[hi] - s[lo]) * (x - lo)

    mean = sum(s) / n
    return {
        "count": n,
        "medianMs": statistics.median(s),
        "meanMs": mean,
        "minMs": s[0],
        "maxMs": s[-1],
        "p10Ms": pct(0.10),
        "p90Ms": pct(0.90),
        "p99Ms": pct(0.99),
        "stdevMs": statistics.stdev(s) if n > 1 else 0.0,
        "totalMs": sum(s),
    }


# ----------------------------------------------------------------------------
# torch side
# ----------------------------------------------------------------------------

def import_torch():
    t0 = time.perf_counter_ns()
    with warnings.catch_warnings():
        # torch warns "Failed to initialize NumPy" when numpy is absent: harmless here.
        warnings.simplefilter("ignore")
        import torch  # noqa: F401
    return torch, (time.perf_counter_ns() - t0) / 1e6


def torch_load(torch, path):
    try:
        return torch.load(path, map_location="cpu", weights_only=True)
    except TypeError:  # torch < 1.13: no weights_only kwarg
        return torch.load(path, map_location="cpu")


def inference_ctx(torch, inference_mode=True):
    """torch.inference_mode() (torch >= 1.9) unless asked for, or only offered, torch.no_grad()."""
    if inference_mode and hasattr(torch, "inference_mode"):
        return torch.inference_mode()
    return torch.no_grad()


def build_builtin(torch, spec):
    nn = torch.nn
    name = spec["builtin"]
    if name == "mlp":
        shape = _int_list(spec.get("inputShape", [256]), "inputShape")
        hidden = _pos_int(spec, "hidden", 512)
        layers = _pos_int(spec, "layers", 4)
        out_f = _pos_int(spec, "outFeatures", hidden)
        act = spec.get("activation", "relu")
        acts = {"relu": nn.ReLU, "gelu": nn.GELU, "tanh": nn.Tanh}
        if act not in acts:
            raise UsageError("spec.activation must be one of %s" % sorted(acts))
        mods = []
        f = shape[-1]
        for i in range(layers):
            last = i == layers - 1
            o = out_f if last else hidden
            mods.append(nn.Linear(f, o))
            if not last:
                mods.append(acts[act]())
            f = o
        return nn.Sequential(*mods), shape
    if name == "cnn":
        shape = _int_list(spec.get("inputShape", [3, 64, 64]), "inputShape")
        if len(shape) != 3:
            raise UsageError("cnn spec.inputShape must be [channels, height, width]")
        width = _pos_int(spec, "width", 32)
        layers = _pos_int(spec, "layers", 3)
        classes = _pos_int(spec, "numClasses", 10)
        mods = []
        c = shape[0]
        for i in range(layers):
            o = width * (2 ** i)
            mods += [nn.Conv2d(c, o, 3, stride=2 if i > 0 else 1, padding=1, bias=False),
                     nn.BatchNorm2d(o), nn.ReLU()]
            c = o
        mods += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(c, classes)]
        return nn.Sequential(*mods), shape
    if name == "transformer":
        d_model = _pos_int(spec, "dModel", 256)
        shape = _int_list(spec.get("inputShape", [128, d_model]), "inputShape")
        if len(shape) != 2 or shape[1] != d_model:
            raise UsageError("transformer spec.inputShape must be [seqLen, dModel]")
        nhead = _pos_int(spec, "nhead", 4)
        layers = _pos_int(spec, "layers", 2)
        ff = _pos_int(spec, "dimFeedforward", 4 * d_model)
        kw = dict(d_model=d_model, nhead=nhead, dim_feedforward=ff, dropout=0.0)
        try:
            layer = nn.TransformerEncoderLayer(batch_first=True, **kw)
        except TypeError:  # very old torch: no batch_first
            raise UsageError("this torch has no batch_first TransformerEncoderLayer")
        try:
            enc = nn.TransformerEncoder(layer, num_layers=layers, enable_nested_tensor=False)
        except TypeError:
            enc = nn.TransformerEncoder(layer, num_layers=layers)
        return enc, shape
    raise UsageError('unknown builtin %r (expected "mlp", "cnn" or "transformer")' % name)


def _load_user_module(path):
    import importlib.util
    if not os.path.isfile(path):
        raise UsageError("model file not found: %s" % path)
    name = "_torch_bench_user_model_%s" % hashlib.sha1(path.encode()).hexdigest()[:8]
    mspec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(mspec)
    sys.path.insert(0, os.path.dirname(path))
    try:
        mspec.loader.exec_module(mod)
    finally:
        sys.path.pop(0)
    return mod


def build_model(torch, spec, base):
    """Returns (module, per-sample input shape or None, user module or None)."""
    if "builtin" in spec:
        m, shape = build_builtin(torch, spec)
        return m, shape, None
    if "file" in spec:
        mod = _load_user_module(_resolve(base, spec["file"]))
        fname = spec.get("factory", "make_model")
        if not hasattr(mod, fname):
            raise UsageError("model file has no factory function %r" % fname)
        m = getattr(mod, fname)(**spec.get("kwargs", {}))
        if not isinstance(m, torch.nn.Module):
            raise UsageError("factory %r did not return a torch.nn.Module (got %s)" % (fname, type(m).__name__))
        return m, None, mod
    path = _resolve(base, spec["torchscript"])
    if not os.path.isfile(path):
        raise UsageError("torchscript file not found: %s" % path)
    m = torch.jit.load(path, map_location="cpu")
    shape = _int_list(spec.get("inputShape"), "inputShape") if "inputShape" in spec else None
    if shape is None:
        raise UsageError('torchscript spec needs "inputShape" (per-sample shape, no batch dim)')
    return m, shape, None


def _tensors_only_state_dict(torch, model):
    sd = {}
    for k, v in model.state_dict().items():
        if isinstance(v, torch.Tensor):
            # clone -> compact storage, no views shared with the live module
            sd[k] = v.detach().to("cpu").contiguous().clone()
    return sd


def _normalize_inputs(torch, obj):
    """User example inputs -> {"args": [...], "kwargs": {...}} of tensors."""
    if isinstance(obj, torch.Tensor):
        return {"args": [obj], "kwargs": {}}
    if isinstance(obj, (list, tuple)):
        args = list(obj)
        kwargs = {}
    elif isinstance(obj, dict):
        args, kwargs = [], dict(obj)
    else:
        raise UsageError("example inputs must be a tensor, tuple/list of tensors or dict of tensors")
    for v in list(args) + list(kwargs.values()):
        if not isinstance(v, torch.Tensor):
            raise UsageError("example inputs must contain only tensors (got %s)" % type(v).__name__)
    return {"args": [a.detach().cpu().contiguous().clone() for a in args],
            "kwargs": dict((k, v.detach().cpu().contiguous().clone()) for k, v in kwargs.items())}


def cmd_prepare(a):
    spec, base = parse_spec(a.model)
    out = a.out
    torch, import_ms = import_torch()
    torch.manual_seed(a.seed)
    model, shape, usermod = build_model(torch, spec, base)
    model.eval()
    if usermod is not None:
        iname = spec.get("inputs", "example_inputs")
        if not hasattr(usermod, iname):
            raise UsageError("model file has no inputs function %r" % iname)
        inputs = _normalize_inputs(torch, getattr(usermod, iname)())
    else:
        g = torch.Generator().manual_seed(a.seed)
        dt = getattr(torch, spec.get("inputDtype", "float32"), None)
        if not isinstance(dt, torch.dtype):
            raise UsageError("spec.inputDtype is not a torch dtype: %r" % spec.get("inputDtype"))
        x = torch.randn([a.example_batch] + list(shape), generator=g, dtype=torch.float32).to(dt)
        inputs = {"args": [x], "kwargs": {}}
    sd = _tensors_only_state_dict(torch, model)
    # sanity: forward once on the example inputs
    with inference_ctx(torch):
        model(*inputs["args"], **inputs["kwargs"])
    if not os.path.isdir(out):
        os.makedirs(out)
    wtmp = os.path.join(out, WEIGHTS_FILE + ".tmp")
    itmp = os.path.join(out, INPUTS_FILE + ".tmp")
    # legacy (non-zip) pickle format is NOT used: zip format loads on torch>=1.6
    torch.save(sd, wtmp)
    torch.save(inputs, itmp)
    os.replace(wtmp, os.path.join(out, WEIGHTS_FILE))
    os.replace(itmp, os.path.join(out, INPUTS_FILE))
    manifest = {
        "schemaVersion": SCHEMA_VERSION,
        "runnerVersion": RUNNER_VERSION,
        "spec": spec,
        "specCanonical": _canonical_json(spec),
        "seed": a.seed,
        "preparedWithTorch": torch.__version__,
        "preparedWithPython": platform.python_version(),
        "weightsFile": WEIGHTS_FILE,
        "weightsSha256": _sha256_file(os.path.join(out, WEIGHTS_FILE)),
        "inputsFile": INPUTS_FILE,
        "inputsSha256": _sha256_file(os.path.join(out, INPUTS_FILE)),
        "numParameters": int(sum(p.numel() for p in model.parameters())),
        "stateDictTensors": len(sd),
        "inputs": {
            "args": [{"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", "")} for t in inputs["args"]],
            "kwargs": dict((k, {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", "")})
                           for k, t in inputs["kwargs"].items()),
        },
    }
    _atomic_write_json(os.path.join(out, MANIFEST_FILE), manifest)
    print(json.dumps({"ok": True, "out": os.path.abspath(out), "numParameters": manifest["numParameters"],
                      "importTorchMs": import_ms}))
    return EXIT_OK


def _parse_config_show(torch):
    info = {}
    try:
        show = torch.__config__.show()
    except Exception:
        show = ""
    try:
        par = torch.__config__.parallel_info()
    except Exception:
        par = ""
    for line in show.splitlines():
        s = line.strip().lstrip("-").strip()
        if s.startswith("Build settings:"):
            for kv in s[len("Build settings:"):].split(","):
                if "=" in kv:
                    k, v = kv.split("=", 1)
                    k = k.strip()
                    if k in ("BLAS_INFO", "LAPACK_INFO", "USE_MKLDNN", "USE_OPENMP", "USE_MKL",
                             "USE_CUDA", "USE_CUDNN", "USE_ROCM", "CUDA_VERSION", "CUDNN_VERSION",
                             "TORCH_VERSION", "COMMIT_SHA", "BUILD_TYPE", "USE_NNPACK"):
                        info.setdefault("buildSettings", {})[k] = v.strip()
        elif s.startswith("CPU capability usage:"):
            info["cpuCapability"] = s.split(":", 1)[1].strip()
        elif "MKL-DNN" in s or "oneDNN" in s:
            info["onednn"] = s
        elif s.startswith("OpenMP"):
            info["openmp"] = s
        elif "Math Kernel Library" in s or s.startswith("OpenBLAS") or "BLAS" in s and "INFO" not in s:
            info.setdefault("blasLibrary", s)
        elif s.startswith("GCC") or s.startswith("clang") or s.startswith("MSVC"):
            info["compiler"] = s
    for line in par.splitlines():
        s = line.strip()
        if s.startswith("ATen parallel backend:"):
            info["atenParallelBackend"] = s.split(":", 1)[1].strip()
    bk = torch.backends
    info["mkldnnAvailable"] = bool(getattr(bk, "mkldnn", None) and bk.mkldnn.is_available())
    info["openmpAvailable"] = bool(getattr(bk, "openmp", None) and bk.openmp.is_available())
    info["mklAvailable"] = bool(getattr(bk, "mkl", None) and bk.mkl.is_available())
    info["blas"] = info.get("buildSettings", {}).get("BLAS_INFO")
    info["configShow"] = show
    info["parallelInfo"] = par
    return info


def _cuda_facts(torch, dev):
    idx = dev.index if dev.index is not None else torch.cuda.current_device()
    p = torch.cuda.get_device_properties(idx)
    facts = {
        "deviceIndex": idx,
        "deviceName": torch.cuda.get_device_name(idx),
        "capability": "%d.%d" % (p.major, p.minor),
        "totalMemoryBytes": int(p.total_memory),
        "runtimeVersion": torch.version.cuda,
        "hipVersion": getattr(torch.version, "hip", None),
        "cudnnVersion": torch.backends.cudnn.version() if torch.backends.cudnn.is_available() else None,
        "driverVersion": None,
        "nvml": False,
    }
    try:
        import pynvml  # nvidia-ml-py, optional
        pynvml.nvmlInit()
        dv = pynvml.nvmlSystemGetDriverVersion()
        facts["driverVersion"] = dv.decode() if isinstance(dv, bytes) else dv
        facts["nvml"] = True
    except Exception:
        try:
            with open("/proc/driver/nvidia/version") as f:
                first = f.readline()
            for tok in first.split():
                if tok[:1].isdigit() and "." in tok:
                    facts["driverVersion"] = tok
                    break
        except (IOError, OSError):
            pass
    return facts


def _cuda_device_used(torch, dev):
    out = {"deviceUsedBytes": None, "deviceUsedSource": None}
    try:
        import pynvml
        pynvml.nvmlInit()
        idx = dev.index if dev.index is not None else torch.cuda.current_device()
        h = pynvml.nvmlDeviceGetHandleByIndex(idx)  # NB: CUDA_VISIBLE_DEVICES remapping not handled
        out["deviceUsedBytes"] = int(pynvml.nvmlDeviceGetMemoryInfo(h).used)
        out["deviceUsedSource"] = "nvml"
        return out
    except Exception:
        pass
    try:
        free, total = torch.cuda.mem_get_info(dev)
        out["deviceUsedBytes"] = int(total - free)
        out["deviceUsedSource"] = "torch.cuda.mem_get_info"
    except Exception:
        pass
    return out


def _flatten_outputs(torch, obj, prefix, acc):
    if isinstance(obj, torch.Tensor):
        acc.append((prefix or "output", obj))
    elif isinstance(obj, dict):
        for k in sorted(obj, key=str):
            _flatten_outputs(torch, obj[k], "%s.%s" % (prefix, k) if prefix else str(k), acc)
    elif isinstance(obj, (list, tuple)):
        fields = getattr(obj, "_fields", None)
        for i, v in enumerate(obj):
            name = fields[i] if fields else str(i)
            _flatten_outputs(torch, v, "%s.%s" % (prefix, name) if prefix else name, acc)
    # other leaves (None, ints, strings) are ignored


def _tensor_to_f64_le_bytes(torch, t):
    from array import array
    t = t.detach().to("cpu")
    if t.is_complex():
        t = torch.view_as_real(t)
    t = t.to(torch.float64).contiguous().reshape(-1)
    arr = array("d")
    # chunked tolist keeps the peak Python-object memory bounded
    n = t.numel()
    step = 1 << 20
    for i in range(0, n, step):
        arr.extend(t[i:i + step].tolist())
    if sys.byteorder != "little":
        arr.byteswap()
    return arr.tobytes()


def write_outputs(torch, out, path):
    flat = []
    _flatten_outputs(torch, out, "", flat)
    if not flat:
        raise RuntimeError("model output contains no tensors; cannot write --outputs")
    chunks = []
    tensors = []
    offset = 0
    nonfinite = 0
    for name, t in flat:
        b = _tensor_to_f64_le_bytes(torch, t)
        tf = t.detach().to("cpu").to(torch.float64) if not t.is_complex() else None
        if tf is not None:
            nonfinite += int((~torch.isfinite(tf)).sum().item())
        tensors.append({
            "name": name,
            "shape": list(t.shape) + ([2] if t.is_complex() else []),
            "sourceDtype": str(t.dtype).replace("torch.", ""),
            "offsetBytes": offset,
            "numel": len(b) // 8,
        })
        offset += len(b)
        chunks.append(b)
    header = {
        "format": "raw-float64-le",
        "byteOrder": "little",
        "dtype": "float64",
        "file": os.path.basename(path),
        "totalBytes": offset,
        "totalElements": offset // 8,
        "nonFiniteCount": nonfinite,
        "tensors": tensors,
    }
    header_path = path + ".json"
    _atomic_write_bytes(path, b"".join(chunks))
    _atomic_write_json(header_path, header)
    header["headerFile"] = os.path.abspath(header_path)
    header["path"] = os.path.abspath(path)
    return header


def _make_batch(torch, inputs, batch_size):
    """Cycle the prepared example rows along dim 0 to reach batch_size."""
    def fit(t):
        if t.dim() == 0:
            return t
        n = t.shape[0]
        if n == batch_size:
            return t
        idx = torch.arange(batch_size) % n
        return t.index_select(0, idx).contiguous()
    return {"args": [fit(t) for t in inputs["args"]],
            "kwargs": dict((k, fit(v)) for k, v in inputs["kwargs"].items())}


def _cast_inputs(torch, inputs, dtype, dev):
    def c(t):
        if t.is_floating_point():
            t = t.to(dtype)
        return t.to(dev).contiguous()
    return {"args": [c(t) for t in inputs["args"]],
            "kwargs": dict((k, c(v)) for k, v in inputs["kwargs"].items())}


def time_iterations(fn, sync, iterations=None, budget_ns=None, cpu_ns=None):
    """Time fn() per iteration with perf_counter_ns; GC collected before and disabled during.

    cpu_ns, when a list, receives each iteration's process CPU time (process_time_ns): on a
    shared machine wall time includes the time other processes held the CPU, CPU time does not.

    Exactly one of iterations / budget_ns. In budget mode the loop stops after the first
    iteration that ends at or past budget_ns of wall time since the loop started (>= 1 iteration).
    The return value of fn() is dropped inside the timed region (like timeit / Timer).
    """
    pc = time.perf_counter_ns
    cpu = time.process_time_ns
    record_cpu = cpu_ns is not None
    lat_ns = []
    gc.collect()
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        if iterations is not None:
            for _ in range(iterations):
                sync()
                c0 = cpu() if record_cpu else 0
                t0 = pc()
                fn()
                sync()
                lat_ns.append(pc() - t0)
                if record_cpu:
                    cpu_ns.append(cpu() - c0)
        else:
            start = pc()
            while True:
                sync()
                c0 = cpu() if record_cpu else 0
                t0 = pc()
                fn()
                sync()
                t1 = pc()
                lat_ns.append(t1 - t0)
                if record_cpu:
                    cpu_ns.append(cpu() - c0)
                if t1 - start >= budget_ns or len(lat_ns) >= MAX_ITERATIONS_CAP:
                    break
    finally:
        if gc_was_enabled:
            gc.enable()
    return lat_ns


def cmd_run(a):
    # ---- validate everything that does not need torch --------------------------------
    if a.batch_size <= 0:
        raise UsageError("--batch-size must be > 0")
    if a.threads <= 0 or a.interop_threads <= 0:
        raise UsageError("--threads and --interop-threads must be > 0")
    if a.warmup < 0:
        raise UsageError("--warmup must be >= 0")
    if a.iterations is not None and a.iterations <= 0:
        raise UsageError("--iterations must be > 0")
    if a.time_budget_seconds is not None and not (a.time_budget_seconds > 0):
        raise UsageError("--time-budget-seconds must be > 0")
    if not (a.device == "cpu" or a.device == "cuda" or a.device.startswith("cuda:")):
        raise UsageError("--device must be cpu, cuda or cuda:N")
    spec, base = parse_spec(a.model)
    wdir = a.weights
    for fn in (WEIGHTS_FILE, INPUTS_FILE):
        if not os.path.isfile(os.path.join(wdir, fn)):
            raise UsageError("--weights %s: missing %s (run `prepare` first)" % (wdir, fn))

    # ---- import torch, set threads FIRST ---------------------------------------------
    torch, import_ms = import_torch()
    torch.set_num_threads(a.threads)
    interop_err = None
    try:
        torch.set_num_interop_threads(a.interop_threads)
    except RuntimeError as e:  # can only be set once / before parallel work
        interop_err = str(e)
    threads = {
        "requestedIntraOp": a.threads,
        "requestedInterOp": a.interop_threads,
        "intraOp": torch.get_num_threads(),
        "interOp": torch.get_num_interop_threads(),
    }
    if interop_err:
        threads["interOpError"] = interop_err

    is_cuda = a.device.startswith("cuda")
    if is_cuda and not torch.cuda.is_available():
        why = "CUDA not available in this environment (torch %s, torch.version.cuda=%s)" % (
            torch.__version__, torch.version.cuda)
        raise SkipError(why)
    dev = torch.device(a.device)
    if is_cuda:
        torch.cuda.set_device(dev)
        dev = torch.device("cuda", torch.cuda.current_device())
    dtype = {"float32": torch.float32, "bfloat16": torch.bfloat16, "float16": torch.float16}[a.dtype]

    # ---- load --------------------------------------------------------------------------
    t_load = time.perf_counter_ns()
    manifest = None
    mpath = os.path.join(wdir, MANIFEST_FILE)
    if os.path.isfile(mpath):
        with open(mpath) as f:
            manifest = json.load(f)
    warn = []
    if manifest is not None and manifest.get("specCanonical") != _canonical_json(spec):
        warn.append("model spec differs from the one used at prepare time")
    torch.manual_seed(0)
    model, _shape, _mod = build_model(torch, spec, base)
    sd = torch_load(torch, os.path.join(wdir, WEIGHTS_FILE))
    model.load_state_dict(sd, strict=True)
    del sd
    model.eval()
    model.to(dev)
    model.to(dtype)  # floating params/buffers only; int buffers keep their dtype
    example = torch_load(torch, os.path.join(wdir, INPUTS_FILE))
    if not (isinstance(example, dict) and "args" in example):
        raise UsageError("inputs file has unexpected structure")
    example.setdefault("kwargs", {})
    bench_in = _cast_inputs(torch, _make_batch(torch, example, a.batch_size), dtype, dev)
    args, kwargs = bench_in["args"], bench_in["kwargs"]
    load_ms = (time.perf_counter_ns() - t_load) / 1e6

    sync = torch.cuda.synchronize if is_cuda else (lambda: None)
    pc = time.perf_counter_ns

    # ---- warm-up + timed loop -------------------------------------------------------------
    warm_ms = []
    with inference_ctx(torch, a.inference_mode):
        for _ in range(a.warmup):
            sync()
            t0 = pc()
            model(*args, **kwargs)
            sync()
            warm_ms.append((pc() - t0) / 1e6)
        sync()
        rss_before = read_rss()
        cpu_ns = []
        lat_ns = time_iterations(lambda: model(*args, **kwargs), sync, cpu_ns=cpu_ns,
                                 iterations=a.iterations,
                                 budget_ns=None if a.iterations is not None else int(a.time_budget_seconds * 1e9))

        out_info = None
        if a.outputs:
            ex = _cast_inputs(torch, example, dtype, dev)
            out = model(*ex["args"], **ex["kwargs"])
            sync()
            out_info = write_outputs(torch, out, a.outputs)
            del out

    lat_ms = [x / 1e6 for x in lat_ns]
    total_s = sum(lat_ns) / 1e9
    mem = read_rss()
    mem["rssBeforeTimedLoopBytes"] = rss_before["currentRssBytes"]
    cuda_mem = None
    cuda_facts = None
    if is_cuda:
        cuda_mem = {
            "maxMemoryAllocatedBytes": int(torch.cuda.max_memory_allocated(dev)),
            "maxMemoryReservedBytes": int(torch.cuda.max_memory_reserved(dev)),
        }
        cuda_mem.update(_cuda_device_used(torch, dev))
        cuda_facts = _cuda_facts(torch, dev)

    build = _parse_config_show(torch)
    result = {
        "schemaVersion": SCHEMA_VERSION,
        "runnerVersion": RUNNER_VERSION,
        "skipped": False,
        "config": {
            "model": spec,
            "batchSize": a.batch_size,
            "dtype": a.dtype,
            "device": str(dev),
            "warmup": a.warmup,
            "inferenceMode": bool(a.inference_mode and hasattr(torch, "inference_mode")),
            "iterations": a.iterations,
            "timeBudgetSeconds": a.time_budget_seconds,
            "weightsDir": os.path.abspath(wdir),
            "weightsSha256": manifest.get("weightsSha256") if manifest else None,
        },
        "latencyMs": lat_ms,
        "cpuTimeMs": [x / 1e6 for x in cpu_ns],
        "warmupLatencyMs": warm_ms,
        "summary": summarize(lat_ms),
        "throughputSamplesPerSec": (a.batch_size * len(lat_ns) / total_s) if total_s > 0 else None,
        "memory": mem,
        "cudaMemory": cuda_mem,
        "outputs": out_info,
        "phasesMs": {
            "importTorchMs": import_ms,
            "loadMs": load_ms,
            "warmupMs": sum(warm_ms),
            "timedMs": total_s * 1e3,
            # process start (runner module import) to now; excludes interpreter startup
            "processToResultMs": (time.perf_counter_ns() - _PROCESS_START_NS) / 1e6,
        },
        "environment": {
            "torchVersion": torch.__version__,
            "torchGitVersion": getattr(torch.version, "git_version", None),
            "pythonVersion": platform.python_version(),
            "pythonImplementation": platform.python_implementation(),
            "pythonExecutable": sys.executable,
            "platform": platform.platform(),
            "threads": threads,
            "build": build,
            "cpu": cpu_facts(),
            "cuda": cuda_facts,
            "envVars": env_vars(),
        },
        "warnings": warn,
    }
    _atomic_write_json(a.result, result)
    return EXIT_OK


def cmd_info(a):
    torch, import_ms = import_torch()
    out = {
        "torchVersion": torch.__version__,
        "pythonVersion": platform.python_version(),
        "importTorchMs": import_ms,
        "threads": {"intraOp": torch.get_num_threads(), "interOp": torch.get_num_interop_threads()},
        "cudaAvailable": torch.cuda.is_available(),
        "build": _parse_config_show(torch),
        "cpu": cpu_facts(),
    }
    print(json.dumps(out, indent=2))
    return EXIT_OK


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise UsageError(message)


def make_parser():
    p = _Parser(prog="torch_bench.py", description="torch inference benchmark runner (upgrade-harness)")
    sub = p.add_subparsers(dest="cmd")
    pp = sub.add_parser("prepare", help="build model, save weights + example inputs")
    pp.add_argument("--model", required=True, help="spec JSON (inline) or path to a .json file")
    pp.add_argument("--out", required=True, help="output directory")
    pp.add_argument("--seed", type=int, default=0)
    pp.add_argument("--example-batch", type=int, default=DEFAULT_EXAMPLE_BATCH,
                    help="rows of example inputs for built-in/torchscript models (default %(default)s)")
    pr = sub.add_parser("run", help="benchmark")
    pr.add_argument("--model", required=True)
    pr.add_argument("--weights", required=True, help="directory written by prepare")
    pr.add_argument("--batch-size", type=int, required=True)
    pr.add_argument("--dtype", choices=["float32", "bfloat16", "float16"], default="float32")
    pr.add_argument("--threads", type=int, required=True)
    pr.add_argument("--interop-threads", type=int, default=1)
    pr.add_argument("--device", default="cpu")
    pr.add_argument("--warmup", type=int, default=10)
    pr.add_argument("--no-inference-mode", dest="inference_mode", action="store_false",
                    help="time the calls under torch.no_grad() instead of torch.inference_mode()")
    g = pr.add_mutually_exclusive_group(required=True)
    g.add_argument("--iterations", type=int)
    g.add_argument("--time-budget-seconds", type=float)
    pr.add_argument("--outputs", help="write model outputs (raw float64 LE) here; header at FILE.json")
    pr.add_argument("--result", required=True)
    sub.add_parser("info", help="print environment facts as JSON")
    return p


def main(argv=None):
    result_path = None
    outputs_path = None
    try:
        a = make_parser().parse_args(argv)
        if a.cmd is None:
            raise UsageError("missing subcommand (prepare | run | info)")
        if a.cmd == "run":
            result_path, outputs_path = a.result, a.outputs
            # never leave a stale result from an earlier run at this path
            for pth in (result_path, outputs_path, outputs_path and outputs_path + ".json"):
                _remove_quiet(pth)
            return cmd_run(a)
        if a.cmd == "prepare":
            if a.example_batch <= 0:
                raise UsageError("--example-batch must be > 0")
            return cmd_prepare(a)
        return cmd_info(a)
    except SkipError as e:
        _eprint("torch_bench: skipped: %s" % e)
        if result_path:
            try:
                _atomic_write_json(result_path, {"schemaVersion": SCHEMA_VERSION, "runnerVersion": RUNNER_VERSION,
                                                 "skipped": True, "reason": str(e)})
            except Exception as we:
                _eprint("torch_bench: could not write skip result: %s" % we)
                return EXIT_ERROR
        return EXIT_SKIPPED
    except UsageError as e:
        code, msg = EXIT_USAGE, "usage error: %s" % e
    except KeyboardInterrupt:
        code, msg = 130, "interrupted"
    except BaseException as e:  # noqa: B902 - report everything, exit non-zero
        if isinstance(e, SystemExit) and (e.code in (0, None)):
            return EXIT_OK  # --help
        code = EXIT_ERROR
        msg = "error: %s: %s" % (type(e).__name__, e)
        if os.environ.get("TORCH_BENCH_TRACEBACK", "1") != "0":
            traceback.print_exc(file=sys.stderr)
    # failure path: no (partial) result / outputs files
    for pth in (result_path, outputs_path, outputs_path and outputs_path + ".json"):
        _remove_quiet(pth)
    _eprint("torch_bench: %s" % msg)
    return code


if __name__ == "__main__":
    sys.exit(main())
