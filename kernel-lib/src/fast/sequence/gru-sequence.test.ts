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

describe("sequence-level GRU kernel (unroll/bptt) vs the per-step reference", () => {
  const cases: [string, number, number, number, number, MaskSpec][] = [
    ["batch 1, odd H (JS products)", 7, 1, 3, 5, undefined],
    ["batch 4, odd H, with padding", 6, 4, 5, 9, [6, 3, 1, 5]],
    ["batch 8, wasm-sized products", 12, 8, 16, 32, undefined],
    ["batch 64, several chunks, with padding", 12, 64, 5, 7, Array.from({ length: 64 }, (_, b) => 1 + (b * 5) % 12)],
    // padded early, real late: a later chunk's padded rows must not see the gradients an earlier chunk left there
    ["batch 64, several chunks, left padding", 12, 64, 5, 7, (t, b) => (t >= b % 6 ? 1 : 0)],
  ];
  for (const variant of ["reset-after", "classic"] as GruVariant[]) for (const [name, T, B, I, H, lengths] of cases) {
    it(`${variant}, ${name}: outputs, states, caches, dx, dState0, grads and step norms agree to 1e-12`, () => {
      const q = problem(T, B, I, H, 3, lengths);
      const cell = gruCell(variant);
      const reference: RecurrentCell = { ...cell }; // same step functions, not the built-in object: the generic loop
      assert.equal(builtinGruVariant(cell), variant);
      assert.equal(builtinGruVariant(reference), null);
      const fast = run(cell, q), ref = run(reference, q);
      assert.ok(relDiff(fast.f.outputs.data, ref.f.outputs.data) < 1e-12, "outputs");
      assert.ok(relDiff(fast.f.state.h.data, ref.f.state.h.data) < 1e-12, "final state");
      for (let t = 0; t < T; t++) {
        assert.ok(relDiff(fast.f.states[t].h.data, ref.f.states[t].h.data) < 1e-12, `h at step ${t}`);
        const a = fast.f.caches[t].cache as GruCellCache, b = ref.f.caches[t].cache as GruCellCache;
        assert.equal(a.variant, variant);
        for (const k of ["r", "z", "n", "hn"] as const) assert.ok(relDiff(a[k], b[k]) < 1e-12, `cache ${k} at step ${t}`);
        assert.ok(relDiff(a.hPrev.data, b.hPrev.data) < 1e-12, `cache hPrev at step ${t}`);
        assert.deepEqual(fast.f.caches[t].mask, ref.f.caches[t].mask);
      }
      assert.ok(relDiff(fast.b.dx.data, ref.b.dx.data) < 1e-12, "dx");
      assert.ok(relDiff(fast.b.dState0.h.data, ref.b.dState0.h.data) < 1e-12, "dState0");
      for (const k of ["weight_ih", "weight_hh", "bias_ih", "bias_hh"] as const) {
        assert.ok(relDiff(fast.grads[k].data, ref.grads[k].data) < 1e-12, k);
        assert.ok(fast.grads[k].data.some((v) => v !== 0), `${k} gradient is not all zero`);
      }
      assert.ok(relDiff(Float64Array.from(fast.b.stepNorms.h), Float64Array.from(ref.b.stepNorms.h)) < 1e-12, "step norms");
      assert.equal(fast.b.stepNorms.c, undefined);
      if (Array.isArray(lengths)) {
        // padded outputs are zeros, and a sequence's final state is its state at its last real step
        const b = lengths.indexOf(Math.min(...lengths));
        const L = lengths[b];
        if (L < T) assert.ok(fast.f.outputs.data.subarray(((T - 1) * B + b) * H, ((T - 1) * B + b + 1) * H).every((v) => v === 0));
        assert.deepEqual(fast.f.state.h.data.subarray(b * H, (b + 1) * H), fast.f.outputs.data.subarray(((L - 1) * B + b) * H, ((L - 1) * B + b + 1) * H));
      }
    });
  }

  for (const variant of ["reset-after", "classic"] as GruVariant[]) {
    it(`${variant}: the kernel's caches also drive the generic backward, and gateActivations reads them`, () => {
      const q = problem(5, 3, 4, 6, 9, [5, 2, 4]);
      const f = unroll(gruCell(variant), q.p, q.x, { h: q.h0 }, q.mask);
      const g1 = zerosLikeParams(q.p), g2 = zerosLikeParams(q.p);
      const a = bptt(gruCell(variant), f.caches, q.dOut, null, g1);
      const b = bptt({ ...gruCell(variant) }, f.caches, q.dOut, null, g2);
      assert.ok(relDiff(a.dx.data, b.dx.data) < 1e-12);
      for (const k of ["weight_ih", "weight_hh", "bias_ih", "bias_hh"] as const) assert.ok(relDiff(g1[k].data, g2[k].data) < 1e-12, k);
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
