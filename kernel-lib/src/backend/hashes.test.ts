// Fixed-seed fingerprints of the recurrent layers' forward and backward: refactors of the fast kernels must not move a bit.
// The expected digests were recorded from the kernels as they stood before the backend seam; a digest that moves is a
// change of results, to be stated and justified (and the digest re-recorded) — never silently. The float32 ones were
// re-recorded once, when float32 A·Bᵀ changed from four partial sums (k mod 4) to one sum in increasing k like A·B
// (kernel-lib/DESIGN.md, "One summation order"): every configuration below gave the new digests alike.
import { strict as assert } from "assert";
import { createHash } from "crypto";
import * as rl from "../index";

type Layer = rl.RNN | rl.LSTM | rl.GRU;

/** sha256 (first 16 hex digits) over the bytes of every array, in order. */
function digest(arrays: Float64Array[]): string {
  const h = createHash("sha256");
  for (const a of arrays) h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  return h.digest("hex").slice(0, 16);
}

/** Two forward/backward passes (masked, then unmasked, gradients accumulating) of a layer; everything they return, hashed. */
function layerRun(make: (rng: rl.Rng) => Layer, T: number, B: number, I: number): string {
  const rng = new rl.Rng(42);
  const layer = make(rng);
  const x = rl.randn([T, B, I], { rng });
  const lengths = Array.from({ length: B }, (_, b) => Math.max(1, T - ((b * 3) % T)));
  const arrays: Float64Array[] = [];
  for (const mask of [rl.maskFromLengths(lengths, T), null]) {
    const f = layer.forward(x, null, mask);
    const dOut = rl.randn(f.outputs.shape, { rng });
    const b = layer.backward(dOut, { h: rl.randn(f.state.h.shape, { rng }) });
    arrays.push(f.outputs.data, f.state.h.data, b.dx.data, b.dState0.h.data);
    if (f.state.c) arrays.push(f.state.c.data, (b.dState0.c as rl.Tensor).data);
    arrays.push(Float64Array.from(b.stepNorms.h));
    for (const g of Object.values(b.grads)) arrays.push(g.data);
  }
  return digest(arrays);
}

const LAYERS: [string, (rng: rl.Rng, I: number, H: number) => Layer][] = [
  ["LSTM", (rng, I, H) => new rl.LSTM({ inputSize: I, hiddenSize: H, rng })],
  ["GRU reset-after", (rng, I, H) => new rl.GRU({ inputSize: I, hiddenSize: H, rng })],
  ["GRU classic", (rng, I, H) => new rl.GRU({ inputSize: I, hiddenSize: H, rng, variant: "classic" })],
  ["RNN tanh", (rng, I, H) => new rl.RNN({ inputSize: I, hiddenSize: H, rng })],
  ["RNN relu", (rng, I, H) => new rl.RNN({ inputSize: I, hiddenSize: H, rng, nonlinearity: "relu" })],
];
// a batch-1 shape (small products, fused time loops), and a batch-32 one (SIMD/native products, chunked steps)
const SHAPES: [number, number, number, number][] = [[20, 1, 8, 16], [50, 32, 32, 128]];

/** Every fingerprint, under the current precision. */
export function layerFingerprints(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, make] of LAYERS) {
    for (const [T, B, I, H] of SHAPES) out[`${name} T${T} B${B} I${I} H${H}`] = layerRun((rng) => make(rng, I, H), T, B, I);
  }
  return out;
}

/** The fingerprints (float64 as recorded before the seam), the same on every ISA, thread count, with and without the add-on. */
const EXPECTED: Record<rl.Precision, Record<string, string>> = {
  float64: {
    "LSTM T20 B1 I8 H16": "42433a17b7479cb1",
    "LSTM T50 B32 I32 H128": "bb991b9d350877ac",
    "GRU reset-after T20 B1 I8 H16": "7c9d68906daad835",
    "GRU reset-after T50 B32 I32 H128": "a74f5b2e1d48bcb8",
    "GRU classic T20 B1 I8 H16": "931e9aea20e490a5",
    "GRU classic T50 B32 I32 H128": "ea71ad82f4dbd763",
    "RNN tanh T20 B1 I8 H16": "f164efc64521932b",
    "RNN tanh T50 B32 I32 H128": "47ef81edff562a6c",
    "RNN relu T20 B1 I8 H16": "ea4f64cb0ddfec43",
    "RNN relu T50 B32 I32 H128": "b0eedad425af574f",
  },
  float32: {
    "LSTM T20 B1 I8 H16": "0e6a66783d70679c",
    "LSTM T50 B32 I32 H128": "0708cf6afc523df3",
    "GRU reset-after T20 B1 I8 H16": "4ab14bbfe819e856",
    "GRU reset-after T50 B32 I32 H128": "18b8869685abda7a",
    "GRU classic T20 B1 I8 H16": "7719b6de7217a491",
    "GRU classic T50 B32 I32 H128": "b093768d8a4e88ce",
    "RNN tanh T20 B1 I8 H16": "11f5d6501c4f2171",
    "RNN tanh T50 B32 I32 H128": "bf5d0eac9fa4c461",
    "RNN relu T20 B1 I8 H16": "ea4f64cb0ddfec43",
    "RNN relu T50 B32 I32 H128": "64d5e0d53e03422e",
  },
};

/** The kernel configurations the fingerprints must not depend on: the add-on per ISA, WebAssembly alone, two threads. */
function configurations(): { name: string; set: () => void }[] {
  const out: { name: string; set: () => void }[] = [];
  const native = rl.nativeKernels();
  if (native.available) {
    for (const isa of ["avx512f", "avx2", "128-bit"] as const) {
      out.push({ name: `native ${isa}`, set: () => { rl.setNativeKernels(true, isa); rl.setGemmThreads(1); } });
    }
    out.push({ name: "native, 2 threads", set: () => { rl.setNativeKernels(true); rl.setGemmThreads(2); } });
  }
  out.push({ name: "WebAssembly", set: () => { if (native.available) rl.setNativeKernels(false); rl.setGemmThreads(1); } });
  out.push({ name: "WebAssembly, 2 threads", set: () => { if (native.available) rl.setNativeKernels(false); rl.setGemmThreads(2); } });
  return out;
}

describe("fixed-seed fingerprints of the layers (forward and backward, masked and not)", function () {
  this.timeout(600_000);
  const threads = rl.gemmThreads();
  after(() => {
    rl.setPrecision("float64");
    rl.setGemmThreads(threads);
    if (rl.nativeKernels().available) rl.setNativeKernels(true);
  });
  for (const p of ["float64", "float32"] as const) {
    for (const c of configurations()) {
      it(`${p}, ${c.name}: every layer's digest is the recorded one`, async () => {
        c.set();
        await rl.wasmGemmThreadsReady();
        rl.setPrecision(p);
        assert.deepEqual(layerFingerprints(), EXPECTED[p]);
      });
    }
  }
});

if (require.main === module) {
  // `node --import tsx kernel-lib/src/backend/hashes.test.ts` prints the table below (to re-record after a justified change)
  for (const p of ["float64", "float32"] as const) {
    rl.setPrecision(p);
    console.log(p, JSON.stringify(layerFingerprints(), null, 2));
  }
  rl.setPrecision("float64");
}
