// The native backward gate loops (native/backward.c) give the JS loops' bits: full BPTT with the add-on on and off, compared element for element.
import { strict as assert } from "node:assert";
import { Rng, Tensor, nativeIsasPresent, nativeKernels, randn, setNativeKernels, setPrecision } from "../../index";
import { CellParams, RecurrentCell, gruCell, initCellParams, lstmCell, rnnCell, zerosLikeParams } from "../../index";
import { bptt, unroll } from "../../index";
import { lstmSequenceFusion } from "../sequence/lstm-forward";
import {
  nativeCarryBackRows, nativeColumnSums, nativeGruBackwardStep, nativeGruClassicResetBackward, nativeLstmBackwardStep,
  nativeRnnBackwardStep,
} from "./backward-native";

/** Fails naming the first element where `a` and `b` differ bit for bit (Object.is: −0 ≠ +0, NaN = NaN). */
function sameBits(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  assert.equal(a.length, b.length, `${what}: lengths`);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) assert.fail(`${what}: element ${i} differs: ${a[i]} vs ${b[i]}`);
}

/** Masks by name: none, right padding (row b ends b steps early, one row padded at every step), left padding with a padded hole. */
function maskOf(kind: "none" | "right" | "left", T: number, B: number): Tensor | null {
  if (kind === "none") return null;
  const m = new Float64Array(T * B);
  for (let t = 0; t < T; t++) {
    for (let b = 0; b < B; b++) m[t * B + b] = kind === "right" ? (t < Math.max(1, T - (b % (T + 1))) ? 1 : 0) : (t >= b % 5 ? 1 : 0);
  }
  if (kind === "left" && T > 3) m[(T - 2) * B] = 0; // a hole inside row 0
  return new Tensor(m, [T, B]);
}

type Isa = "avx512f" | "avx2" | "128-bit";

/** One BPTT (after its unroll) with the native loops of one instruction set, or off (false): every gradient, dx, dState0 and the step norms. */
function runBptt(
  native: false | Isa, cell: RecurrentCell, p: CellParams, x: Tensor, h0: Tensor, c0: Tensor | undefined, mask: Tensor | null,
  dOut: Tensor | null, dH: Tensor, dC: Tensor | undefined,
): Record<string, ArrayLike<number>> {
  if (native === false) setNativeKernels(false);
  else assert.equal(setNativeKernels(true, native), native, "the instruction set runs");
  try {
    const f = unroll(cell, p, x, c0 === undefined ? { h: h0 } : { h: h0, c: c0 }, mask);
    const grads = zerosLikeParams(p);
    const r = bptt(cell, f.caches, dOut, dC === undefined ? { h: dH } : { h: dH, c: dC }, grads);
    const out: Record<string, ArrayLike<number>> = {
      outputs: f.outputs.data, dx: r.dx.data, dh0: r.dState0.h!.data, normsH: r.stepNorms.h,
      weight_ih: grads.weight_ih.data, weight_hh: grads.weight_hh.data, bias_ih: grads.bias_ih.data, bias_hh: grads.bias_hh.data,
    };
    if (r.dState0.c) out.dc0 = r.dState0.c.data;
    if (r.stepNorms.c) out.normsC = r.stepNorms.c;
    return out;
  } finally {
    setNativeKernels(false);
  }
}

