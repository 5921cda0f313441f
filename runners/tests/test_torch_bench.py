"""Tests of runners/torch_bench.py (stdlib unittest; needs torch in the interpreter under test).

test/e2e/torch-bench-accuracy.test.ts runs them in a torch 2.13.0 environment; by hand:
  TORCH_BENCH_PYTHON=/path/to/env/bin/python  python -m unittest runners/tests/test_torch_bench.py -v
(or just run it with the env's python: `/path/to/env/bin/python runners/tests/test_torch_bench.py -v`).
Of the two CUDA tests, one runs where torch sees a GPU and the other where it does not.
"""
import hashlib
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
RUNNER = os.path.join(os.path.dirname(HERE), "torch_bench.py")
PY = os.environ.get("TORCH_BENCH_PYTHON", sys.executable)

MLP = {"builtin": "mlp", "hidden": 64, "layers": 3, "inputShape": [32]}
CNN = {"builtin": "cnn", "width": 8, "layers": 2, "inputShape": [3, 16, 16], "numClasses": 4}
TF = {"builtin": "transformer", "dModel": 32, "nhead": 2, "layers": 1, "inputShape": [10, 32]}


def sh(*args):
    p = subprocess.run([PY, RUNNER] + [str(a) for a in args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def torch_cuda_available():
    out = subprocess.check_output([PY, "-W", "ignore", "-c", "import torch;print(torch.cuda.is_available())"])
    return out.decode().strip().endswith("True")


class TorchBenchTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="torch-bench-test-")
        cls.dirs = {}
        for name, spec in (("mlp", MLP), ("cnn", CNN), ("tf", TF)):
            d = os.path.join(cls.tmp, name)
            rc, out, err = sh("prepare", "--model", json.dumps(spec), "--out", d)
            assert rc == 0, err
            cls.dirs[name] = d

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def p(self, name):
        return os.path.join(self.tmp, name)

    def run_ok(self, spec, wdir, *extra):
        res = self.p("res-%s.json" % hashlib.sha1(repr((spec, extra)).encode()).hexdigest()[:8])
        rc, out, err = sh("run", "--model", json.dumps(spec), "--weights", wdir, "--batch-size", 3,
                          "--threads", 1, "--interop-threads", 1, "--warmup", 2, "--result", res, *extra)
        self.assertEqual(rc, 0, err)
        with open(res) as f:
            return json.load(f)

    def test_builtins_schema(self):
        for name, spec in (("mlp", MLP), ("cnn", CNN), ("tf", TF)):
            r = self.run_ok(spec, self.dirs[name], "--iterations", 7)
            self.assertEqual(r["schemaVersion"], 1)
            self.assertIs(r["skipped"], False)
            self.assertEqual(len(r["latencyMs"]), 7)
            self.assertEqual(len(r["warmupLatencyMs"]), 2)
            self.assertTrue(all(x > 0 for x in r["latencyMs"]))
            self.assertEqual(r["summary"]["count"], 7)
            self.assertGreater(r["throughputSamplesPerSec"], 0)
            self.assertGreater(r["memory"]["peakRssBytes"], 10 * 1024 * 1024)
            env = r["environment"]
            self.assertEqual(env["threads"]["intraOp"], 1)
            self.assertEqual(env["threads"]["interOp"], 1)
            for k in ("torchVersion", "pythonVersion", "cpu", "build"):
                self.assertIn(k, env)
            self.assertIsNone(r["cudaMemory"])
            self.assertIsNone(r["outputs"])

    def test_time_budget(self):
        r = self.run_ok(MLP, self.dirs["mlp"], "--time-budget-seconds", 0.3)
        self.assertGreaterEqual(len(r["latencyMs"]), 1)
        self.assertIsNone(r["config"]["iterations"])
        self.assertEqual(r["config"]["timeBudgetSeconds"], 0.3)

    def test_outputs_bit_identical_across_processes(self):
        for name, spec in (("mlp", MLP), ("cnn", CNN), ("tf", TF)):
            blobs = []
            for i in range(2):
                o = self.p("out-%s-%d.bin" % (name, i))
                r = self.run_ok(spec, self.dirs[name], "--iterations", 2, "--outputs", o)
                with open(o, "rb") as f:
                    blob = f.read()
                with open(o + ".json") as f:
                    hdr = json.load(f)
                self.assertEqual(len(blob), hdr["totalBytes"])
                self.assertEqual(r["outputs"]["totalBytes"], hdr["totalBytes"])
                n = 1
                for s in hdr["tensors"][0]["shape"]:
                    n *= s
                self.assertEqual(n, hdr["tensors"][0]["numel"])
                vals = struct.unpack("<%dd" % (len(blob) // 8), blob)
                self.assertTrue(all(v == v for v in vals))  # no NaN
                blobs.append(blob)
            self.assertEqual(blobs[0], blobs[1], name)

    def test_bfloat16(self):
        o = self.p("bf16.bin")
        r = self.run_ok(MLP, self.dirs["mlp"], "--iterations", 2, "--dtype", "bfloat16", "--outputs", o)
        self.assertEqual(r["outputs"]["tensors"][0]["sourceDtype"], "bfloat16")

    def test_weights_only_load(self):
        code = ("import torch,sys;sd=torch.load(sys.argv[1],weights_only=True);"
                "assert all(isinstance(v,torch.Tensor) for v in sd.values());"
                "x=torch.load(sys.argv[2],weights_only=True);assert 'args' in x;print(len(sd))")
        subprocess.check_call([PY, "-W", "ignore", "-c", code, os.path.join(self.dirs["cnn"], "weights.pt"),
                               os.path.join(self.dirs["cnn"], "inputs.pt")])

    def test_cuda_skip(self):
        if torch_cuda_available():
            self.skipTest("CUDA available here")
        res = self.p("cuda.json")
        rc, out, err = sh("run", "--model", json.dumps(MLP), "--weights", self.dirs["mlp"], "--batch-size", 2,
                          "--threads", 1, "--device", "cuda", "--warmup", 0, "--iterations", 1, "--result", res)
        self.assertEqual(rc, 3, err)
        with open(res) as f:
            r = json.load(f)
        self.assertIs(r["skipped"], True)
        self.assertIn("CUDA", r["reason"])

    def test_cuda_run(self):
        if not torch_cuda_available():
            self.skipTest("no GPU that torch can use here")
        o = self.p("cuda.bin")
        r = self.run_ok(MLP, self.dirs["mlp"], "--device", "cuda", "--iterations", 20, "--outputs", o)
        self.assertTrue(r["config"]["device"].startswith("cuda"))
        self.assertEqual(len(r["latencyMs"]), 20)
        mem = r["cudaMemory"]
        self.assertGreater(mem["maxMemoryAllocatedBytes"], 0)
        self.assertGreaterEqual(mem["maxMemoryReservedBytes"], mem["maxMemoryAllocatedBytes"])
        self.assertGreaterEqual(mem["deviceUsedBytes"], mem["maxMemoryReservedBytes"])
        cuda = r["environment"]["cuda"]
        self.assertTrue(cuda["deviceName"])
        self.assertTrue(cuda["driverVersion"])
        self.assertGreater(cuda["totalMemoryBytes"], 0)
        # The same weights and inputs on the CPU give the same outputs within float32 tolerance.
        c = self.p("cpu.bin")
        self.run_ok(MLP, self.dirs["mlp"], "--iterations", 1, "--outputs", c)
        with open(o, "rb") as f:
            gpu_vals = struct.unpack("<%dd" % (os.path.getsize(o) // 8), f.read())
        with open(c, "rb") as f:
            cpu_vals = struct.unpack("<%dd" % (os.path.getsize(c) // 8), f.read())
        self.assertEqual(len(gpu_vals), len(cpu_vals))
        self.assertLess(max(abs(a - b) for a, b in zip(gpu_vals, cpu_vals)), 1e-3)

    def test_no_inference_mode(self):
        r = self.run_ok(MLP, self.dirs["mlp"], "--iterations", 2, "--no-inference-mode")
        self.assertIs(r["config"]["inferenceMode"], False)
        r = self.run_ok(MLP, self.dirs["mlp"], "--iterations", 2)
        self.assertIs(r["config"]["inferenceMode"], True)

    def test_usage_error_no_result_and_stale_removed(self):
        res = self.p("bad.json")
        with open(res, "w") as f:
            f.write("stale")
        rc, out, err = sh("run", "--model", '{"builtin":"nope"}', "--weights", self.dirs["mlp"], "--batch-size", 2,
                          "--threads", 1, "--iterations", 1, "--result", res)
        self.assertEqual(rc, 2)
        self.assertIn("unknown builtin", err)
        self.assertFalse(os.path.exists(res))
        rc, out, err = sh("run", "--model", json.dumps(MLP), "--weights", self.dirs["mlp"], "--batch-size", 2,
                          "--threads", 1, "--result", res)  # neither --iterations nor --time-budget-seconds
        self.assertEqual(rc, 2)
        self.assertFalse(os.path.exists(res))

    def test_runtime_error_no_result(self):
        res = self.p("err.json")
        outp = self.p("err.bin")
        wrong = dict(MLP, hidden=16)  # weights don't fit
        rc, out, err = sh("run", "--model", json.dumps(wrong), "--weights", self.dirs["mlp"], "--batch-size", 2,
                          "--threads", 1, "--iterations", 1, "--outputs", outp, "--result", res)
        self.assertEqual(rc, 1)
        self.assertIn("size mismatch", err)
        self.assertFalse(os.path.exists(res))
        self.assertFalse(os.path.exists(outp))

    def test_user_model_file(self):
        spec = {"file": os.path.join(HERE, "fixtures", "user_model.py"), "factory": "make_model",
                "inputs": "example_inputs"}
        d = self.p("user")
        rc, out, err = sh("prepare", "--model", json.dumps(spec), "--out", d)
        self.assertEqual(rc, 0, err)
        o = self.p("user.bin")
        r = self.run_ok(spec, d, "--iterations", 3, "--outputs", o)
        names = [t["name"] for t in r["outputs"]["tensors"]]
        self.assertEqual(names, ["logits", "value"])
        self.assertEqual(r["outputs"]["tensors"][0]["shape"], [6, 5])

    def test_torchscript(self):
        ts = self.p("m.pt")
        code = ("import torch;m=torch.nn.Sequential(torch.nn.Linear(8,4),torch.nn.ReLU());"
                "torch.jit.script(m).save(%r)" % ts)
        subprocess.check_call([PY, "-W", "ignore", "-c", code])
        spec = {"torchscript": ts, "inputShape": [8]}
        d = self.p("ts")
        rc, out, err = sh("prepare", "--model", json.dumps(spec), "--out", d)
        self.assertEqual(rc, 0, err)
        r = self.run_ok(spec, d, "--iterations", 3, "--outputs", self.p("ts.bin"))
        self.assertEqual(r["outputs"]["tensors"][0]["shape"], [8, 4])


if __name__ == "__main__":
    unittest.main()
