"""Manual check (a): runner median latency vs torch.utils.benchmark.Timer median.

Usage (inside the env under test):
  python runners/tests/verify_timer.py --model SPEC_JSON --weights DIR --batch-size N \
      [--threads 1] [--reps 3] [--iterations 300] [--warmup 30] [--dtype float32]

Mode "inproc" (default, robust on a shared/noisy machine): one process, interleaved rounds of
torch_bench.time_iterations (the runner's exact timing loop) and Timer.blocked_autorange / Timer.timeit.
Mode "cli": each rep runs, in fresh processes, (1) torch_bench.py run and (2) a Timer process on the same
model/weights/inputs/threads, and prints runner_median / timer_median ratios.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
RUNNER = os.path.join(os.path.dirname(HERE), "torch_bench.py")

TIMER_CHILD = r'''
import json, sys
sys.path.insert(0, sys.argv[1])
import torch_bench as tb
cfg = json.loads(sys.argv[2])
torch, _ = tb.import_torch()
torch.set_num_threads(cfg["threads"]); torch.set_num_interop_threads(1)
import torch.utils.benchmark as B
spec, base = tb.parse_spec(cfg["model"])
model, _, _ = tb.build_model(torch, spec, base)
model.load_state_dict(tb.torch_load(torch, cfg["weights"] + "/weights.pt"))
model.eval()
dtype = getattr(torch, cfg["dtype"])
model.to(dtype)
ex = tb.torch_load(torch, cfg["weights"] + "/inputs.pt"); ex.setdefault("kwargs", {})
x = tb._cast_inputs(torch, tb._make_batch(torch, ex, cfg["batchSize"]), dtype, torch.device("cpu"))["args"][0]
with torch.inference_mode():
    for _ in range(cfg["warmup"]):
        model(x)
    t = B.Timer(stmt="model(x)", globals={"model": model, "x": x}, num_threads=cfg["threads"])
    ba = t.blocked_autorange(min_run_time=cfg["minRunTime"])
    ti = t.timeit(cfg["iterations"])
print(json.dumps({"blockedAutorangeMedianMs": ba.median * 1e3, "blockedAutorangeBlocks": len(ba.times),
                  "timeitMeanMs": ti.median * 1e3}))
'''

INPROC_CHILD = r'''
import json, statistics, sys
sys.path.insert(0, sys.argv[1])
import torch_bench as tb
cfg = json.loads(sys.argv[2])
torch, _ = tb.import_torch()
torch.set_num_threads(cfg["threads"]); torch.set_num_interop_threads(1)
import torch.utils.benchmark as B
spec, base = tb.parse_spec(cfg["model"])
model, _, _ = tb.build_model(torch, spec, base)
model.load_state_dict(tb.torch_load(torch, cfg["weights"] + "/weights.pt"))
model.eval()
dtype = getattr(torch, cfg["dtype"])
model.to(dtype)
ex = tb.torch_load(torch, cfg["weights"] + "/inputs.pt"); ex.setdefault("kwargs", {})
b = tb._cast_inputs(torch, tb._make_batch(torch, ex, cfg["batchSize"]), dtype, torch.device("cpu"))
args, kwargs = b["args"], b["kwargs"]
n = cfg["iterations"]
rows = []
with torch.inference_mode():
    for _ in range(cfg["warmup"]):
        model(*args, **kwargs)
    t = B.Timer(stmt="model(*args, **kwargs)", globals={"model": model, "args": args, "kwargs": kwargs},
                num_threads=cfg["threads"])
    for rep in range(cfg["reps"]):
        lat = tb.time_iterations(lambda: model(*args, **kwargs), lambda: None, iterations=n)
        run_med = statistics.median(lat) / 1e6
        run_mean = statistics.mean(lat) / 1e6
        ba = t.blocked_autorange(min_run_time=max(0.5, run_med * n / 1e3))
        ti = t.timeit(n)
        rows.append({"rep": rep, "runnerMedianMs": round(run_med, 4),
                     "timerBlockedMedianMs": round(ba.median * 1e3, 4), "timerTimeitMs": round(ti.median * 1e3, 4),
                     "ratioVsBlocked": round(run_med / (ba.median * 1e3), 4),
                     "ratioVsTimeit": round(run_med / (ti.median * 1e3), 4),
                     "runnerMeanMs": round(run_mean, 4),
                     "meanRatioVsTimeit": round(run_mean / (ti.median * 1e3), 4)})
        print(json.dumps(rows[-1])); sys.stdout.flush()
rb = statistics.median(r["ratioVsBlocked"] for r in rows)
rt = statistics.median(r["ratioVsTimeit"] for r in rows)
rm = statistics.median(r["meanRatioVsTimeit"] for r in rows)
print(json.dumps({"medianRatioVsBlocked": rb, "medianRatioVsTimeit": rt, "runnerMeanVsTimeitMean": rm,
                  "within5pct": abs(rb - 1) <= 0.05 and abs(rt - 1) <= 0.05}))
'''


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True)
    ap.add_argument("--weights", required=True)
    ap.add_argument("--batch-size", type=int, required=True)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--iterations", type=int, default=300)
    ap.add_argument("--warmup", type=int, default=30)
    ap.add_argument("--dtype", default="float32")
    ap.add_argument("--mode", choices=["inproc", "cli"], default="inproc")
    a = ap.parse_args()
    if a.mode == "inproc":
        cfg = {"model": a.model, "weights": a.weights, "batchSize": a.batch_size, "threads": a.threads,
               "dtype": a.dtype, "warmup": a.warmup, "iterations": a.iterations, "reps": a.reps}
        subprocess.check_call([sys.executable, "-W", "ignore", "-c", INPROC_CHILD, os.path.dirname(RUNNER),
                               json.dumps(cfg)])
        return
    rows = []
    with tempfile.TemporaryDirectory() as td:
        for rep in range(a.reps):
            res = os.path.join(td, "r%d.json" % rep)
            subprocess.check_call([sys.executable, RUNNER, "run", "--model", a.model, "--weights", a.weights,
                                   "--batch-size", str(a.batch_size), "--threads", str(a.threads),
                                   "--interop-threads", "1", "--dtype", a.dtype, "--warmup", str(a.warmup),
                                   "--iterations", str(a.iterations), "--result", res])
            r = json.load(open(res))
            run_med = r["summary"]["medianMs"]
            cfg = {"model": a.model, "weights": a.weights, "batchSize": a.batch_size, "threads": a.threads,
                   "dtype": a.dtype, "warmup": a.warmup, "iterations": a.iterations,
                   "minRunTime": max(1.0, run_med * a.iterations / 1e3)}
            out = subprocess.check_output([sys.executable, "-W", "ignore", "-c", TIMER_CHILD,
                                           os.path.dirname(RUNNER), json.dumps(cfg)])
            t = json.loads(out.decode().strip().splitlines()[-1])
            row = {"rep": rep, "runnerMedianMs": round(run_med, 4),
                   "timerBlockedMedianMs": round(t["blockedAutorangeMedianMs"], 4),
                   "timerTimeitMs": round(t["timeitMeanMs"], 4),
                   "ratioVsBlocked": round(run_med / t["blockedAutorangeMedianMs"], 4),
                   "ratioVsTimeit": round(run_med / t["timeitMeanMs"], 4)}
            rows.append(row)
            print(json.dumps(row))
            sys.stdout.flush()
    worst = max(max(abs(r["ratioVsBlocked"] - 1), abs(r["ratioVsTimeit"] - 1)) for r in rows)
    print(json.dumps({"worstAbsDeviation": round(worst, 4), "within5pct": worst <= 0.05}))


if __name__ == "__main__":
    main()
