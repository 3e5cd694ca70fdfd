// One suite over every backend: the fast backend, on each configuration this machine has, computes what the reference
// backend (the cells' own forward/backward stepped by the one time loop) computes, for every cell, mask and batch shape; and
// under "reference" the time loop really runs the lesson's cell functions.
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import * as rl from "../index";
import {
  CellParams, CellState, GruCellCache, LstmCellCache, RecurrentCell, Rng, Tensor, backendEnvironments, bptt, getBackend, gruCell,
  initCellParams, lstmCell, lstmCellBackward, lstmCellForward, maskFromLengths, randn, rnnCell, setBackend, unroll, zerosLikeParams,
} from "../index";

/** Largest |a − b| relative to max(1, largest |b|). */
function relDiff(a: Float64Array, b: Float64Array): number {
  assert.equal(a.length, b.length);
  let m = 0, s = 1;
  for (let i = 0; i < a.length; i++) { m = Math.max(m, Math.abs(a[i] - b[i])); s = Math.max(s, Math.abs(b[i])); }
  return m / s;
}

/** A mask from lengths (right padding) or from a function `(t, b) → 0 | 1` (any padding). */
type MaskSpec = number[] | ((t: number, b: number) => number) | undefined;
function makeMask(spec: MaskSpec, T: number, B: number): Tensor | null {
  if (spec === undefined) return null;
  if (Array.isArray(spec)) return maskFromLengths(spec, T);
  const d = new Float64Array(T * B);
  for (let t = 0; t < T; t++) for (let b = 0; b < B; b++) d[t * B + b] = spec(t, b);
  return new Tensor(d, [T, B]);
}

interface Problem { cell: RecurrentCell; p: CellParams; x: Tensor; s0: CellState; dOut: Tensor; dS: CellState; mask: Tensor | null }

function problem(make: () => RecurrentCell, T: number, B: number, I: number, H: number, seed: number, spec: MaskSpec): Problem {
  const rng = new Rng(seed);
  const cell = make();
  const hasC = cell.stateNames.includes("c");
  const p = initCellParams(cell.kind, I, H, { rng });
  for (const k of ["bias_ih", "bias_hh"] as const) p[k] = randn(p[k].shape, { rng, std: 0.5 }); // non-zero biases (GRU's b_hn matters)
  const s0: CellState = hasC ? { h: randn([B, H], { rng }), c: randn([B, H], { rng }) } : { h: randn([B, H], { rng }) };
  const dOut = randn([T, B, H], { rng });
  const dS: CellState = hasC ? { h: randn([B, H], { rng }), c: randn([B, H], { rng }) } : { h: randn([B, H], { rng }) };
  return { cell, p, x: randn([T, B, I], { rng }), s0, dOut, dS, mask: makeMask(spec, T, B) };
}

function run(q: Problem) {
  const f = unroll(q.cell, q.p, q.x, q.s0, q.mask);
  const grads = zerosLikeParams(q.p);
  const b = bptt(q.cell, f.caches, q.dOut, q.dS, grads);
  return { f, b, grads };
}

/** Runs `f` under the reference backend, then restores the backend in use. */
function underReference<T>(f: () => T): T {
  const was = getBackend();
  setBackend("reference");
  try { return f(); } finally { setBackend(was); }
}

const CELLS: [string, () => RecurrentCell][] = [
  ["lstm", lstmCell], ["gru reset-after", () => gruCell("reset-after")], ["gru classic", () => gruCell("classic")],
  ["rnn tanh", () => rnnCell("tanh")], ["rnn relu", () => rnnCell("relu")], ["rnn sigmoid", () => rnnCell("sigmoid")],
];
const CASES: [string, number, number, number, number, MaskSpec][] = [
  ["batch 1, odd H (JS products)", 7, 1, 3, 5, undefined],
  ["batch 4, odd H, right padding", 6, 4, 5, 9, [6, 3, 1, 5]],
  ["batch 8, SIMD-sized products", 12, 8, 16, 32, undefined],
  ["batch 64, several chunks, right padding", 12, 64, 5, 7, Array.from({ length: 64 }, (_, b) => 1 + (b * 5) % 12)],
  // padded early, real late: a later chunk's padded rows must not see the gradients an earlier chunk left there
  ["batch 64, several chunks, left padding", 12, 64, 5, 7, (t, b) => (t >= b % 6 ? 1 : 0)],
];

