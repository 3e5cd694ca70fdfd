import { strict as assert } from "node:assert";
import { Rng, Tensor } from "../tensor";
import { CellParams, CellState, RecurrentCell, gruCell, initCellParams, lstmCell, rnnCell, zerosLikeParams } from "../cells";
import { bptt, checkpointedBptt, maskFromLengths, unroll } from "./index";
import { assertGradMatches, rand, weightedSum } from "../cells/fdcheck.test";
import { GRU, LSTM, RNN } from "../layers";
import { backendEnvironments } from "../index";

const CELLS: [string, () => RecurrentCell][] = [
  ["rnn tanh", () => rnnCell("tanh")], ["lstm", () => lstmCell()],
  ["gru reset-after", () => gruCell("reset-after")], ["gru classic", () => gruCell("classic")],
];

function setup(cell: RecurrentCell, seed: number, T: number, B: number, I: number, H: number) {
  const rng = new Rng(seed);
  const p = initCellParams(cell.kind, I, H, { rng });
  const x = rand([T, B, I], rng);
  const state0: CellState = { h: rand([B, H], rng, 0.5) };
  if (cell.stateNames.includes("c")) state0.c = rand([B, H], rng, 0.5);
  const wOut = rand([T, B, H], rng), wh = rand([B, H], rng), wc = rand([B, H], rng);
  return { p, x, state0, wOut, wh, wc };
}

/** Largest |a − b| / (1 + |b|) over two equally long arrays. */
function relDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / (1 + Math.abs(b[i])));
  return worst;
}

/** Loss Σ wOut ∗ outputs + Σ wh ∗ h_T (+ Σ wc ∗ c_T) both ways: one unroll + bptt, and checkpointedBptt with segments of `every`. */
function both(cell: RecurrentCell, seed: number, T: number, B: number, every: number | undefined, mask?: Tensor) {
  const I = 3, H = 5;
  const { p, x, state0, wOut, wh, wc } = setup(cell, seed, T, B, I, H);
  const hasC = cell.stateNames.includes("c");
  const full = unroll(cell, p, x, state0, mask);
  const gFull = zerosLikeParams(p);
  const bFull = bptt(cell, full.caches, wOut, hasC ? { h: wh, c: wc } : { h: wh }, gFull);
  const gCk = zerosLikeParams(p);
  const ck = checkpointedBptt(cell, p, x, (out, st) => ({
    loss: weightedSum(out, wOut) + weightedSum(st.h, wh) + (st.c ? weightedSum(st.c, wc) : 0),
    dOutputs: wOut, dState: hasC ? { h: wh, c: wc } : { h: wh },
  }), { grads: gCk, every, state0, mask });
  return { p, x, state0, wOut, wh, wc, full, bFull, gFull, ck, gCk, hasC };
}

