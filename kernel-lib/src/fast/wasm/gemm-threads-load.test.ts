// Threads never change bits, also on a loaded machine: whole training runs (LSTM → GRU, Adam, products growing every step so the
// kernels' shared memory grows while the helper thread exists) with the add-on off give one thread's bits on two threads while
// busy workers keep every core occupied (the helper is descheduled, joins wait, helpers become ready part-way through a run).
import { strict as assert } from "assert";
import { createHash } from "crypto";
import { Worker } from "worker_threads";
import * as rl from "../../index";

/** A training run's digest per step: outputs, dx and every gradient, then an Adam step. */
function trainingDigests(threads: number): string[] {
  rl.setGemmThreads(threads);
  const rng = new rl.Rng(3);
  const lstm = new rl.LSTM({ inputSize: 24, hiddenSize: 64, rng });
  const gru = new rl.GRU({ inputSize: 64, hiddenSize: 48, rng });
  const opt = new rl.Adam([...lstm.parameters(), ...gru.parameters()], { lr: 1e-3 });
  const out: string[] = [];
  for (let step = 0; step < 8; step++) {
    const B = 8 + 6 * step, T = 6 + step;
    const x = rl.randn([T, B, 24], { rng });
    const f1 = lstm.forward(x);
    const f2 = gru.forward(f1.outputs);
    const d2 = gru.backward(rl.randn(f2.outputs.shape, { rng }));
    const d1 = lstm.backward(d2.dx);
    const h = createHash("sha256");
    for (const a of [f2.outputs.data, d1.dx.data, ...lstm.parameters().map((p) => p.grad.data), ...gru.parameters().map((p) => p.grad.data)]) {
      h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    }
    out.push(h.digest("hex").slice(0, 16));
    opt.step();
    lstm.zeroGrad();
    gru.zeroGrad();
  }
  return out;
}

describe("threads under CPU load (the add-on off: WebAssembly helper threads)", function () {
  this.timeout(300_000);
  const threads = rl.gemmThreads();
  let burners: Worker[] = [];
  before(() => {
    if (rl.nativeKernels().available) rl.setNativeKernels(false);
    // one busy worker per core: the product threads compete for every core
    burners = Array.from({ length: rl.machineThreads() }, () => new Worker("for (;;) {}", { eval: true }));
  });
  after(async () => {
    await Promise.all(burners.map((w) => w.terminate()));
    rl.setPrecision("float64");
    rl.setGemmThreads(threads);
    if (rl.nativeKernels().available) rl.setNativeKernels(true);
  });

  for (const p of ["float64", "float32"] as const) {
    it(`${p}: two training runs on 2 threads give the 1-thread run's bits at every step, and the helper really worked`, () => {
      rl.setPrecision(p);
      const one = trainingDigests(1);
      // at least two runs; more (up to 8) while no run had the helper take a row block: on a heavily loaded machine the
      // helper may be descheduled for a whole run, which then tests nothing, yet every run must give the same bits
      const jobs0 = rl.gemmThreadStats().helperJobs;
      let runs = 0;
      while (runs < 2 || (rl.gemmThreadStats().helperJobs === jobs0 && runs < 8)) {
        const two = trainingDigests(2);
        const first = two.findIndex((d, s) => d !== one[s]);
        assert.equal(first, -1, `run ${runs}: diverged at step ${first}`);
        runs++;
      }
      assert.ok(rl.gemmThreadStats().helperJobs > jobs0, `a helper thread took row blocks in one of ${runs} runs`);
    });
  }
});
