// The rows of a softmax (tensorKernels().softmaxRows): the add-on's vectors (native/gates64-tiles.h, softmax64) on every
// vector width this CPU has, and the WebAssembly kernel (wasm/softmax64.wat), give the bits of the JS loop (softmaxRowsJs),
// and softmaxCrossEntropy gives one loss and one gradient, bit for bit, on the fast and the reference backend.
import { strict as assert } from "assert";
import { Rng, Tensor, logSoftmax, logSumExp, nativeIsasPresent, nativeKernels, randn, setBackend, setNativeKernels, softmax, softmaxCrossEntropy } from "../index";
import { softmaxRowsJs, tensorKernels } from "../tensor/kernels";
import { wasmSoftmaxRows } from "./softmax-rows";

/** The index and values of the first element where `a` and `b` differ bit for bit, or null. */
function firstDiff(a: Float64Array, b: Float64Array): string | null {
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return `element ${i}: ${a[i]} vs ${b[i]}`;
  return null;
}

/**
 * rows × C seeded scores: ordinary rows, rows spread wide enough that e^{z − max} leaves exp's vector range (< −708), rows
 * of equal values, of ±0, and rows holding a NaN or ±∞.
 */
function scores(rows: number, C: number, seed: number): Float64Array {
  const z = randn([rows * C], { rng: new Rng(seed) }).data;
  for (let n = 0; n < rows; n++) {
    const row = z.subarray(n * C, (n + 1) * C);
    if (n % 5 === 1) row.forEach((v, k) => { row[k] = v * 400; });
    if (n % 5 === 2) row.fill(3.25);
    if (n % 5 === 3) row.forEach((_, k) => { row[k] = k % 2 === 0 ? -0 : 0; });
    if (n % 5 === 4) row.fill(-0);
    if (n % 7 === 6) row[n % C] = [NaN, Infinity, -Infinity][n % 3];
  }
  return z;
}

describe("the rows of a softmax", function () {
  this.timeout(60000);
  const info = nativeKernels();
  afterEach(() => {
    setBackend("fast");
    if (info.available) setNativeKernels(true, info.isa as "avx512f");
  });

  const configs = [...(info.available ? nativeIsasPresent() : []), "WebAssembly"];
  for (const config of configs) {
    it(`${config}: softmax64 = softmaxRowsJs bit for bit (out, maxes, sums; masked rows untouched)`, () => {
      const kernel = config === "WebAssembly"
        ? (...a: Parameters<typeof softmaxRowsJs>) => assert.ok(wasmSoftmaxRows(...a), "the WebAssembly kernel ran")
        : (setNativeKernels(true, config as "avx512f"), tensorKernels().softmaxRows);
      for (const [rows, C] of [[1, 1], [3, 3], [7, 8], [10, 9], [10, 17], [25, 900], [5, 1031]]) {
        const z = scores(rows, C, rows * 31 + C);
        const mask = Float64Array.from({ length: rows }, (_, n) => (n % 4 === 2 ? 0 : 1));
        for (const m of [null, mask]) {
          for (const scale of [1, 7, 0.5]) {
            const fill = (): Float64Array[] => [z.slice().fill(-1.5), new Float64Array(rows).fill(9), new Float64Array(rows).fill(9)];
            const [o1, mx1, s1] = fill(), [o2, mx2, s2] = fill();
            kernel(z, o1, rows, C, m, scale, mx1, s1);
            softmaxRowsJs(z, o2, rows, C, m, scale, mx2, s2);
            const what = `[${rows}, ${C}] ${m ? "masked" : "unmasked"} scale ${scale}`;
            assert.equal(firstDiff(o1, o2), null, `${what}: out`);
            assert.equal(firstDiff(mx1, mx2), null, `${what}: maxes`);
            assert.equal(firstDiff(s1, s2), null, `${what}: sums`);
            if (m && rows > 2) assert.equal(o1[2 * C], -1.5, `${what}: a masked row is not written`);
          }
        }
      }
    });
  }

  it("softmax, logSoftmax and logSumExp along the last axis: the reference backend's bits on every ISA and in WebAssembly", () => {
    const a = new Tensor(scores(30, 41, 5), [3, 10, 41]);
    setBackend("reference");
    const ref = [softmax(a), logSoftmax(a), logSumExp(a), logSoftmax(a, 1)].map((t) => t.data);
    setBackend("fast");
    for (const config of [...(info.available ? nativeIsasPresent() : []), "WebAssembly"]) {
      if (config === "WebAssembly") setNativeKernels(false);
      else setNativeKernels(true, config as "avx512f");
      const got = [softmax(a), logSoftmax(a), logSumExp(a), logSoftmax(a, 1)].map((t) => t.data);
      got.forEach((g, q) => assert.equal(firstDiff(g, ref[q]), null, `${config}, ${["softmax", "logSoftmax", "logSumExp", "logSoftmax axis 1"][q]}`));
    }
  });

  it("softmaxCrossEntropy: one loss and one gradient on the fast (add-on or not) and the reference backend, bit for bit", () => {
    const rows = 40, C = 301;
    const logits = randn([rows, C], { rng: new Rng(3) });
    const targets = Array.from({ length: rows }, (_, n) => (n * 7) % C);
    const mask = Array.from({ length: rows }, (_, n) => (n % 6 === 5 ? 0 : 1));
    const runs: { loss: number; d: Float64Array }[] = [];
    for (const config of ["native", "wasm", "reference"]) {
      if (config === "native" && !info.available) continue;
      setBackend(config === "reference" ? "reference" : "fast");
      if (config === "wasm") setNativeKernels(false);
      const r = softmaxCrossEntropy(logits, targets, { mask });
      runs.push({ loss: r.loss, d: r.dLogits.data });
    }
    for (const r of runs.slice(1)) {
      assert.ok(Object.is(r.loss, runs[0].loss), `loss ${r.loss} vs ${runs[0].loss}`);
      assert.equal(firstDiff(r.d, runs[0].d), null);
    }
  });
});
