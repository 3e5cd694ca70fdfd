// The fused LSTM time loops (float64: lstmseq64 forward, lstmbwd64 backward, in WebAssembly, the forward also natively;
// float32: the forward natively) give the per-step path's bits.
import { strict as assert } from "node:assert";
import { Rng, nativeIsasPresent, nativeKernels, randn, setNativeKernels, setPrecision } from "../../index";
import { gemmRowsTB } from "../../tensor/gemm-js";
import { lstmGatesExact64, lstmTimeLoop64 } from "../gates";
import { CellParams, initCellParams, lstmCellForward } from "../../index";
import { lstmGateLoopNaive } from "./lstm-gates";
import { Tensor } from "../../index";
import { chunkSteps, inputProducts } from "./sequence-products";
import { lstmSequenceForward, lstmSequenceFusion } from "./lstm-forward";
import { lstmSequenceBackward } from "./lstm-backward";
import { zerosLikeParams } from "../../index";

function sameBits(a: Float64Array, b: Float64Array, what: string): void {
  assert.equal(a.length, b.length, `${what}: lengths`);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) assert.fail(`${what}: element ${i} differs: ${a[i]} vs ${b[i]}`);
}

/** A mask with sequences of different lengths (row b ends 2b steps early) and one padded step inside row 0. */
function maskOf(T: number, B: number): Float64Array {
  const m = new Float64Array(T * B).fill(1);
  for (let b = 0; b < B; b++) for (let t = Math.max(1, T - 2 * b); t < T; t++) m[t * B + b] = 0;
  if (T > 3) m[2 * B] = 0;
  return m;
}

/**
 * The per-step path of lstmSequenceForward, written out as the naive reference: the chunk's input products, then per step
 * `Z_t += h_{t−1} W_hhᵀ` (gemmRowsTB, bit-identical to the row kernel), the plain JS gate loop, and padded rows keeping their state.
 */
function perStepForward(p: CellParams, x: Float64Array, h0: Float64Array, c0: Float64Array, m: Float64Array | null, T: number, B: number, I: number, H: number) {
  const G4 = 4 * H, BH = B * H, BG = B * G4;
  const gates = new Float64Array(T * BG), tanhCs = new Float64Array(T * BH);
  const hs = new Float64Array((T + 1) * BH), cs = new Float64Array((T + 1) * BH);
  hs.set(h0);
  cs.set(c0);
  const bias = p.bias_ih.data.map((v, j) => v + p.bias_hh.data[j]);
  const chunk = chunkSteps(T, B);
  for (let t = 0; t < T; t++) {
    if (t % chunk === 0) inputProducts(gates, x, p, bias, t, Math.min(T, t + chunk), B, G4, I);
    const zo = t * BG, po = t * BH, so = po + BH;
    gemmRowsTB(gates, zo, hs, po, p.weight_hh.data, B, G4, H, true);
    lstmGateLoopNaive({ z: { buf: gates, off: zo }, cPrev: { buf: cs, off: po }, c: { buf: cs, off: so }, tanhC: { buf: tanhCs, off: po }, h: { buf: hs, off: so } }, B, H);
    for (let b = 0; m !== null && b < B; b++) {
      if (m[t * B + b] !== 0) continue;
      hs.copyWithin(so + b * H, po + b * H, po + (b + 1) * H);
      cs.copyWithin(so + b * H, po + b * H, po + (b + 1) * H);
    }
  }
  return { gates, tanhCs, hs, cs };
}

/**
 * Seeded inputs of a forward case: LSTM parameters with weights 4× the init's (so gates saturate and every branch of exp and
 * tanh is reached), `x [T, B, I]` (std 2), `h0` and `c0 [B, H]` (std 1 and 3).
 */
