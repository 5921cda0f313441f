"""Accuracy of runners/torch_bench.py against independent measurements, in the environment under test.

  /path/to/env/bin/python runners/tests/verify_accuracy.py latency [--reps 31]
  /path/to/env/bin/python runners/tests/verify_accuracy.py memory [--reps 3]

Prints one JSON object on the last line of stdout; test/e2e/torch-bench-accuracy.test.ts asserts on it.

latency: the runner's median latency against torch.utils.benchmark.Timer's median, on the same model,
weights, inputs and thread count, in the same process. On a shared machine the load changes from one
tenth of a second to the next, so the two are measured in short turns (runner, Timer, Timer, runner,
...) and each turn's ratio is kept; the result is the median of those ratios, so that a burst of load
during one turn moves one ratio, not the answer. The runner's part is its real `run` command
(`torch_bench.main`), called in-process so both sides share the process's state and load.

memory: the runner's reported peak RSS against the operating system's own count for the same process:
the parent starts `torch_bench.py run` and reads the child's maximum resident set size from the
kernel when it exits (os.wait4, the number /usr/bin/time -v prints). For a small and a larger model,
so the number has to follow the weights, not just torch's import.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
RUNNERS = os.path.dirname(HERE)
RUNNER = os.path.join(RUNNERS, "torch_bench.py")
sys.path.insert(0, RUNNERS)

import torch_bench as tb  # noqa: E402

# About 1 ms a call with one thread: long enough that timer overhead is noise, short enough for many turns.
LATENCY_MODEL = {"builtin": "mlp", "hidden": 256, "layers": 6, "inputShape": [256]}
LATENCY_BATCH = 32
MEMORY_MODELS = {
    "small": {"builtin": "mlp", "hidden": 128, "layers": 2, "inputShape": [64]},
    # 6 × 2048² float32 weights: about 100 MB, well above the noise in torch's own footprint.
    "large": {"builtin": "mlp", "hidden": 2048, "layers": 6, "inputShape": [2048]},
}


def prepare(spec, out):
    code = tb.main(["prepare", "--model", json.dumps(spec), "--out", out])
    if code != 0:
        raise SystemExit("prepare failed with exit %d" % code)


def latency(reps, iterations, threads):
    torch, _ = tb.import_torch()
    import torch.utils.benchmark as benchmark

    with tempfile.TemporaryDirectory(prefix="verify-latency-") as work:
        weights = os.path.join(work, "weights")
        prepare(LATENCY_MODEL, weights)
        result_file = os.path.join(work, "result.json")
        run_args = ["run", "--model", json.dumps(LATENCY_MODEL), "--weights", weights,
                    "--batch-size", str(LATENCY_BATCH), "--threads", str(threads), "--interop-threads", "1",
                    "--warmup", "10", "--iterations", str(iterations), "--result", result_file]

        # The Timer's side: the same model, weights and batch, built as the runner builds them.
        spec, base = tb.parse_spec(json.dumps(LATENCY_MODEL))
        model, _, _ = tb.build_model(torch, spec, base)
        model.load_state_dict(tb.torch_load(torch, os.path.join(weights, tb.WEIGHTS_FILE)))
        model.eval()
        example = tb.torch_load(torch, os.path.join(weights, tb.INPUTS_FILE))
        example.setdefault("kwargs", {})
        batch = tb._cast_inputs(torch, tb._make_batch(torch, example, LATENCY_BATCH), torch.float32,
                                torch.device("cpu"))
        timer = benchmark.Timer(stmt="model(*args)", globals={"model": model, "args": batch["args"]},
                                num_threads=threads)

        def runner_median_ms():
            if tb.main(run_args) != 0:
                raise SystemExit("torch_bench.py run failed")
            with open(result_file) as f:
                return json.load(f)["summary"]["medianMs"]

        def timer_median_ms():
            # One call per Timer measurement, as many as the runner times: blocked_autorange's median
            # is over blocks' *means*, which on a loaded machine include the time the process waited
            # for a CPU; the runner's is over single calls. Blocks are reported beside, not compared.
            with tb.inference_ctx(torch):
                return statistics.median(timer.timeit(1).median for _ in range(iterations)) * 1e3

        def timer_blocked_ms():
            with tb.inference_ctx(torch):
                return timer.blocked_autorange(min_run_time=0.1).median * 1e3

        runner_median_ms()  # first call pays for lazy initialisation; not counted
        turns = []
        for rep in range(reps):
            first, second = (runner_median_ms, timer_median_ms) if rep % 2 == 0 else (timer_median_ms, runner_median_ms)
            a, b = first(), second()
            runner_ms, timer_ms = (a, b) if rep % 2 == 0 else (b, a)
            turns.append({"runnerMedianMs": round(runner_ms, 5), "timerMedianMs": round(timer_ms, 5),
                          "ratio": round(runner_ms / timer_ms, 5),
                          "timerBlockedMedianMs": round(timer_blocked_ms(), 5)})
    ratios = [turn["ratio"] for turn in turns]
    return {
        "check": "latency",
        "torchVersion": torch.__version__,
        "model": LATENCY_MODEL,
        "batchSize": LATENCY_BATCH,
        "threads": threads,
        "turns": turns,
        "medianRatio": statistics.median(ratios),
        "runnerMedianMs": statistics.median(t["runnerMedianMs"] for t in turns),
        "timerMedianMs": statistics.median(t["timerMedianMs"] for t in turns),
        "timerBlockedMedianMs": statistics.median(t["timerBlockedMedianMs"] for t in turns),
        "loadAverage1m": os.getloadavg()[0],
    }


def memory(reps):
    out = {"check": "memory", "models": {}, "loadAverage1m": None}
    with tempfile.TemporaryDirectory(prefix="verify-memory-") as work:
        for name, spec in MEMORY_MODELS.items():
            weights = os.path.join(work, name)
            # In a child, so this process stays small and its own torch import is not in the way.
            subprocess.check_call([sys.executable, RUNNER, "prepare", "--model", json.dumps(spec), "--out", weights],
                                  stdout=subprocess.DEVNULL)
            rows = []
            for rep in range(reps):
                result_file = os.path.join(work, "%s-%d.json" % (name, rep))
                child = subprocess.Popen([sys.executable, RUNNER, "run", "--model", json.dumps(spec),
                                          "--weights", weights, "--batch-size", "8", "--threads", "1",
                                          "--warmup", "2", "--iterations", "20", "--result", result_file])
                _, status, usage = os.wait4(child.pid, 0)
                child.returncode = status  # reaped here; keeps Popen from waiting again
                if status != 0:
                    raise SystemExit("torch_bench.py run failed (wait status %d)" % status)
                with open(result_file) as f:
                    reported = json.load(f)["memory"]["peakRssBytes"]
                os_bytes = usage.ru_maxrss * 1024  # Linux: KiB
                rows.append({"runnerPeakRssBytes": reported, "osMaxRssBytes": os_bytes,
                             "ratio": round(reported / os_bytes, 5)})
            out["models"][name] = {"spec": spec, "runs": rows,
                                   "medianRatio": statistics.median(r["ratio"] for r in rows),
                                   "runnerPeakRssBytes": statistics.median(r["runnerPeakRssBytes"] for r in rows)}
    out["loadAverage1m"] = os.getloadavg()[0]
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["latency", "memory"])
    parser.add_argument("--reps", type=int)
    parser.add_argument("--iterations", type=int, default=100)
    parser.add_argument("--threads", type=int, default=1)
    a = parser.parse_args()
    result = latency(a.reps or 31, a.iterations, a.threads) if a.what == "latency" else memory(a.reps or 3)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
