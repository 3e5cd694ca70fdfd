// The sequence-level LSTM and RNN kernels agree with the step-by-step reference (the generic time loop over the cells' forward/backward).
import { strict as assert } from "node:assert";
import { Rng, Tensor, randn } from "../../index";
import { CellState, RecurrentCell, builtinRnnActivation, initCellParams, isBuiltinLstmCell, lstmCell, rnnCell, zerosLikeParams } from "../../index";
import { bptt, maskFromLengths, unroll } from "../../index";

/** Largest |a − b|. */
function maxDiff(a: Float64Array, b: Float64Array): number {
  assert.equal(a.length, b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** Both paths over the same data: the built-in descriptor (sequence kernel) and a copy of it (generic per-step loop). */
function bothPaths(T: number, B: number, I: number, H: number, seed: number, lengths?: number[], make: () => RecurrentCell = lstmCell) {
  const rng = new Rng(seed);
  const fast = make();
  const hasC = fast.kind === "lstm";
  const p = initCellParams(fast.kind, I, H, { rng });
  const x = randn([T, B, I], { rng });
  const state0: CellState = hasC ? { h: randn([B, H], { rng }), c: randn([B, H], { rng }) } : { h: randn([B, H], { rng }) };
  const dOut = randn([T, B, H], { rng });
  const dState = hasC ? { h: randn([B, H], { rng }), c: randn([B, H], { rng }) } : { h: randn([B, H], { rng }) };
  const mask = lengths ? maskFromLengths(lengths, T) : null;
  const run = (cell: RecurrentCell) => {
    const f = unroll(cell, p, x, state0, mask);
    const grads = zerosLikeParams(p);
    const b = bptt(cell, f.caches, dOut, dState, grads);
    return { f, b, grads };
  };
  const reference: RecurrentCell = { ...fast }; // same step functions, not the built-in object: the generic loop
  assert.ok(isBuiltinLstmCell(fast) || builtinRnnActivation(fast) !== null);
  assert.ok(!isBuiltinLstmCell(reference) && builtinRnnActivation(reference) === null);
  return { fast: run(fast), ref: run(reference) };
}

describe("sequence-level LSTM and RNN kernels (unroll/bptt) vs the per-step reference", () => {
  const cases: [string, number, number, number, number, number[] | undefined][] = [
    ["batch 1, tiny (JS products)", 7, 1, 3, 5, undefined],
    ["batch 4 with padding", 6, 4, 5, 8, [6, 3, 1, 5]],
    ["batch 8, wasm-sized products", 12, 8, 16, 32, undefined],
  ];
  const cells: [string, () => RecurrentCell][] = [
    ["lstm", lstmCell], ["rnn tanh", () => rnnCell("tanh")], ["rnn relu", () => rnnCell("relu")], ["rnn sigmoid", () => rnnCell("sigmoid")],
  ];
  for (const [cellName, make] of cells) for (const [name, T, B, I, H, lengths] of cases) {
    it(`${cellName}, ${name}: outputs, states, caches, dx, dState0, grads and step norms agree to 1e-12`, () => {
      const { fast, ref } = bothPaths(T, B, I, H, 3, lengths, make);
      const hasC = cellName === "lstm";
      assert.ok(maxDiff(fast.f.outputs.data, ref.f.outputs.data) < 1e-12);
      for (let t = 0; t < T; t++) {
        assert.ok(maxDiff(fast.f.states[t].h.data, ref.f.states[t].h.data) < 1e-12, `h at step ${t}`);
        const a = fast.f.caches[t].cache as any, b = ref.f.caches[t].cache as any;
        if (hasC) {
          assert.ok(maxDiff((fast.f.states[t].c as Tensor).data, (ref.f.states[t].c as Tensor).data) < 1e-12, `c at step ${t}`);
          assert.ok(maxDiff(a.gates, b.gates) < 1e-12, `gates at step ${t}`);
        }
        assert.deepEqual(fast.f.caches[t].mask, ref.f.caches[t].mask);
      }
      assert.ok(maxDiff(fast.b.dx.data, ref.b.dx.data) < 1e-12);
      assert.ok(maxDiff(fast.b.dState0.h.data, ref.b.dState0.h.data) < 1e-12);
      if (hasC) assert.ok(maxDiff((fast.b.dState0.c as Tensor).data, (ref.b.dState0.c as Tensor).data) < 1e-12);
      for (const k of ["weight_ih", "weight_hh", "bias_ih", "bias_hh"] as const) {
        assert.ok(maxDiff(fast.grads[k].data, ref.grads[k].data) < 1e-11, k);
        assert.ok(fast.grads[k].data.some((v) => v !== 0), `${k} gradient is not all zero`);
      }
      assert.ok(maxDiff(Float64Array.from(fast.b.stepNorms.h), Float64Array.from(ref.b.stepNorms.h)) < 1e-11);
      if (hasC) assert.ok(maxDiff(Float64Array.from(fast.b.stepNorms.c as number[]), Float64Array.from(ref.b.stepNorms.c as number[])) < 1e-11);
      else assert.equal(fast.b.stepNorms.c, undefined);
    });
  }

  it("caches of the sequence kernel also drive the generic per-step backward (same gradients)", () => {
    const rng = new Rng(9);
    const p = initCellParams("lstm", 4, 6, { rng });
    const x = randn([5, 2, 4], { rng });
    const dOut = randn([5, 2, 6], { rng });
    const f = unroll(lstmCell(), p, x);
    const g1 = zerosLikeParams(p), g2 = zerosLikeParams(p);
    const a = bptt(lstmCell(), f.caches, dOut, null, g1);
    const b = bptt({ ...lstmCell() }, f.caches, dOut, null, g2);
    assert.ok(maxDiff(a.dx.data, b.dx.data) < 1e-12);
    assert.ok(maxDiff(g1.weight_hh.data, g2.weight_hh.data) < 1e-12);
  });

  it("is deterministic: two runs give bit-identical results", () => {
    const r1 = bothPaths(9, 3, 4, 8, 5).fast, r2 = bothPaths(9, 3, 4, 8, 5).fast;
    assert.deepEqual(r1.f.outputs.data, r2.f.outputs.data);
    assert.deepEqual(r1.b.dx.data, r2.b.dx.data);
    assert.deepEqual(r1.grads.weight_hh.data, r2.grads.weight_hh.data);
  });
});
