// The sequence-level GRU kernel (both variants) agrees with the step-by-step reference and with central differences.
import { strict as assert } from "node:assert";
import { Rng, Tensor, randn } from "../../index";
import { CellParams, GruCellCache, GruVariant, RecurrentCell, builtinGruVariant, gruCell, initCellParams, zerosLikeParams } from "../../index";
import { numericGrad } from "../../diagnostics/numeric-grad";
import { gateActivations } from "../../diagnostics/gates";
import { bptt, maskFromLengths, unroll } from "../../index";

/** Largest |a − b| relative to max(1, largest |b|). */
function relDiff(a: Float64Array, b: Float64Array): number {
  assert.equal(a.length, b.length);
  let m = 0, s = 1;
  for (let i = 0; i < a.length; i++) { m = Math.max(m, Math.abs(a[i] - b[i])); s = Math.max(s, Math.abs(b[i])); }
  return m / s;
}

interface Problem { p: CellParams; x: Tensor; h0: Tensor; dOut: Tensor; dH: Tensor; mask: Tensor | null }

/** Lengths give right padding (`maskFromLengths`); a function `(t, b) → 0 | 1` gives any mask. */
type MaskSpec = number[] | ((t: number, b: number) => number) | undefined;

function makeMask(spec: MaskSpec, T: number, B: number): Tensor | null {
  if (spec === undefined) return null;
  if (Array.isArray(spec)) return maskFromLengths(spec, T);
  const d = new Float64Array(T * B);
  for (let t = 0; t < T; t++) for (let b = 0; b < B; b++) d[t * B + b] = spec(t, b);
  return new Tensor(d, [T, B]);
}

function problem(T: number, B: number, I: number, H: number, seed: number, lengths?: MaskSpec): Problem {
  const rng = new Rng(seed);
  const p = initCellParams("gru", I, H, { rng });
  for (const k of ["bias_ih", "bias_hh"] as const) p[k] = randn(p[k].shape, { rng, std: 0.5 }); // non-zero biases: b_hn matters
  return {
    p, x: randn([T, B, I], { rng }), h0: randn([B, H], { rng }), dOut: randn([T, B, H], { rng }), dH: randn([B, H], { rng }),
    mask: makeMask(lengths, T, B),
  };
}

function run(cell: RecurrentCell, q: Problem) {
  const f = unroll(cell, q.p, q.x, { h: q.h0 }, q.mask);
  const grads = zerosLikeParams(q.p);
  const b = bptt(cell, f.caches, q.dOut, { h: q.dH }, grads);
  return { f, b, grads };
}

describe("sequence-level GRU kernel (unroll/bptt): caches for the diagnostics, central differences, determinism", () => {
  // its agreement with the reference backend, case by case, is in backend/backends.test.ts
  for (const variant of ["reset-after", "classic"] as GruVariant[]) {
    it(`${variant}: gateActivations reads the kernel's caches`, () => {
      const q = problem(5, 3, 4, 6, 9, [5, 2, 4]);
      const f = unroll(gruCell(variant), q.p, q.x, { h: q.h0 }, q.mask);
      const gates = gateActivations(f.caches);
      assert.deepEqual(gates.r.shape, [5, 3, 6]);
      assert.deepEqual(gates.z.data.subarray(0, 6), (f.caches[0].cache as GruCellCache).z.subarray(0, 6));
    });

    it(`${variant}: weight_hh and bias_hh gradients through the kernel match central differences (float64)`, () => {
      const q = problem(6, 3, 3, 5, 17, [6, 4, 2]);
      const cell = gruCell(variant);
      // L = Σ dOut ∗ outputs + Σ dH ∗ h_final
      const loss = () => {
        const f = unroll(cell, q.p, q.x, { h: q.h0 }, q.mask);
        let s = 0;
        for (let k = 0; k < f.outputs.data.length; k++) s += q.dOut.data[k] * f.outputs.data[k];
        for (let k = 0; k < f.state.h.data.length; k++) s += q.dH.data[k] * f.state.h.data[k];
        return s;
      };
      const { grads } = run(cell, q);
      for (const k of ["weight_hh", "bias_hh", "weight_ih"] as const) {
        const num = numericGrad(loss, q.p[k]);
        assert.ok(relDiff(grads[k].data, num.data) < 1e-7, `${k}: max rel diff ${relDiff(grads[k].data, num.data)}`);
      }
    });
  }

  it("is deterministic: two runs give bit-identical results", () => {
    const r1 = run(gruCell(), problem(9, 3, 4, 8, 5)), r2 = run(gruCell(), problem(9, 3, 4, 8, 5));
    assert.deepEqual(r1.f.outputs.data, r2.f.outputs.data);
    assert.deepEqual(r1.b.dx.data, r2.b.dx.data);
    assert.deepEqual(r1.grads.weight_hh.data, r2.grads.weight_hh.data);
  });
});
