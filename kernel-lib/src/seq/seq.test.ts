import { strict as assert } from "node:assert";
import { Rng, Tensor, zeros } from "../tensor";
import { CellParams, CellState, RecurrentCell, gruCell, initCellParams, lstmCell, rnnCell, zerosLikeParams } from "../cells";
import { bptt, flattenTime, lastOutputs, lastOutputsBackward, maskFromLengths, truncatedBptt, unroll, unflattenTime } from "./index";
import { assertGradMatches, rand, weightedSum } from "../cells/fdcheck.test";
import { backendEnvironments } from "../index";

const T = 5, B = 3, I = 3, H = 4;
const CELLS: [string, () => RecurrentCell][] = [
  ["rnn tanh", () => rnnCell("tanh")], ["rnn relu", () => rnnCell("relu")], ["rnn sigmoid", () => rnnCell("sigmoid")],
  ["lstm", () => lstmCell()], ["gru reset-after", () => gruCell("reset-after")], ["gru classic", () => gruCell("classic")],
];

function setup(cell: RecurrentCell, seed: number) {
  const rng = new Rng(seed);
  const p = initCellParams(cell.kind, I, H, { rng, forgetBias: null });
  for (const t of Object.values(p) as Tensor[]) for (let i = 0; i < t.size; i++) t.data[i] *= 2;
  const x = rand([T, B, I], rng);
  const state0: CellState = { h: rand([B, H], rng, 0.5) };
  if (cell.stateNames.includes("c")) state0.c = rand([B, H], rng, 0.5);
  const wOut = rand([T, B, H], rng), wh = rand([B, H], rng), wc = rand([B, H], rng);
  return { p, x, state0, wOut, wh, wc };
}

/** Loss = Σ wOut ∗ outputs + Σ wh ∗ h_T (+ Σ wc ∗ c_T): every path through time carries gradient. */
function lossOf(cell: RecurrentCell, p: CellParams, x: Tensor, s0: CellState, wOut: Tensor, wh: Tensor, wc: Tensor, mask?: Tensor) {
  const r = unroll(cell, p, x, s0, mask);
  return weightedSum(r.outputs, wOut) + weightedSum(r.state.h, wh) + (r.state.c ? weightedSum(r.state.c, wc) : 0);
}

function checkBptt(cell: RecurrentCell, seed: number, mask?: Tensor): void {
  const { p, x, state0, wOut, wh, wc } = setup(cell, seed);
  const r = unroll(cell, p, x, state0, mask);
  const grads = zerosLikeParams(p);
  const hasC = cell.stateNames.includes("c");
  const back = bptt(cell, r.caches, wOut, hasC ? { h: wh, c: wc } : { h: wh }, grads);
  const loss = () => lossOf(cell, p, x, state0, wOut, wh, wc, mask);
  assertGradMatches("x", back.dx, loss, x);
  assertGradMatches("h0", back.dState0.h, loss, state0.h);
  if (hasC) assertGradMatches("c0", back.dState0.c as Tensor, loss, state0.c as Tensor);
  for (const k of ["weight_ih", "weight_hh", "bias_ih", "bias_hh"] as const) assertGradMatches(k, grads[k], loss, p[k]);
  assert.equal(back.stepNorms.h.length, T);
  assert.equal(back.stepNorms.c?.length, hasC ? T : undefined);
}