function forwardInputs(seed: number, T: number, B: number, I: number, H: number) {
  const rng = new Rng(seed);
  const p = initCellParams("lstm", I, H, { rng });
  for (const w of [p.weight_ih, p.weight_hh]) for (let q = 0; q < w.data.length; q++) w.data[q] *= 4;
  const x = randn([T, B, I], { rng, std: 2 }).data;
  const h0 = randn([B, H], { rng }).data, c0 = randn([B, H], { rng, std: 3 }).data;
  return { p, x, h0, c0 };
}

describe("fused float64 LSTM forward (lstmseq64) against the per-step path", () => {
  const cases: [number, number, number, number, boolean][] = [
    // T, B, I, H, masked
    [20, 1, 8, 16, false], [20, 1, 8, 16, true], [7, 2, 3, 5, false], [9, 3, 4, 5, true], [13, 3, 2, 7, true],
    [1, 1, 1, 1, false], [30, 2, 3, 9, true], [520, 1, 2, 3, false], [6, 1, 5, 33, true],
  ];
  for (const [T, B, I, H, masked] of cases) {
    it(`T=${T} B=${B} I=${I} H=${H}${masked ? " masked" : ""}: bit-identical states, gates and tanh c`, () => {
      const { p, x, h0, c0 } = forwardInputs(T * 100 + B * 10 + H, T, B, I, H);
      const m = masked ? maskOf(T, B) : null;
      const ref = perStepForward(p, x, h0, c0, m, T, B, I, H);
      // the kernel itself, on the reference's input products
      // (natively where the add-on is built, and in WebAssembly: both must give the reference's bits)
      for (const native of nativeKernels().available ? [true, false] : [false]) {
        const gates = new Float64Array(T * B * 4 * H);
        const bias = p.bias_ih.data.map((v, j) => v + p.bias_hh.data[j]);
        const chunk = chunkSteps(T, B);
        for (let t0 = 0; t0 < T; t0 += chunk) inputProducts(gates, x, p, bias, t0, Math.min(T, t0 + chunk), B, 4 * H, I);
        const hs = new Float64Array((T + 1) * B * H), cs = new Float64Array((T + 1) * B * H), tanhCs = new Float64Array(T * B * H);
        hs.set(h0);
        cs.set(c0);
        setNativeKernels(native);
        try {
          assert.ok(lstmTimeLoop64(p.weight_hh.data, gates, hs, cs, tanhCs, m, T, B, H), "WebAssembly is available in Node");
        } finally {
          if (nativeKernels().available) setNativeKernels(true);
        }
        const how = native ? "native" : "WebAssembly";
        sameBits(gates, ref.gates, `${how} gates`);
        sameBits(hs, ref.hs, `${how} h states`);
        sameBits(cs, ref.cs, `${how} c states`);
        sameBits(tanhCs, ref.tanhCs, `${how} tanh c`);
      }
      // and through lstmSequenceForward, which takes the fused path for these small products in float64, and its per-step path
      const tape = lstmSequenceForward(p, x, h0, c0, m, T, B, I, H);
      lstmSequenceFusion.enabled = false;
      const stepped = (() => { try { return lstmSequenceForward(p, x, h0, c0, m, T, B, I, H); } finally { lstmSequenceFusion.enabled = true; } })();
      for (const t of [tape, stepped]) {
        sameBits(t.hs, ref.hs, "tape h");
        sameBits(t.cs, ref.cs, "tape c");
        sameBits(t.gates, ref.gates, "tape gates");
        sameBits(t.tanhCs, ref.tanhCs, "tape tanh c");
      }
    });
  }

  it("agrees with stepping lstmCellForward to round-off (an independent witness of the reference)", () => {
    const T = 12, B = 2, I = 3, H = 6;
    const rng = new Rng(5);
    const p = initCellParams("lstm", I, H, { rng });
    const x = randn([T, B, I], { rng });
    const tape = lstmSequenceForward(p, x.data, null, null, null, T, B, I, H);
    let h = new Tensor(new Float64Array(B * H), [B, H]), c = new Tensor(new Float64Array(B * H), [B, H]);
    let worst = 0;
    for (let t = 0; t < T; t++) {
      ({ h, c } = lstmCellForward(new Tensor(x.data.slice(t * B * I, (t + 1) * B * I), [B, I]), h, c, p));
      for (let q = 0; q < B * H; q++) worst = Math.max(worst, Math.abs(h.data[q] - tape.hs[(t + 1) * B * H + q]), Math.abs(c.data[q] - tape.cs[(t + 1) * B * H + q]));
    }
    assert.ok(worst < 1e-13, `worst difference ${worst}`);
  });

  it("float32: the fused native loop (lstmSeq32) gives the per-step float32 path's bits on every ISA, masked or not, and differs from float64", () => {
    const info = nativeKernels();
    const isas = nativeIsasPresent();
    if (process.env.RNNLAB_REQUIRE_NATIVE === "1") assert.ok(isas.length > 0, "the add-on runs the fused float32 loop");
    try {
      for (const [T, B, I, H, masked] of [[20, 1, 8, 16, false], [9, 3, 4, 5, true], [6, 1, 5, 33, true]] as const) {
        const { p, x, h0, c0 } = forwardInputs(T + B + H, T, B, I, H);
        const m = masked ? maskOf(T, B) : null;
        const f64 = lstmSequenceForward(p, x, h0, c0, m, T, B, I, H);
        setPrecision("float32");
        lstmSequenceFusion.enabled = false;
        const stepped = lstmSequenceForward(p, x, h0, c0, m, T, B, I, H);
        lstmSequenceFusion.enabled = true;
        // natively on every ISA, and with the add-on off (float32 then takes the per-step path; with H not a multiple of 4,
        // WebAssembly's float64 loop)
        for (const isa of [...isas, "off"] as const) {
          if (isa === "off") { if (info.available) setNativeKernels(false); }
          else setNativeKernels(true, isa);
          const fused = lstmSequenceForward(p, x, h0, c0, m, T, B, I, H);
          for (const k of ["hs", "cs", "gates", "tanhCs"] as const) sameBits(fused[k], stepped[k], `${isa} T=${T} B=${B} H=${H} ${k}`);
        }
        setPrecision("float64");
        let differ = false;
        for (let q = 0; q < f64.hs.length; q++) differ ||= f64.hs[q] !== stepped.hs[q];
        // (with H not a multiple of 4 the float32 path runs the float64 gate loop, so float64's bits)
        assert.equal(differ, H % 4 === 0, "float32 results differ from float64 in the last bits where the float32 gate loop runs");
        for (let q = 0; q < f64.hs.length; q++) assert.ok(Math.abs(f64.hs[q] - stepped.hs[q]) < 1e-4, `h ${q}`);
      }
    } finally {
      lstmSequenceFusion.enabled = true;
      setPrecision("float64");
      if (info.available) setNativeKernels(true, isas[0]);
    }
  });

  it("lstm64 (the gate loop alone, which lstmGateLoop runs) gives the JavaScript loop's bits at offsets", () => {
    const rng = new Rng(3);
    for (const [B, H] of [[1, 16], [3, 5], [2, 1], [20, 13]]) {
      const z = randn([4 + B * 4 * H], { rng, std: 6 }).data, cp = randn([2 + B * H], { rng, std: 4 }).data;
      const zw = z.slice();
      const n = 3 + B * H;
      const ref = { c: new Float64Array(n), tc: new Float64Array(n), h: new Float64Array(n) };
      const got = { c: new Float64Array(n), tc: new Float64Array(n), h: new Float64Array(n) };
      lstmGateLoopNaive({ z: { buf: z, off: 4 }, cPrev: { buf: cp, off: 2 }, c: { buf: ref.c, off: 3 }, tanhC: { buf: ref.tc, off: 1 }, h: { buf: ref.h, off: 3 } }, B, H);
      assert.ok(lstmGatesExact64(zw, 4, cp, 2, got.c, got.tc, got.h, 3, 1, B, H));
      sameBits(zw, z, "gates");
      sameBits(got.c, ref.c, "c");
      sameBits(got.tc, ref.tc, "tanh c");
      sameBits(got.h, ref.h, "h");
    }
  });
});

