// The homework helpers' references: rnnlab's cells mapped to the "columns are examples" layout agree with the homework's equations written out, and their gradients with central differences.
import { strict as assert } from "node:assert";
import { Tensor, seed, randn, concat, add, mul, sub, matmul, sigmoid, tanh, allClose, zerosLike } from "../tensor";
import { numericGrad } from "../diagnostics/numeric-grad";
import { randomLstmParams, lstmReferenceForward, lstmReferenceBackward, lstmStepLoss } from "./lstm";
import { randomGruParams, gruReferenceForward, gruReferenceBackward, gruReferenceCache, gruSequenceLoss, gruStateAt, GRU_PARAM_NAMES } from "./gru";

const close = (name: string, a: Tensor, b: Tensor, rtol = 1e-6, atol = 1e-8) =>
  assert.ok(allClose(a, b, rtol, atol), `${name}: ${Array.from(a.data).slice(0, 4)} vs ${Array.from(b.data).slice(0, 4)}`);

describe("rl.hw LSTM reference (homework 2's layout)", () => {
  it("lstmReferenceForward computes f, i, c̃, o, c_t = f ∗ c_prev + i ∗ c̃, a_t = o ∗ tanh(c_t) with W [n_a, n_a + n_x] on [a_prev; x_t]", () => {
    seed(1);
    const p = randomLstmParams(3, 2), xt = randn([3, 4]), aPrev = randn([2, 4]), cPrev = randn([2, 4]);
    const z = concat([aPrev, xt], 0);
    const f = sigmoid(add(matmul(p.Wf, z), p.bf)), i = sigmoid(add(matmul(p.Wi, z), p.bi));
    const cc = tanh(add(matmul(p.Wc, z), p.bc)), o = sigmoid(add(matmul(p.Wo, z), p.bo));
    const c = add(mul(f, cPrev), mul(i, cc)), a = mul(o, tanh(c));
    const r = lstmReferenceForward(xt, aPrev, cPrev, p);
    close("c_next", r.cNext, c); close("a_next", r.aNext, a);
    close("cache.ft", r.cache.ft, f); close("cache.it", r.cache.it, i); close("cache.cct", r.cache.cct, cc); close("cache.ot", r.cache.ot, o);
  });
  it("lstmReferenceBackward's parameter, input and per-example gate gradients equal central differences of lstmStepLoss", () => {
    seed(2);
    const p = randomLstmParams(3, 2), xt = randn([3, 3]), aPrev = randn([2, 3]), cPrev = randn([2, 3]), G = randn([2, 3]), Gc = randn([2, 3]);
    const g = lstmReferenceBackward(G, Gc, xt, aPrev, cPrev, p);
    const L = () => lstmStepLoss(xt, aPrev, cPrev, p, G, Gc);
    for (const k of ["Wf", "bf", "Wi", "bi", "Wc", "bc", "Wo", "bo"] as const) close(`d${k}`, (g as unknown as Record<string, Tensor>)["d" + k]!, numericGrad(L, p[k]), 1e-5, 1e-7);
    close("daPrev", g.daPrev, numericGrad(L, aPrev), 1e-5, 1e-7);
    close("dcPrev", g.dcPrev, numericGrad(L, cPrev), 1e-5, 1e-7);
    close("dxt", g.dxt, numericGrad(L, xt), 1e-5, 1e-7);
    // one example: dz_o is the gradient of b_o
    const col = (t: Tensor) => new Tensor(Float64Array.from([t.get(0, 1), t.get(1, 1)]), [2, 1]);
    const x1 = new Tensor(Float64Array.from([xt.get(0, 1), xt.get(1, 1), xt.get(2, 1)]), [3, 1]);
    const L1 = () => lstmStepLoss(x1, col(aPrev), col(cPrev), p, col(G), col(Gc));
    close("dzo of example 1", col(g.dzo), numericGrad(L1, p.bo), 1e-5, 1e-7);
  });
});

describe("rl.hw GRU reference (homework 3's layout)", () => {
  it("gruReferenceForward computes u, r, ã = tanh(W_c [r ∗ a_prev; x_t] + b_c), a_t = (1 − u) ∗ a_prev + u ∗ ã", () => {
    seed(3);
    const p = randomGruParams(3, 2), xt = randn([3, 4]), aPrev = randn([2, 4]);
    const z = concat([aPrev, xt], 0);
    const u = sigmoid(add(matmul(p.Wu, z), p.bu)), r = sigmoid(add(matmul(p.Wr, z), p.br));
    const cand = tanh(add(matmul(p.Wc, concat([mul(r, aPrev), xt], 0)), p.bc));
    const a = add(mul(sub(1, u), aPrev), mul(u, cand));
    close("a_next", gruReferenceForward(xt, aPrev, p), a);
    const c = gruReferenceCache(xt, aPrev, p);
    close("cache.ut", c.ut, u); close("cache.rt", c.rt, r); close("cache.cct", c.cct, cand);
  });
  it("gruReferenceBackward equals central differences of the one-step gruSequenceLoss", () => {
    seed(4);
    const p = randomGruParams(2, 3), xt = randn([2, 2]), aPrev = randn([3, 2]), G = randn([3, 2]);
    const g = gruReferenceBackward(G, xt, aPrev, p);
    const L = () => gruSequenceLoss([xt], aPrev, p, [G], 0, 1);
    for (const k of GRU_PARAM_NAMES) close(`d${k}`, g.grads[`d${k}`], numericGrad(L, p[k]), 1e-5, 1e-7);
    close("daPrev", g.daPrev, numericGrad(L, aPrev), 1e-5, 1e-7);
    close("dxt", g.dxt, numericGrad(L, xt), 1e-5, 1e-7);
  });
  it("gruStateAt is the plain forward state; gruSequenceLoss counts only steps from lossFrom on", () => {
    seed(5);
    const p = randomGruParams(2, 3), xs = Array.from({ length: 7 }, () => randn([2, 2])), a0 = randn([3, 2]), das = xs.map(() => randn([3, 2]));
    let a = a0;
    for (let t = 0; t < 4; t++) a = gruReferenceForward(xs[t]!, a, p);
    close("a_4", gruStateAt(xs, a0, p, 4), a);
    assert.equal(gruStateAt(xs, a0, p, 0), a0);
    const a5 = gruReferenceForward(xs[4]!, a, p), a6 = gruReferenceForward(xs[5]!, a5, p), a7 = gruReferenceForward(xs[6]!, a6, p);
    const lastOnly = gruSequenceLoss(xs, a, p, das, 4, 7, 6);
    assert.ok(Math.abs(lastOnly - Array.from(mul(a7, das[6]!).data).reduce((u, v) => u + v, 0)) < 1e-12);
  });
});