describe("native backward gate loops (native/backward.c) against the JS loops", function () {
  this.timeout(60000);
  const info = nativeKernels();
  // every instruction set this CPU has (the loops are compiled once per set and follow setNativeKernels' choice)
  const isas = nativeIsasPresent();
  if (info.available) setNativeKernels(true, isas[0]);
  const fusion = lstmSequenceFusion.enabled;
  // small LSTM batches would run the WebAssembly time loop (lstmbwd64) in float64: off, so the gate loop runs there too
  before(() => { lstmSequenceFusion.enabled = false; });
  after(() => {
    lstmSequenceFusion.enabled = fusion;
    setPrecision("float64");
    if (info.available) setNativeKernels(true, isas[0]);
  });

  it("is built where the environment asks for it (RNNLAB_REQUIRE_NATIVE=1) and then holds the backward loops", () => {
    if (process.env.RNNLAB_REQUIRE_NATIVE === "1") assert.ok(info.available, `the native add-on is missing: ${info.reason}`);
    if (!info.available) return;
    // each wrapper runs (not silently declining) on well-sized arguments …
    const B = 2, H = 3, BH = B * H;
    const a = () => Float64Array.from({ length: BH }, (_, k) => 0.1 * k - 0.2);
    const norms = [0], normsC = [0];
    assert.equal(nativeLstmBackwardStep(new Float64Array(4 * BH), a(), a(), null, null, a(), a(), new Float64Array(4 * BH), norms, normsC, 0, B, H, 0), 0);
    assert.equal(nativeLstmBackwardStep(new Float64Array(4 * BH), a(), a(), a(), Float64Array.of(1, 0), a(), a(), new Float64Array(4 * BH), norms, normsC, 0, B, H, 0), 1);
    assert.ok(nativeGruBackwardStep(a(), a(), a(), a(), a(), null, null, a(), a(), new Float64Array(3 * BH), new Float64Array(3 * BH), null, norms, 0, B, H));
    assert.ok(nativeGruClassicResetBackward(a(), a(), a(), null, a(), new Float64Array(3 * BH), new Float64Array(2 * BH), B, H));
    assert.ok(nativeRnnBackwardStep(a(), null, a(), new Float64Array(BH), a(), norms, 0, B, H, 0, "relu"));
    assert.ok(nativeCarryBackRows(a(), a(), Float64Array.of(1, 0), 0, B, H));
    const db = new Float64Array(H);
    assert.ok(nativeColumnSums(db, a(), B, H, H, 0));
    sameBits(db, [0.1 * 0 - 0.2 + (0.1 * 3 - 0.2), 0.1 * 1 - 0.2 + (0.1 * 4 - 0.2), 0.1 * 2 - 0.2 + (0.1 * 5 - 0.2)], "column sums");
    // … and declines, touching nothing, when an array is too short for the sizes or the arrays overlap
    const dh = a(), before = dh.slice();
    assert.equal(nativeLstmBackwardStep(new Float64Array(4 * BH - 1), a(), a(), null, null, dh, a(), new Float64Array(4 * BH), norms, normsC, 0, B, H, 0), -1);
    assert.equal(nativeRnnBackwardStep(null, null, dh, new Float64Array(BH), a(), norms, 1, B, H, 0, "tanh"), true); // dOut null: t is free
    assert.equal(nativeRnnBackwardStep(a(), null, dh, new Float64Array(BH), a(), norms, 1, B, H, 0, "tanh"), false); // dOut has no step 1
    sameBits(dh, before, "dh after the declined calls (the run without dOut only reads it)");
    const buf = a();
    assert.equal(nativeColumnSums(buf.subarray(0, H), buf, B, H, H, 0), false);
    assert.equal(nativeCarryBackRows(a(), a(), Float64Array.of(1), 0, B, H), false);
  });

  const cells: [string, () => RecurrentCell, "lstm" | "gru" | "rnn"][] = [
    ["LSTM", () => lstmCell(), "lstm"],
    ["GRU reset-after", () => gruCell("reset-after"), "gru"],
    ["GRU classic", () => gruCell("classic"), "gru"],
    ["RNN tanh", () => rnnCell("tanh"), "rnn"],
    ["RNN relu", () => rnnCell("relu"), "rnn"],
    ["RNN sigmoid", () => rnnCell("sigmoid"), "rnn"],
  ];
  // T, B, I, H: batch 1 with odd H, a small odd batch, a batch that takes the big-batch products, several chunks of steps
  const shapes: [number, number, number, number][] = [[7, 1, 3, 5], [6, 3, 4, 9], [5, 32, 6, 16], [12, 64, 3, 7]];
  for (const [name, makeCell, kind] of cells) for (const precision of ["float64", "float32"] as const) {
    for (const [T, B, I, H] of shapes) for (const maskKind of ["none", "right", "left"] as const) for (const withOut of [true, false]) {
      it(`${name} ${precision} T=${T} B=${B} I=${I} H=${H} mask ${maskKind}${withOut ? "" : ", dOut null"}: native = JS bit for bit on every ISA`, function () {
        if (!info.available) this.skip(); // the add-on is optional; CI requires it (first test)
        setPrecision(precision);
        const rng = new Rng(T * 1000 + B * 10 + H);
        const p = initCellParams(kind, I, H, { rng });
        for (const k of ["bias_ih", "bias_hh"] as const) p[k] = randn(p[k].shape, { rng, std: 0.5 });
        const x = randn([T, B, I], { rng }), h0 = randn([B, H], { rng }), dH = randn([B, H], { rng });
        const c0 = kind === "lstm" ? randn([B, H], { rng }) : undefined, dC = kind === "lstm" ? randn([B, H], { rng }) : undefined;
        const dOut = withOut ? randn([T, B, H], { rng }) : null;
        const mask = maskOf(maskKind, T, B);
        const cell = makeCell();
        const viaJs = runBptt(false, cell, p, x, h0, c0, mask, dOut, dH, dC);
        if (kind === "lstm") assert.ok("normsC" in viaJs && "dc0" in viaJs, "the LSTM's cell-state results are compared too");
        for (const isa of isas) {
          const viaNative = runBptt(isa, cell, p, x, h0, c0, mask, dOut, dH, dC);
          assert.deepEqual(Object.keys(viaNative).sort(), Object.keys(viaJs).sort());
          for (const k of Object.keys(viaJs)) sameBits(viaNative[k], viaJs[k], `${isa} ${k}`);
        }
        // the gradients are not trivially zero
        assert.ok(Array.from(viaJs.weight_hh).some((v) => v !== 0), "weight_hh gradient");
      });
    }
  }
});
