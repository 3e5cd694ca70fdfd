#!/usr/bin/python3
"""PyTorch peer of bench/bench.ts: steps/s of one training step (forward, loss, full BPTT), float32, one thread.

Called by bench.ts as  OMP_NUM_THREADS=1 python3 bench/torch_bench.py '<json config>'  and prints one JSON object.
Config: {"workloads": [{"id", "kind": "LSTM"|"GRU"|"RNN", "B", "T", "I", "H"}], "reps", "repSeconds", "capSeconds", "clock"?}
("clock": "cpu" times with this process's CPU time, time.process_time, as bench.ts --cpu does for rnnlab).
The loss is sum(outputs * w) with fixed random w, as in bench.ts; timings use the same protocol:
warm up on a 2-step sequence (skip if T/2 × its best time exceeds capSeconds), then `reps` repetitions of k steps (k chosen so a repetition lasts about repSeconds).
"""
import json
import statistics
import sys
import time

import torch

torch.set_num_threads(1)
torch.manual_seed(0)


clock = time.perf_counter


def bench_workload(w, reps, rep_seconds, cap_seconds):
    module = {"LSTM": torch.nn.LSTM, "GRU": torch.nn.GRU, "RNN": torch.nn.RNN}[w["kind"]](w["I"], w["H"])
    x = torch.randn(w["T"], w["B"], w["I"])
    weights = torch.randn(w["T"], w["B"], w["H"])

    def step(xs, ws):
        module.zero_grad(set_to_none=False)
        out, _ = module(xs)
        (out * ws).sum().backward()

    warm = []
    for _ in range(3):
        t0 = clock()
        step(x[:2], weights[:2])
        warm.append(clock() - t0)
    estimate = min(warm) * w["T"] / 2
    if estimate > cap_seconds:
        return {"skipped": f"estimated {estimate:.0f} s per step", "estimatedStepsPerSec": 1 / estimate}
    t0 = clock()
    step(x, weights)
    one = clock() - t0
    k = max(1, round(rep_seconds / max(one, 1e-6)))
    if one > cap_seconds / 2:
        return {"stepsPerSec": 1 / one, "reps": [1 / one], "stepsPerRep": 1}
    if one < 0.05:  # tiny steps: one untimed repetition so the allocator and caches settle
        for _ in range(k):
            step(x, weights)
    rates = []
    for _ in range(reps):
        t0 = clock()
        for _ in range(k):
            step(x, weights)
        rates.append(k / (clock() - t0))
    return {"stepsPerSec": statistics.median(rates), "reps": rates, "stepsPerRep": k}


def gemm_gflops(m, n, k, seconds=0.3):
    a, b = torch.randn(m, k), torch.randn(k, n)
    a @ b
    count, t0 = 0, clock()
    while clock() - t0 < seconds:
        a @ b
        count += 1
    return 2 * m * n * k * count / (clock() - t0) / 1e9


def main():
    global clock
    cfg = json.loads(sys.argv[1])
    if cfg.get("clock") == "cpu":
        clock = time.process_time
    out = {"version": torch.__version__, "threads": torch.get_num_threads(), "workloads": {}}
    for w in cfg["workloads"]:
        out["workloads"][w["id"]] = bench_workload(w, cfg["reps"], cfg["repSeconds"], cfg["capSeconds"])
    g = cfg.get("gemm")
    if g:
        out["gemmGflops"] = gemm_gflops(g["M"], g["N"], g["K"])
    print(json.dumps(out))


if __name__ == "__main__":
    main()