describe("fused LSTM backward (natively lstmBackwardChunk, in WebAssembly lstmbwd64) against the per-step path", () => {
  /** lstmSequenceBackward on a fresh tape, fused or per-step; everything it returns or writes. */
  function backward(fused: boolean, p: CellParams, x: Float64Array, m: Float64Array | null, dOut: Float64Array | null,
    dhT: Float64Array, dcT: Float64Array, T: number, B: number, I: number, H: number) {
    const tape = lstmSequenceForward(p, x, null, null, m, T, B, I, H);
    const grads = zerosLikeParams(p);
    const dh = dhT.slice(), dc = dcT.slice();
    const normsH = new Array<number>(T).fill(-1), normsC = new Array<number>(T).fill(-1);
    lstmSequenceFusion.enabled = fused;
    try {
      const dx = lstmSequenceBackward(tape, dOut, dh, dc, grads, normsH, normsC);
      return { dx, dh, dc, normsH: Float64Array.from(normsH), normsC: Float64Array.from(normsC), grads };
    } finally {
      lstmSequenceFusion.enabled = true;
    }
  }
  const cases: [number, number, number, number, boolean, boolean][] = [
    // T, B, I, H, masked, with dOut
    [20, 1, 8, 16, false, true], [20, 1, 8, 16, true, true], [9, 3, 4, 5, true, true], [13, 2, 3, 7, false, false],
    [11, 3, 2, 9, true, false], [1, 1, 1, 1, false, true], [520, 1, 2, 3, true, true], [6, 2, 5, 33, false, true],
  ];
  for (const [T, B, I, H, masked, withOut] of cases) {
    it(`T=${T} B=${B} I=${I} H=${H}${masked ? " masked" : ""}${withOut ? "" : " dOutputs=null"}: bit-identical dx, dh_0, dc_0, weight gradients and step norms`, () => {
      const rng = new Rng(T * 31 + B * 7 + H);
      const p = initCellParams("lstm", I, H, { rng });
      for (const w of [p.weight_ih, p.weight_hh]) for (let q = 0; q < w.data.length; q++) w.data[q] *= 3;
      const x = randn([T, B, I], { rng, std: 2 }).data;
      const dOut = withOut ? randn([T, B, H], { rng }).data : null;
      const dhT = randn([B, H], { rng }).data, dcT = randn([B, H], { rng }).data;
      const m = masked ? maskOf(T, B) : null;
      const ref = backward(false, p, x, m, dOut, dhT, dcT, T, B, I, H);
      // the fused loop natively (lstmBackwardChunk, on every ISA) and in WebAssembly (lstmbwd64, the add-on off)
      const info = nativeKernels();
      const isas = nativeIsasPresent();
      try {
        for (const how of [...isas, "WebAssembly"] as const) {
          if (how === "WebAssembly") setNativeKernels(false);
          else setNativeKernels(true, how);
          const fused = backward(true, p, x, m, dOut, dhT, dcT, T, B, I, H);
          sameBits(fused.dx, ref.dx, `${how} dx`);
          sameBits(fused.dh, ref.dh, `${how} dh_0`);
          sameBits(fused.dc, ref.dc, `${how} dc_0`);
          sameBits(fused.normsH, ref.normsH, `${how} ‖∂L/∂h_t‖`);
          sameBits(fused.normsC, ref.normsC, `${how} ‖∂L/∂c_t‖`);
          for (const name of ["weight_ih", "weight_hh", "bias_ih", "bias_hh"] as const) sameBits(fused.grads[name].data, ref.grads[name].data, `${how} ${name}`);
        }
      } finally {
        if (info.available) setNativeKernels(true, isas[0]);
      }
      assert.ok(ref.normsH.every((v) => v >= 0) && ref.dx.some((v) => v !== 0), "the reference did run");
    });
  }
});