for (const env of backendEnvironments().filter((e) => e.backend !== "reference")) {
  describe(`[${env.name}] computes what the reference backend computes`, () => {
    before(() => env.enter());
    after(() => env.exit());
    for (const [cellName, make] of CELLS) for (const [name, T, B, I, H, spec] of CASES) {
      it(`${cellName}, ${name}: outputs, states, caches, dx, dState0, grads and step norms agree to 1e-12`, () => {
        const q = problem(make, T, B, I, H, 3, spec);
        const hasC = q.cell.stateNames.includes("c");
        const fast = run(q), ref = underReference(() => run(q));
        assert.ok(relDiff(fast.f.outputs.data, ref.f.outputs.data) < 1e-12, "outputs");
        for (let t = 0; t < T; t++) {
          assert.ok(relDiff(fast.f.states[t].h.data, ref.f.states[t].h.data) < 1e-12, `h at step ${t}`);
          if (hasC) assert.ok(relDiff((fast.f.states[t].c as Tensor).data, (ref.f.states[t].c as Tensor).data) < 1e-12, `c at step ${t}`);
          const a = fast.f.caches[t].cache as Record<string, unknown>, b = ref.f.caches[t].cache as Record<string, unknown>;
          const fields = q.cell.kind === "lstm" ? ["gates", "tanhC"] : q.cell.kind === "gru" ? ["r", "z", "n", "hn"] : [];
          for (const k of fields) assert.ok(relDiff(a[k] as Float64Array, b[k] as Float64Array) < 1e-12, `cache ${k} at step ${t}`);
          assert.ok(relDiff((a.hPrev as Tensor).data, (b.hPrev as Tensor).data) < 1e-12, `cache hPrev at step ${t}`);
          assert.deepEqual(fast.f.caches[t].mask, ref.f.caches[t].mask);
        }
        assert.ok(relDiff(fast.b.dx.data, ref.b.dx.data) < 1e-12, "dx");
        assert.ok(relDiff(fast.b.dState0.h.data, ref.b.dState0.h.data) < 1e-12, "dState0.h");
        if (hasC) assert.ok(relDiff((fast.b.dState0.c as Tensor).data, (ref.b.dState0.c as Tensor).data) < 1e-12, "dState0.c");
        for (const k of ["weight_ih", "weight_hh", "bias_ih", "bias_hh"] as const) {
          assert.ok(relDiff(fast.grads[k].data, ref.grads[k].data) < 1e-12, k);
          assert.ok(fast.grads[k].data.some((v) => v !== 0), `${k} gradient is not all zero`);
        }
        assert.ok(relDiff(Float64Array.from(fast.b.stepNorms.h), Float64Array.from(ref.b.stepNorms.h)) < 1e-12, "step norms h");
        if (hasC) assert.ok(relDiff(Float64Array.from(fast.b.stepNorms.c as number[]), Float64Array.from(ref.b.stepNorms.c as number[])) < 1e-12, "step norms c");
        else assert.equal(fast.b.stepNorms.c, undefined);
      });
    }

    for (const [cellName, make] of CELLS) {
      it(`${cellName}: the fast kernel's caches drive the reference backward, and the reference caches the fast backward (1e-12)`, () => {
        const q = problem(make, 5, 3, 4, 6, 9, [5, 2, 4]);
        const fastF = unroll(q.cell, q.p, q.x, q.s0, q.mask);
        const refF = underReference(() => unroll(q.cell, q.p, q.x, q.s0, q.mask));
        const g = [zerosLikeParams(q.p), zerosLikeParams(q.p), zerosLikeParams(q.p)];
        const a = bptt(q.cell, fastF.caches, q.dOut, q.dS, g[0]);
        const b = underReference(() => bptt(q.cell, fastF.caches, q.dOut, q.dS, g[1]));
        const c = bptt(q.cell, refF.caches, q.dOut, q.dS, g[2]);
        for (const other of [b, c]) assert.ok(relDiff(a.dx.data, other.dx.data) < 1e-12);
        for (const k of ["weight_ih", "weight_hh", "bias_ih", "bias_hh"] as const) {
          assert.ok(relDiff(g[0][k].data, g[1][k].data) < 1e-12, k);
          assert.ok(relDiff(g[0][k].data, g[2][k].data) < 1e-12, k);
        }
      });
    }

    it("one seed gives bit-identical results run to run", () => {
      for (const [, make] of CELLS) {
        const r1 = run(problem(make, 9, 3, 4, 8, 5, [9, 4, 1])), r2 = run(problem(make, 9, 3, 4, 8, 5, [9, 4, 1]));
        assert.deepEqual(r1.f.outputs.data, r2.f.outputs.data);
        assert.deepEqual(r1.b.dx.data, r2.b.dx.data);
        assert.deepEqual(r1.grads.weight_hh.data, r2.grads.weight_hh.data);
      }
    });
  });
}

