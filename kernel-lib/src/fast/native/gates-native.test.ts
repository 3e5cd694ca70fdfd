// The native gate loops (native/gates.c) give the bits of the WebAssembly kernels (lstm32, gru32, tanh32rows) and of the JS
// float64 LSTM loop (lstm64) on every vector width this CPU has, for ordinary values and the edges of exp and tanh
// (clamps, the |x| < 1/16 branch, ±0, ±∞, NaN).
import { strict as assert } from "assert";
import { Rng, nativeIsasPresent, nativeKernels, randn, setNativeKernels } from "../../index";
import { nativeAddon } from "./gemm-native";
import { gruGates32, lstmGates32, lstmGatesExact64, tanhRows32 } from "../gates";
import { lstmGateLoopNaive } from "../sequence/lstm-gates";

/** The index and values of the first element where `a` and `b` differ bit for bit (NaN equals NaN), or null. */
function firstDiff(a: Float64Array, b: Float64Array): string | null {
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return `element ${i}: ${a[i]} vs ${b[i]}`;
  return null;
}

/** Seeded values spread over [−100, 100] with the edge cases of exp32 and tanh32 mixed in. */
function values(n: number, seed: number): Float64Array {
  const edges = [0, -0, Infinity, -Infinity, NaN, -87, 88, -87.5, 88.5, 0.0625, -0.0625, 0.0624999, 0.0625001, 1e-30, -1e-30, 44, -44, 1e-8];
  const x = randn([n], { rng: new Rng(seed) }).data.map((v, i) => (i % 3 === 0 ? v * 30 : v * 2));
  for (let i = 0; i < n; i += 7) x[i] = edges[(i / 7) % edges.length];
  return x;
}

describe("native float32 gate loops", function () {
  const info = nativeKernels();
  const isas = nativeIsasPresent();
  if (info.available) setNativeKernels(true, info.isa as "avx512f");
  afterEach(() => { if (info.available) setNativeKernels(true, info.isa as "avx512f"); });

  /** Runs `f` on fresh copies of `inputs` with the native loops, then with WebAssembly; both must return true and write the same bits. */
  function same(isa: string, inputs: Float64Array[], f: (a: Float64Array[]) => boolean): void {
    const nat = inputs.map((a) => a.slice()), wasm = inputs.map((a) => a.slice());
    setNativeKernels(true, isa as "avx512f");
    assert.ok(f(nat), "native ran");
    setNativeKernels(false);
    assert.ok(f(wasm), "WebAssembly ran");
    nat.forEach((a, q) => assert.equal(firstDiff(a, wasm[q]), null, `buffer ${q}`));
  }

  for (const isa of info.available ? isas : []) {
    for (const [B, H] of [[1, 4], [3, 20], [32, 128], [2, 68]]) {
      it(`${isa} B=${B} H=${H}: lstm32 (gates, c', tanh c', h' at offsets), gru32 and tanh32rows match WebAssembly bit for bit`, () => {
        const BH = B * H;
        // lstm32 at offsets: z from 4H·B (a second step), c from BH, c', h' from 2BH, tanh c' from BH
        same(isa, [values(12 * BH, B + H), values(3 * BH, 2), new Float64Array(3 * BH), new Float64Array(2 * BH), new Float64Array(3 * BH)],
          ([z, c, cn, tc, h]) => lstmGates32(z, 4 * BH, c, BH, cn, tc, h, 2 * BH, BH, B, H));
        same(isa, [values(3 * BH, 3), values(3 * BH, 4), values(3 * H, 5), values(BH, 6), ...[0, 1, 2, 3, 4].map(() => new Float64Array(BH))],
          ([g, gh, bh, hp, r, z, n, hn, h]) => gruGates32(g, gh, bh, hp, r, z, n, hn, h, B, H));
        same(isa, [values(BH, 7)], ([z]) => tanhRows32(z));
      });
    }
  }

  for (const isa of info.available ? isas : []) {
    it(`${isa}: the float64 LSTM gate loop (lstm64) gives lstmGateLoopNaive's bits, odd H and edge values included`, () => {
      setNativeKernels(true, isa);
      for (const [B, H] of [[1, 3], [3, 20], [32, 128], [2, 67]]) {
        const BH = B * H;
        const inputs = [values(12 * BH, B + H + 1), values(3 * BH, 9), new Float64Array(3 * BH), new Float64Array(2 * BH), new Float64Array(3 * BH)];
        const nat = inputs.map((a) => a.slice()), ref = inputs.map((a) => a.slice());
        assert.ok(lstmGatesExact64(nat[0], 4 * BH, nat[1], BH, nat[2], nat[3], nat[4], 2 * BH, BH, B, H), "native ran");
        lstmGateLoopNaive({ z: { buf: ref[0], off: 4 * BH }, cPrev: { buf: ref[1], off: BH }, c: { buf: ref[2], off: 2 * BH }, tanhC: { buf: ref[3], off: BH }, h: { buf: ref[4], off: 2 * BH } }, B, H);
        nat.forEach((a, q) => assert.equal(firstDiff(a, ref[q]), null, `B=${B} H=${H} buffer ${q}`));
      }
    });
  }

  it("the bindings decline arguments that do not fit (short arrays, negative offsets, a non-array mask), writing nothing", function () {
    if (!info.available) this.skip(); // optional add-on; CI requires it (gemm-native.test.ts)
    type Loops = {
      lstm64(...a: unknown[]): boolean; gru64(...a: unknown[]): boolean; lstmSeq64(...a: unknown[]): boolean; rows64(...a: unknown[]): boolean;
    };
    const a = nativeAddon<Loops>()!;
    const [B, H] = [2, 4];
    const z = new Float64Array(4 * B * H).fill(0.5), short = new Float64Array(B * H - 1), ok = () => new Float64Array(B * H);
    assert.equal(a.lstm64(z, 0, ok(), 0, ok(), ok(), short, 0, 0, B, H), false, "short h");
    assert.equal(a.lstm64(z, 1, ok(), 0, ok(), ok(), ok(), 0, 0, B, H), false, "z offset past the end");
    assert.equal(a.lstm64(z, -1, ok(), 0, ok(), ok(), ok(), 0, 0, B, H), false, "negative offset");
    assert.ok(z.every((v) => v === 0.5), "z untouched");
    assert.equal(a.gru64(new Float64Array(3 * B * H), new Float64Array(3 * B * H), new Float64Array(3 * H - 1), ok(), ok(), ok(), ok(), ok(), ok(), B, H), false, "short b_hh");
    const T = 3;
    assert.equal(a.lstmSeq64(new Float64Array(4 * H * H), new Float64Array(T * 4 * B * H), new Float64Array((T + 1) * B * H),
      new Float64Array((T + 1) * B * H), new Float64Array(T * B * H), [1, 1, 1, 1, 1, 1], T, B, H), false, "a mask that is not a Float64Array");
    assert.equal(a.rows64(new Float64Array(8), 3), false, "an unknown function");
  });

  it("tests the default vector width where the add-on is built (gemm-native.test.ts requires it in CI), none where it is not", () => {
    if (info.available) assert.ok(isas.includes(info.isa as "avx512f"), `the default ${info.isa} is among the tested widths`);
    else assert.equal(isas.length, 0);
  });
});