// the same tests on every backend configuration this machine has (reference, fast per native ISA, WebAssembly alone)
for (const env of backendEnvironments()) describe(`[${env.name}]`, () => {
  before(() => env.enter());
  after(() => env.exit());

describe("seq: checkpointedBptt (gradient checkpointing) gives the full-BPTT gradient", () => {
  for (const [name, make] of CELLS) {
    for (const [T, every] of [[7, 3], [9, 1], [6, 6], [10, undefined], [5, 50]] as const) {
      it(`${name}, T=${T}, segments of ${every ?? "⌈√T⌉"}: outputs, state, dx, dState0, every gradient and step norm agree to 1e-12`, () => {
        const mask = T === 7 ? maskFromLengths([7, 2, 4]) : undefined;
        const r = both(make(), 11 + T, T, 3, every, mask);
        assert.equal(r.ck.every, every ?? Math.ceil(Math.sqrt(T)));
        assert.equal(r.ck.segments, Math.ceil(T / r.ck.every));
        assert.ok(relDiff(r.ck.outputs.data, r.full.outputs.data) < 1e-12, "outputs");
        assert.ok(relDiff(r.ck.state.h.data, r.full.state.h.data) < 1e-12, "final h");
        assert.ok(relDiff(r.ck.dx.data, r.bFull.dx.data) < 1e-12, "dx");
        assert.ok(relDiff(r.ck.dState0.h.data, r.bFull.dState0.h.data) < 1e-12, "dState0.h");
        if (r.hasC) assert.ok(relDiff((r.ck.dState0.c as Tensor).data, (r.bFull.dState0.c as Tensor).data) < 1e-12, "dState0.c");
        for (const k of ["weight_ih", "weight_hh", "bias_ih", "bias_hh"] as const) {
          const d = relDiff(r.gCk[k].data, r.gFull[k].data);
          assert.ok(d < 1e-12, `${k}: ${d}`);
          assert.ok(r.gCk[k].data.some((v) => v !== 0), `${k} received a gradient`);
        }
        assert.ok(relDiff(r.ck.stepNorms.h, r.bFull.stepNorms.h) < 1e-12, "step norms h");
        if (r.hasC) assert.ok(relDiff(r.ck.stepNorms.c as number[], r.bFull.stepNorms.c as number[]) < 1e-12, "step norms c");
      });
    }
  }

  it("matches central differences (float64) for x, state0 and every LSTM parameter, masked, segments of 2", () => {
    const cell = lstmCell();
    const mask = maskFromLengths([5, 3]);
    const T = 5, B = 2, I = 3, H = 4;
    const { p, x, state0, wOut, wh, wc } = setup(cell, 3, T, B, I, H);
    const grads = zerosLikeParams(p);
    const lossFn = (out: Tensor, st: CellState) => ({
      loss: weightedSum(out, wOut) + weightedSum(st.h, wh) + weightedSum(st.c as Tensor, wc), dOutputs: wOut, dState: { h: wh, c: wc },
    });
    const r = checkpointedBptt(cell, p, x, lossFn, { grads, every: 2, state0, mask });
    const loss = () => checkpointedBptt(cell, p, x, lossFn, { grads: zerosLikeParams(p), every: 2, state0, mask }).loss;
    assertGradMatches("x", r.dx, loss, x);
    assertGradMatches("h0", r.dState0.h, loss, state0.h);
    assertGradMatches("c0", r.dState0.c as Tensor, loss, state0.c as Tensor);
    for (const k of ["weight_ih", "weight_hh", "bias_ih", "bias_hh"] as const) assertGradMatches(k, grads[k], loss, (p as CellParams)[k]);
  });

  it("a loss on the final state only (dOutputs null) and gradients ADDED into grads", () => {
    const cell = gruCell("reset-after");
    const r1 = both(cell, 4, 8, 2, 3);
    const before = r1.gCk.weight_hh.data.slice();
    checkpointedBptt(cell, r1.p, r1.x, (_o, st) => ({ loss: weightedSum(st.h, r1.wh), dState: { h: r1.wh } }), { grads: r1.gCk, every: 3, state0: r1.state0 });
    const gOnly = zerosLikeParams(r1.p);
    const full = unroll(cell, r1.p, r1.x, r1.state0);
    bptt(cell, full.caches, null, { h: r1.wh }, gOnly);
    const sum = before.map((v, i) => v + gOnly.weight_hh.data[i]);
    assert.ok(relDiff(r1.gCk.weight_hh.data, sum) < 1e-12);
  });

  it("names the function and the shapes on bad input", () => {
    const cell = lstmCell();
    const { p, x } = setup(cell, 5, 4, 2, 3, 5);
    const grads = zerosLikeParams(p);
    assert.throws(() => checkpointedBptt(cell, p, x, () => ({ loss: 0 }), { grads, every: 0 }), /checkpointedBptt: every must be a positive integer.*got 0/);
    assert.throws(() => checkpointedBptt(cell, p, x, () => ({ loss: 0 }), { grads, every: 1.5 }), /checkpointedBptt: every/);
    assert.throws(() => checkpointedBptt(cell, p, x, () => ({ loss: 0, dOutputs: new Tensor(new Float64Array(30), [3, 2, 5]) }), { grads }),
      /checkpointedBptt.*dOutputs.*\[4, 2, 5\].*\[3, 2, 5\]/);
    assert.throws(() => checkpointedBptt(cell, p, new Tensor(new Float64Array(8), [4, 2, 1]), () => ({ loss: 0 }), { grads }), /checkpointedBptt/);
    // a NaN in the gradient is named at its step of the whole sequence, not of the segment that reaches it
    const bad = new Tensor(new Float64Array(40), [4, 2, 5]);
    bad.data[3 * 10 + 2] = NaN;
    assert.throws(() => checkpointedBptt(cell, p, x, () => ({ loss: 0, dOutputs: bad }), { grads, every: 2 }),
      /checkpointedBptt: dOutputs holds NaN at \[3, 0, 2\] \(time step 3\)/);
  });

  for (const [name, make] of [
    ["LSTM", (k: number | null) => new LSTM({ inputSize: 3, hiddenSize: 4, rng: new Rng(21), checkpointEvery: k })],
    ["GRU", (k: number | null) => new GRU({ inputSize: 3, hiddenSize: 4, rng: new Rng(21), checkpointEvery: k })],
    ["RNN", (k: number | null) => new RNN({ inputSize: 3, hiddenSize: 4, rng: new Rng(21), checkpointEvery: k })],
  ] as const) {
    it(`${name} layer with checkpointEvery: the same outputs and gradients as without, masked, twice in a row`, () => {
      const T = 9, B = 3;
      const rng = new Rng(22);
      const x = rand([T, B, 3], rng), w = rand([T, B, 4], rng), wh = rand([B, 4], rng);
      const mask = maskFromLengths([9, 4, 6]);
      const plain = make(null), ck = make(4);
      for (let rep = 0; rep < 2; rep++) {
        const a = plain.forward(x, null, mask), b = ck.forward(x, null, mask);
        assert.ok(relDiff(b.outputs.data, a.outputs.data) < 1e-12);
        assert.ok(relDiff(b.state.h.data, a.state.h.data) < 1e-12);
        const ga = plain.backward(w, { h: wh }), gb = ck.backward(w, { h: wh });
        assert.ok(relDiff(gb.dx.data, ga.dx.data) < 1e-12, "dx");
        assert.ok(relDiff(gb.stepNorms.h, ga.stepNorms.h) < 1e-12, "step norms");
        for (const p of Object.keys(plain.grads)) assert.ok(relDiff(ck.grads[p].data, plain.grads[p].data) < 1e-12, p);
      }
      assert.throws(() => ck.forward(x).states, new RegExp(`${name}.forward: states of every step are not kept with checkpointEvery = 4`));
      ck.checkpointEvery = 0;
      assert.throws(() => ck.forward(x), new RegExp(`${name}.forward: checkpointEvery must be a positive integer or null, got 0`));
      ck.checkpointEvery = null;
      assert.equal(ck.forward(x).states.length, T);
    });
  }
});
});