describe("the reference backend runs the lesson's cells", () => {
  it("unroll and bptt of lstmCell() under \"reference\" are lstmCellForward/lstmCellBackward stepped by hand, bit for bit", () => {
    const q = problem(lstmCell, 6, 3, 4, 5, 21, undefined);
    const { f, b, grads } = underReference(() => run(q));
    // the time loop written out: forward in order, backward in reverse, gradients accumulating
    let h = q.s0.h, c = q.s0.c as Tensor;
    const caches: LstmCellCache[] = [];
    for (let t = 0; t < 6; t++) {
      const xt = new Tensor(q.x.data.slice(t * 12, (t + 1) * 12), [3, 4]);
      const r = lstmCellForward(xt, h, c, q.p);
      assert.deepEqual(f.outputs.data.subarray(t * 15, (t + 1) * 15), r.h.data, `h at step ${t}`);
      caches.push(r.cache);
      h = r.h; c = r.c;
    }
    const g = zerosLikeParams(q.p);
    let dh = q.dS.h.data.slice(), dc = (q.dS.c as Tensor).data.slice();
    for (let t = 5; t >= 0; t--) {
      for (let k = 0; k < 15; k++) dh[k] += q.dOut.data[t * 15 + k];
      const r = lstmCellBackward(new Tensor(dh, [3, 5]), new Tensor(dc, [3, 5]), caches[t], g);
      assert.deepEqual(b.dx.data.subarray(t * 12, (t + 1) * 12), r.dx.data, `dx at step ${t}`);
      dh = r.dh.data.slice(); dc = r.dc.data.slice();
    }
    for (const k of ["weight_ih", "weight_hh", "bias_ih", "bias_hh"] as const) assert.deepEqual(grads[k].data, g[k].data, k);
    assert.deepEqual(b.dState0.h.data, dh);
    assert.ok(!(f.caches[0].cache as GruCellCache).r, "plain LstmCellCache records");
  });

  it("setBackend names the backends; fast is the default; the choice is global and reversible", () => {
    assert.equal(getBackend(), "fast");
    assert.throws(() => setBackend("gpu" as "fast"), /setBackend: name must be "reference" or "fast", got "gpu"/);
    setBackend("reference");
    assert.equal(rl.getBackend(), "reference");
    setBackend("fast");
    assert.equal(getBackend(), "fast");
  });

  it("only the package index installs fast: a process that loads submodules alone (models, seq) runs the reference kernels", function () {
    this.timeout(60000);
    const src = join(__dirname, "..");
    const probe = [
      `const b = require(${JSON.stringify(join(src, "backend"))});`,
      `const seen = [b.getBackend()];`,
      `for (const m of ["models", "seq"]) { require(${JSON.stringify(src)} + "/" + m); seen.push(b.getBackend()); }`,
      `require(${JSON.stringify(src)}); seen.push(b.getBackend());`,
      `console.log(seen.join(" "));`,
    ].join("\n");
    const r = spawnSync(process.execPath, ["--import", "tsx", "-e", probe], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), "reference reference reference fast");
  });
});