// the same tests on every backend configuration this machine has (reference, fast per native ISA, WebAssembly alone)
for (const env of backendEnvironments()) describe(`[${env.name}]`, () => {
  before(() => env.enter());
  after(() => env.exit());

describe("seq: unroll + bptt match central differences (float64, worst rel. error < 1e-6)", () => {
  CELLS.forEach(([name, make], k) => {
    it(`full BPTT through ${name}: x, state0 and every parameter`, () => checkBptt(make(), 100 + k));
  });
  CELLS.forEach(([name, make], k) => {
    it(`masked (padded) sequences through ${name}`, () => checkBptt(make(), 200 + k, maskFromLengths([5, 2, 3])));
  });
});

describe("seq: masks follow packed-sequence semantics", () => {
  it("a padded step keeps the state, outputs zeros, and the final state equals a shorter unroll's", () => {
    const cell = lstmCell();
    const { p, x, state0 } = setup(cell, 7);
    const mask = maskFromLengths([5, 2, 3]);
    const r = unroll(cell, p, x, state0, mask);
    for (let t = 2; t < T; t++) for (let j = 0; j < H; j++) assert.equal(r.outputs.get(t, 1, j), 0);
    // sequence 1 alone, 2 steps
    const x1 = new Tensor(new Float64Array(2 * I), [2, 1, I]);
    for (let t = 0; t < 2; t++) for (let i = 0; i < I; i++) x1.set(x.get(t, 1, i), t, 0, i);
    const s1 = { h: new Tensor(state0.h.data.slice(H, 2 * H), [1, H]), c: new Tensor((state0.c as Tensor).data.slice(H, 2 * H), [1, H]) };
    const r1 = unroll(cell, p, x1, s1);
    for (let j = 0; j < H; j++) {
      assert.ok(Math.abs(r.state.h.get(1, j) - r1.state.h.get(0, j)) < 1e-15);
      assert.ok(Math.abs((r.state.c as Tensor).get(1, j) - (r1.state.c as Tensor).get(0, j)) < 1e-15);
    }
    assert.deepEqual(lastOutputs(r.outputs, mask).data.subarray(H, 2 * H), r.state.h.data.subarray(H, 2 * H));
  });
  it("lastOutputsBackward puts the gradient only at each sequence's last real step", () => {
    const mask = maskFromLengths([3, 1], 4);
    const d = lastOutputsBackward(new Tensor(new Float64Array([1, 2, 3, 4]), [2, 2]), 4, mask);
    assert.deepEqual(d.toArray(), [[[0, 0], [3, 4]], [[0, 0], [0, 0]], [[1, 2], [0, 0]], [[0, 0], [0, 0]]]);
    const o = rand([4, 2, 2], new Rng(1));
    assert.deepEqual(unflattenTime(flattenTime(o), 4, 2).data, o.data);
  });
});

describe("seq: truncated BPTT", () => {
  CELLS.forEach(([name, make], k) => {
    it(`k1 = k2 = T equals full BPTT (${name})`, () => {
      const cell = make();
      const { p, x, state0, wOut } = setup(cell, 300 + k);
      const full = zerosLikeParams(p);
      const r = unroll(cell, p, x, state0);
      bptt(cell, r.caches, wOut, null, full);
      const tr = zerosLikeParams(p);
      const res = truncatedBptt(cell, p, x, (out) => ({ loss: weightedSum(out, wOut), dOutputs: wOut }), { k1: T, k2: T, grads: tr, state0 });
      assert.equal(res.updates, 1);
      for (const key of ["weight_ih", "weight_hh", "bias_ih", "bias_hh"] as const) assert.deepEqual(tr[key].data, full[key].data);
    });
  });
  it("k1 = 2, k2 ≥ T (no update in between) sums to the full-BPTT gradient; finite differences agree", () => {
    const cell = lstmCell();
    const { p, x, state0, wOut } = setup(cell, 400);
    const chunkLoss = (out: Tensor, t0: number, t1: number) => {
      const w = new Tensor(wOut.data.subarray(t0 * B * H, t1 * B * H), [t1 - t0, B, H]);
      return { loss: weightedSum(out, w), dOutputs: w };
    };
    const grads = zerosLikeParams(p);
    const seen: [number, number, number][] = [];
    truncatedBptt(cell, p, x, chunkLoss, { k1: 2, k2: T, grads, state0, onUpdate: (u) => seen.push([u.t0, u.t1, u.tBack]) });
    assert.deepEqual(seen, [[0, 2, 0], [2, 4, 0], [4, 5, 0]]);
    const loss = () => weightedSum(unroll(cell, p, x, state0).outputs, wOut);
    for (const key of ["weight_ih", "weight_hh", "bias_ih", "bias_hh"] as const) assertGradMatches(key, grads[key], loss, p[key]);
  });
  it("k1 = k2 = 2 detaches the state between chunks: equals BPTT over each chunk separately", () => {
    const cell = gruCell();
    // T = 4 so both chunks are whole (a last partial chunk would still reach k2 steps back)
    const s0 = setup(cell, 500);
    const { p, state0 } = s0;
    const T = 4;
    const x = new Tensor(s0.x.data.slice(0, T * B * I), [T, B, I]);
    const wOut = new Tensor(s0.wOut.data.slice(0, T * B * H), [T, B, H]);
    const grads = zerosLikeParams(p);
    const dxs: Tensor[] = [];
    truncatedBptt(cell, p, x, (out, t0, t1) => {
      const w = new Tensor(wOut.data.subarray(t0 * B * H, t1 * B * H), [t1 - t0, B, H]);
      return { loss: weightedSum(out, w), dOutputs: w };
    }, { k1: 2, k2: 2, grads, state0, onUpdate: (u) => dxs.push(u.dx) });
    const ref = zerosLikeParams(p);
    let s = state0;
    for (let t0 = 0; t0 < T; t0 += 2) {
      const t1 = Math.min(T, t0 + 2);
      const xs = new Tensor(x.data.slice(t0 * B * I, t1 * B * I), [t1 - t0, B, I]);
      const r = unroll(cell, p, xs, s);
      const b = bptt(cell, r.caches, new Tensor(wOut.data.slice(t0 * B * H, t1 * B * H), [t1 - t0, B, H]), null, ref);
      assert.deepEqual(dxs[t0 / 2].data, b.dx.data);
      s = r.state;
    }
    for (const key of ["weight_ih", "weight_hh", "bias_ih", "bias_hh"] as const) {
      for (let i = 0; i < ref[key].size; i++) assert.ok(Math.abs(ref[key].data[i] - grads[key].data[i]) < 1e-12);
    }
    const full = zerosLikeParams(p);
    bptt(cell, unroll(cell, p, x, state0).caches, wOut, null, full);
    assert.ok(full.weight_hh.data.some((v, i) => Math.abs(v - grads.weight_hh.data[i]) > 1e-6), "truncation should change the gradient");
  });
  it("rejects bad k1, k2", () => {
    const cell = rnnCell();
    const { p, x, wOut } = setup(cell, 1);
    assert.throws(() => truncatedBptt(cell, p, x, () => ({ loss: 0, dOutputs: wOut }), { k1: 0, k2: 2, grads: zerosLikeParams(p) }), /truncatedBptt: k1 must be a positive integer, got 0/);
  });
});

describe("seq: bad input gives clear errors", () => {
  const cell = lstmCell();
  const { p, x } = setup(cell, 9);
  it("wrong input size, empty sequence, wrong state shape", () => {
    assert.throws(() => unroll(cell, p, zeros([T, B, I + 1])), { message: `unroll: x must be [T, B, I] = [${T}, ${B}, ${I}], got [${T}, ${B}, ${I + 1}]` });
    assert.throws(() => unroll(cell, p, zeros([0, B, I])), /unroll: x is an empty sequence \(T = 0/);
    assert.throws(() => unroll(cell, p, zeros([B, I])), /unroll: x must have 3 axes \[T, B, I\], got \[3, 3\]/);
    assert.throws(() => unroll(cell, p, x, { h: zeros([B, H]) }), /unroll: state0.c must be a Tensor of shape \[B, H\]/);
    assert.throws(() => bptt(cell, [], null, null, zerosLikeParams(p)), /bptt: no cached steps \(T = 0\)/);
  });
  it("NaN / Infinity in inputs or parameters name the tensor and the time step", () => {
    const bad = x.clone();
    bad.set(NaN, 3, 1, 2);
    assert.throws(() => unroll(cell, p, bad), { message: "unroll: x holds NaN at [3, 1, 2] (time step 3)" });
    const q = { ...p, weight_hh: p.weight_hh.clone() };
    q.weight_hh.set(Infinity, 2, 1);
    assert.throws(() => unroll(cell, q, x), { message: "unroll: weight_hh holds Infinity at [2, 1]" });
  });
  it("mask shape mismatch and non-0/1 masks", () => {
    assert.throws(() => unroll(cell, p, x, null, zeros([T, B + 1])), { message: `unroll: mask must be [T, B] = [${T}, ${B}], got [${T}, ${B + 1}]` });
    const m = maskFromLengths([5, 5, 5]);
    m.set(0.5, 2, 1);
    assert.throws(() => unroll(cell, p, x, null, m), /unroll: mask must hold only 0 \(padding\) and 1 \(real step\), got 0.5 at \[2, 1\]/);
    assert.throws(() => lastStepIndices0(), /sequence 0 has no real step/);
  });
  it("one seed gives identical bytes for outputs and gradients", () => {
    const run = () => {
      const s = setup(cell, 42);
      const r = unroll(cell, s.p, s.x, s.state0);
      const g = zerosLikeParams(s.p);
      bptt(cell, r.caches, s.wOut, null, g);
      return Buffer.concat([Buffer.from(r.outputs.data.buffer), Buffer.from(g.weight_hh.data.buffer)]);
    };
    assert.ok(run().equals(run()));
  });
});

function lastStepIndices0() {
  return lastOutputs(zeros([2, 1, 1]), zeros([2, 1]));
}
});
