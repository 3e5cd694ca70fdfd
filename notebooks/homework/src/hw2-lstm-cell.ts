// %% [markdown]
// # Homework 2: the LSTM cell, forward and backward
//
// You implement, with `rnnlab` tensor ops only (`rl.matmul`, `rl.matmulTB`, `rl.matmulTA`, `rl.concat`, `rl.slice`, `rl.add`, `rl.mul`, `rl.sigmoid`, `rl.tanh`, `rl.sum`, …):
// 1. `lstmCellForward`: one step of the LSTM (4 points)
// 2. `lstmForward`: the loop over a sequence (2 points)
// 3. `lstmCellBackward`: the gradients of the gates' pre-activations (4 points) and of the parameters and inputs (4 points)
//
// With the concatenation $[a_{t-1}; x_t]$ (a_prev on top of x_t, `[n_a + n_x, m]`), one step is
// $$\begin{aligned}
// f_t &= \sigma(W_f [a_{t-1}; x_t] + b_f) && \text{forget gate} \\
// i_t &= \sigma(W_i [a_{t-1}; x_t] + b_i) && \text{input (update) gate} \\
// \tilde c_t &= \tanh(W_c [a_{t-1}; x_t] + b_c) && \text{candidate} \\
// o_t &= \sigma(W_o [a_{t-1}; x_t] + b_o) && \text{output gate} \\
// c_t &= f_t \ast c_{t-1} + i_t \ast \tilde c_t \\
// a_t &= o_t \ast \tanh(c_t)
// \end{aligned}$$
// ($\ast$ is the element-wise product.)
//
// **Layout (the "RNN step by step" one, columns are examples):** $x_t$ is `[n_x, m]`, $a_t$ and $c_t$ are `[n_a, m]`,
// each $W$ is `[n_a, n_a + n_x]` (its first $n_a$ columns multiply $a_{t-1}$, the last $n_x$ multiply $x_t$), each $b$ is `[n_a, 1]`.
// rnnlab's own `rl.lstmCellForward` uses PyTorch's row layout (`x [m, n_x]`, gate blocks i, f, g, o stacked in `weight_ih [4n_a, n_x]`
// and `weight_hh [4n_a, n_a]`); the tests map your parameters to it (`toTorch` below) and compare.
//
// Write your code between `// YOUR CODE HERE` and the end of each function; do not rename functions or edit the test cells.
// Run `npx rnnlab validate hw2-lstm-cell-student.ipynb` before you submit.

// %%
import * as rl from "rnnlab";
const check = rl.check;

/** The parameters of the cell: W* are [n_a, n_a + n_x], b* are [n_a, 1]. */
interface LstmParams { Wf: rl.Tensor; bf: rl.Tensor; Wi: rl.Tensor; bi: rl.Tensor; Wc: rl.Tensor; bc: rl.Tensor; Wo: rl.Tensor; bo: rl.Tensor }
/** What the forward step keeps for the backward step (every field [n_a, m], but xt [n_x, m]). */
interface LstmCache { aNext: rl.Tensor; cNext: rl.Tensor; aPrev: rl.Tensor; cPrev: rl.Tensor; ft: rl.Tensor; it: rl.Tensor; cct: rl.Tensor; ot: rl.Tensor; xt: rl.Tensor; p: LstmParams }
/** The gradients of the parameters. */
interface LstmGrads { dWf: rl.Tensor; dbf: rl.Tensor; dWi: rl.Tensor; dbi: rl.Tensor; dWc: rl.Tensor; dbc: rl.Tensor; dWo: rl.Tensor; dbo: rl.Tensor }
/** The gradients of the gates' pre-activations, e.g. dzf = ∂L/∂(W_f [a_prev; x_t] + b_f), each [n_a, m]. */
interface LstmGateGrads { dzf: rl.Tensor; dzi: rl.Tensor; dzc: rl.Tensor; dzo: rl.Tensor }
/** Everything `lstmCellBackward` returns. */
type LstmStepGrads = LstmGrads & LstmGateGrads & { dxt: rl.Tensor; daPrev: rl.Tensor; dcPrev: rl.Tensor };

const GATES = ["i", "f", "c", "o"] as const; // PyTorch's block order i, f, g (= c̃), o
const W = (p: LstmParams, g: string): rl.Tensor => (p as unknown as Record<string, rl.Tensor>)["W" + g];
const b = (p: LstmParams, g: string): rl.Tensor => (p as unknown as Record<string, rl.Tensor>)["b" + g];

/** Random parameters for tests. */
function randomParams(n_x: number, n_a: number): LstmParams {
  const w = () => rl.randn([n_a, n_a + n_x]), v = () => rl.randn([n_a, 1]);
  return { Wf: w(), bf: v(), Wi: w(), bi: v(), Wc: w(), bc: v(), Wo: w(), bo: v() };
}
/** All-zero parameters (override some fields to isolate one term). */
function zeroParams(n_x: number, n_a: number): LstmParams {
  const w = () => rl.zeros([n_a, n_a + n_x]), v = () => rl.zeros([n_a, 1]);
  return { Wf: w(), bf: v(), Wi: w(), bi: v(), Wc: w(), bc: v(), Wo: w(), bo: v() };
}
/** The homework's parameters in PyTorch's layout: blocks i, f, g, o; W = [W_hh | W_ih] by columns; b_ih = b, b_hh = 0. */
function toTorch(p: LstmParams): rl.CellParams {
  const n_a = p.Wf.shape[0];
  return {
    weight_ih: rl.concat(GATES.map((g) => rl.slice(W(p, g), 1, n_a)), 0),
    weight_hh: rl.concat(GATES.map((g) => rl.slice(W(p, g), 1, 0, n_a)), 0),
    bias_ih: rl.concat(GATES.map((g) => b(p, g)), 0).reshape([4 * n_a]),
    bias_hh: rl.zeros([4 * n_a]),
  };
}
/** rnnlab's LSTM step on the homework's layout: the reference the tests compare with. */
function refForward(xt: rl.Tensor, aPrev: rl.Tensor, cPrev: rl.Tensor, p: LstmParams) {
  const r = rl.lstmCellForward(rl.transpose(xt), rl.transpose(aPrev), rl.transpose(cPrev), toTorch(p));
  return { aNext: rl.transpose(r.h), cNext: rl.transpose(r.c) };
}
/** A correct cache built from rnnlab's forward step: the backward tests use it, so a bug in your forward does not fail them too. */
function refCache(xt: rl.Tensor, aPrev: rl.Tensor, cPrev: rl.Tensor, p: LstmParams): LstmCache {
  const r = rl.lstmCellForward(rl.transpose(xt), rl.transpose(aPrev), rl.transpose(cPrev), toTorch(p));
  const n_a = aPrev.shape[0], gates = new rl.Tensor(r.cache.gates, [xt.shape[1], 4 * n_a]); // activated i, f, g, o by columns
  const gate = (k: number) => rl.transpose(rl.slice(gates, 1, k * n_a, (k + 1) * n_a));
  return { aNext: rl.transpose(r.h), cNext: rl.transpose(r.c), aPrev, cPrev, it: gate(0), ft: gate(1), cct: gate(2), ot: gate(3), xt, p };
}
/** rnnlab's LSTM backward on the homework's layout, for one example (column) or several. */
function refBackwardBatch(daNext: rl.Tensor, dcNext: rl.Tensor, xt: rl.Tensor, aPrev: rl.Tensor, cPrev: rl.Tensor, p: LstmParams) {
  const n_a = aPrev.shape[0], tp = toTorch(p), tg = rl.zerosLikeParams(tp);
  const f = rl.lstmCellForward(rl.transpose(xt), rl.transpose(aPrev), rl.transpose(cPrev), tp);
  const r = rl.lstmCellBackward(rl.transpose(daNext), rl.transpose(dcNext), f.cache, tg);
  const grads: Record<string, rl.Tensor> = {};
  GATES.forEach((g, k) => {
    const rows = (t: rl.Tensor) => rl.slice(t, 0, k * n_a, (k + 1) * n_a);
    grads["dW" + g] = rl.concat([rows(tg.weight_hh), rows(tg.weight_ih)], 1);
    grads["db" + g] = rows(tg.bias_ih).reshape([n_a, 1]); // bias_hh gets the same gradient: b = b_ih here
  });
  return { grads, dxt: rl.transpose(r.dx), daPrev: rl.transpose(r.dh), dcPrev: rl.transpose(r.dc) };
}
/** The reference gradients: parameters, inputs and (one example at a time, as the bias gradient of that example) the gates' pre-activations. */
function refBackward(daNext: rl.Tensor, dcNext: rl.Tensor, xt: rl.Tensor, aPrev: rl.Tensor, cPrev: rl.Tensor, p: LstmParams): LstmStepGrads {
  const all = refBackwardBatch(daNext, dcNext, xt, aPrev, cPrev, p);
  const col = (t: rl.Tensor, j: number) => rl.slice(t, 1, j, j + 1);
  const perExample = Array.from({ length: xt.shape[1] }, (_, j) =>
    refBackwardBatch(col(daNext, j), col(dcNext, j), col(xt, j), col(aPrev, j), col(cPrev, j), p).grads);
  const dz = (g: string) => rl.concat(perExample.map((e) => e["db" + g]), 1);
  return {
    ...(all.grads as unknown as LstmGrads), dxt: all.dxt, daPrev: all.daPrev, dcPrev: all.dcPrev,
    dzf: dz("f"), dzi: dz("i"), dzc: dz("c"), dzo: dz("o"),
  };
}
/** A random step for the backward tests: inputs, parameters, upstream gradients, a correct cache and the reference gradients. */
function backwardCase(n_x: number, n_a: number, m: number) {
  const xt = rl.randn([n_x, m]), aPrev = rl.randn([n_a, m]), cPrev = rl.randn([n_a, m]), p = randomParams(n_x, n_a);
  const G = rl.randn([n_a, m]), Gc = rl.randn([n_a, m]);
  return { xt, aPrev, cPrev, p, G, Gc, cache: refCache(xt, aPrev, cPrev, p), ref: refBackward(G, Gc, xt, aPrev, cPrev, p) };
}

// %% [markdown]
// ## 1. One step forward
// Implement the six equations above. Return `aNext`, `cNext` and the cache `{aNext, cNext, aPrev, cPrev, ft, it, cct, ot, xt, p}`
// (`cct` is the candidate $\tilde c_t$). Hint: `rl.concat([aPrev, xt], 0)` stacks $a_{t-1}$ on top of $x_t$; `rl.add` broadcasts a `[n_a, 1]` bias over the columns.

// %% {"nbgrader": {"grade": false, "grade_id": "lstm-cell-forward", "solution": true}}
function lstmCellForward(xt: rl.Tensor, aPrev: rl.Tensor, cPrev: rl.Tensor, p: LstmParams): { aNext: rl.Tensor; cNext: rl.Tensor; cache: LstmCache } {
  // BEGIN SOLUTION
  const concat = rl.concat([aPrev, xt], 0);
  const ft = rl.sigmoid(rl.add(rl.matmul(p.Wf, concat), p.bf));
  const it = rl.sigmoid(rl.add(rl.matmul(p.Wi, concat), p.bi));
  const cct = rl.tanh(rl.add(rl.matmul(p.Wc, concat), p.bc));
  const ot = rl.sigmoid(rl.add(rl.matmul(p.Wo, concat), p.bo));
  const cNext = rl.add(rl.mul(ft, cPrev), rl.mul(it, cct));
  const aNext = rl.mul(ot, rl.tanh(cNext));
  return { aNext, cNext, cache: { aNext, cNext, aPrev, cPrev, ft, it, cct, ot, xt, p } };
  // END SOLUTION
}

// %% {"nbgrader": {"grade": true, "grade_id": "test-lstm-cell-forward", "points": 4, "solution": false}}
{
  rl.seed(1);
  const n_x = 3, n_a = 2, m = 4;
  const xt = rl.randn([n_x, m]), aPrev = rl.randn([n_a, m]), cPrev = rl.randn([n_a, m]);
  const p = randomParams(n_x, n_a), Z = zeroParams(n_x, n_a);
  const full = lstmCellForward(xt, aPrev, cPrev, p), ref = refForward(xt, aPrev, cPrev, p);
  check.shape("a_next", full.aNext, [n_a, m], "a_next must be [n_a, m]");
  check.shape("c_next", full.cNext, [n_a, m], "c_next must be [n_a, m]");
  // only the biases are non-zero: every gate is σ(b) (or tanh(b_c)) in every column
  const onlyB = lstmCellForward(xt, aPrev, cPrev, { ...Z, bf: p.bf, bi: p.bi, bc: p.bc, bo: p.bo }).cache;
  const cols = (v: rl.Tensor) => rl.add(rl.zeros([n_a, m]), v);
  check.close("cache.ft when only the biases are non-zero", onlyB.ft, cols(rl.sigmoid(p.bf)), "check the forget gate f = σ(W_f [a_prev; x_t] + b_f): b_f [n_a, 1] is added to every column");
  check.close("cache.it when only the biases are non-zero", onlyB.it, cols(rl.sigmoid(p.bi)), "check the input gate i = σ(W_i [a_prev; x_t] + b_i)");
  check.close("cache.cct when only the biases are non-zero", onlyB.cct, cols(rl.tanh(p.bc)), "check the candidate c̃ = tanh(W_c [a_prev; x_t] + b_c): tanh, not σ");
  check.close("cache.ot when only the biases are non-zero", onlyB.ot, cols(rl.sigmoid(p.bo)), "check the output gate o = σ(W_o [a_prev; x_t] + b_o)");
  // gates saturated by large biases, all weights zero
  const big = (v: number) => rl.full([n_a, 1], v);
  const forgetOnly = { ...Z, bf: big(30), bi: big(-30), bo: big(30) };
  const r1 = lstmCellForward(xt, aPrev, cPrev, forgetOnly), e1 = refForward(xt, aPrev, cPrev, forgetOnly);
  check.close("c_next when only the forget gate is open", r1.cNext, e1.cNext, "check f ∗ c_prev: with f = 1 and i = 0 the cell state passes through unchanged");
  check.close("a_next when only the forget and output gates are open", r1.aNext, e1.aNext, "check a_next = o ∗ tanh(c_next): tanh of the NEW cell state");
  const inputOnly = { ...Z, bf: big(-30), bi: big(30), bc: p.bc, bo: big(30) };
  check.close("c_next when only the input gate is open", lstmCellForward(xt, aPrev, cPrev, inputOnly).cNext, refForward(xt, aPrev, cPrev, inputOnly).cNext,
    "check i ∗ c̃: with f = 0 and i = 1, c_next is the candidate tanh(b_c)");
  const outputShut = { ...p, bo: big(-30) };
  check.close("a_next when the output gate is shut", lstmCellForward(xt, aPrev, cPrev, outputShut).aNext, refForward(xt, aPrev, cPrev, outputShut).aNext,
    "check a_next = o ∗ tanh(c_next): with o = 0, a_next is 0");
  // which columns of W multiply what
  const x0 = rl.zeros([n_x, m]), a0 = rl.zeros([n_a, m]);
  check.close("a_next with zero input x_t", lstmCellForward(x0, aPrev, cPrev, p).aNext, refForward(x0, aPrev, cPrev, p).aNext,
    "if the single-gate cases above pass, check the order of the concatenation [a_prev; x_t]: the first n_a columns of each W multiply a_prev");
  check.close("a_next with zero a_prev and c_prev", lstmCellForward(xt, a0, a0, p).aNext, refForward(xt, a0, a0, p).aNext,
    "check the input term: the last n_x columns of each W multiply x_t");
  check.close("c_next with every term", full.cNext, ref.cNext, "c_next = f ∗ c_prev + i ∗ c̃");
  check.close("a_next with every term", full.aNext, ref.aNext, "a_next = o ∗ tanh(c_next)");
  // BEGIN HIDDEN TESTS
  rl.seed(101);
  const q = randomParams(5, 3), x2 = rl.randn([5, 2]), a2 = rl.randn([3, 2]), c2 = rl.randn([3, 2]);
  const h2 = lstmCellForward(x2, a2, c2, q), e2 = refForward(x2, a2, c2, q);
  check.close("c_next on a hidden batch (n_x = 5, n_a = 3, m = 2)", h2.cNext, e2.cNext);
  check.close("a_next on a hidden batch (n_x = 5, n_a = 3, m = 2)", h2.aNext, e2.aNext);
  // END HIDDEN TESTS
}

// %% [markdown]
// ## 2. Forward over a sequence
// `lstmForward(xs, a0, p)` runs the cell over `xs` (a list of `[n_x, m]`, one per step) from $a_0$ and $c_0 = 0$,
// and returns every `a_t`, every `c_t` and every cache.

// %% {"nbgrader": {"grade": false, "grade_id": "lstm-forward", "solution": true}}
function lstmForward(xs: rl.Tensor[], a0: rl.Tensor, p: LstmParams): { as: rl.Tensor[]; cs: rl.Tensor[]; caches: LstmCache[] } {
  // BEGIN SOLUTION
  const as: rl.Tensor[] = [], cs: rl.Tensor[] = [], caches: LstmCache[] = [];
  let a = a0, c = rl.zerosLike(a0);
  for (const xt of xs) {
    const r = lstmCellForward(xt, a, c, p);
    a = r.aNext; c = r.cNext;
    as.push(a); cs.push(c); caches.push(r.cache);
  }
  return { as, cs, caches };
  // END SOLUTION
}

// %% {"nbgrader": {"grade": true, "grade_id": "test-lstm-forward", "points": 2, "solution": false}}
{
  rl.seed(3);
  const n_x = 3, n_a = 2, m = 2, T = 4;
  const xs = Array.from({ length: T }, () => rl.randn([n_x, m])), a0 = rl.randn([n_a, m]), p = randomParams(n_x, n_a);
  const f = lstmForward(xs, a0, p);
  check.equal("number of steps", f.as.length, T, "lstmForward returns one a_t per input step");
  check.equal("number of cell states", f.cs.length, T, "lstmForward returns one c_t per input step");
  const first = refForward(xs[0], a0, rl.zeros([n_a, m]), p);
  check.close("c_1 (the first cell state)", f.cs[0], first.cNext, "the first step starts from a0 and c0 = zeros([n_a, m])");
  let a = a0, c = rl.zeros([n_a, m]);
  for (let t = 0; t < T; t++) ({ aNext: a, cNext: c } = refForward(xs[t], a, c, p));
  check.close("c_T (the last cell state)", f.cs[T - 1], c, "each step starts from the previous step's a_t AND c_t");
  check.close("a_T (the last state)", f.as[T - 1], a, "each step starts from the previous step's a_t and c_t");
  // BEGIN HIDDEN TESTS
  rl.seed(103);
  const q = randomParams(2, 3), ys = Array.from({ length: 6 }, () => rl.randn([2, 3])), b0 = rl.randn([3, 3]);
  let a2 = b0, c2 = rl.zeros([3, 3]);
  for (const y of ys) ({ aNext: a2, cNext: c2 } = refForward(y, a2, c2, q));
  check.close("a_T of a hidden sequence of 6 steps", lstmForward(ys, b0, q).as[5], a2);
  // END HIDDEN TESTS
}

// %% [markdown]
// ## 3. One step backward
// Given $\partial L/\partial a_t$ (`daNext`) and $\partial L/\partial c_t$ from the future (`dcNext`), both `[n_a, m]`, walk the forward equations backwards:
// $$\begin{aligned}
// dc &= dc_{next} + da_{next} \ast o_t \ast (1 - \tanh^2 c_t) && \text{(all of } \partial L/\partial c_t\text{)} \\
// dz_o &= da_{next} \ast \tanh(c_t) \ast o_t (1 - o_t), \quad
// dz_f = dc \ast c_{t-1} \ast f_t (1 - f_t), \quad
// dz_i = dc \ast \tilde c_t \ast i_t (1 - i_t), \quad
// dz_c = dc \ast i_t \ast (1 - \tilde c_t^2) \\
// dW_\ast &= dz_\ast\, [a_{t-1}; x_t]^\top, \quad db_\ast = \textstyle\sum_{\text{examples}} dz_\ast, \quad
// d[a_{t-1}; x_t] = \textstyle\sum_\ast W_\ast^\top dz_\ast, \quad dc_{prev} = dc \ast f_t
// \end{aligned}$$
// where $z_\ast$ is the pre-activation of gate $\ast$ (e.g. $z_f = W_f [a_{t-1}; x_t] + b_f$). `daPrev` is the first $n_a$ rows of $d[a_{t-1}; x_t]$, `dxt` the last $n_x$.
// The tests pass a cache made by rnnlab's forward step with the same fields as yours, so this part is graded independently of part 1.
// Return the four `dz*` `[n_a, m]`, the parameter gradients (`db*` are `[n_a, 1]`), `dxt`, `daPrev` and `dcPrev`.

// %% {"nbgrader": {"grade": false, "grade_id": "lstm-cell-backward", "solution": true}}
function lstmCellBackward(daNext: rl.Tensor, dcNext: rl.Tensor, cache: LstmCache): LstmStepGrads {
  // BEGIN SOLUTION
  const { cNext, aPrev, cPrev, ft, it, cct, ot, xt, p } = cache;
  const n_a = aPrev.shape[0];
  const tc = rl.tanh(cNext);
  const dc = rl.add(dcNext, rl.mul(rl.mul(daNext, ot), rl.sub(1, rl.square(tc))));
  const dzo = rl.mul(rl.mul(daNext, tc), rl.mul(ot, rl.sub(1, ot)));
  const dzf = rl.mul(rl.mul(dc, cPrev), rl.mul(ft, rl.sub(1, ft)));
  const dzi = rl.mul(rl.mul(dc, cct), rl.mul(it, rl.sub(1, it)));
  const dzc = rl.mul(rl.mul(dc, it), rl.sub(1, rl.square(cct)));
  const concat = rl.concat([aPrev, xt], 0);
  const dConcat = rl.add(rl.add(rl.matmulTA(p.Wf, dzf), rl.matmulTA(p.Wi, dzi)), rl.add(rl.matmulTA(p.Wc, dzc), rl.matmulTA(p.Wo, dzo)));
  return {
    dzf, dzi, dzc, dzo,
    dWf: rl.matmulTB(dzf, concat), dbf: rl.sum(dzf, 1, true),
    dWi: rl.matmulTB(dzi, concat), dbi: rl.sum(dzi, 1, true),
    dWc: rl.matmulTB(dzc, concat), dbc: rl.sum(dzc, 1, true),
    dWo: rl.matmulTB(dzo, concat), dbo: rl.sum(dzo, 1, true),
    daPrev: rl.slice(dConcat, 0, 0, n_a), dxt: rl.slice(dConcat, 0, n_a), dcPrev: rl.mul(dc, ft),
  };
  // END SOLUTION
}

// %% {"nbgrader": {"grade": true, "grade_id": "test-lstm-cell-backward-gates", "points": 4, "solution": false}}
{
  rl.seed(2);
  const n_x = 3, n_a = 2, m = 4;
  const xt = rl.randn([n_x, m]), aPrev = rl.randn([n_a, m]), cPrev = rl.randn([n_a, m]), p = randomParams(n_x, n_a);
  const G = rl.randn([n_a, m]), Gc = rl.randn([n_a, m]), zero = rl.zeros([n_a, m]);
  const cache = refCache(xt, aPrev, cPrev, p); // rnnlab's forward: your backward is graded on its own
  // only da_next: the gradient reaches c_t through a_t = o ∗ tanh(c_t)
  const g1 = lstmCellBackward(G, zero, cache), e1 = refBackward(G, zero, xt, aPrev, cPrev, p);
  check.shape("dzo", g1.dzo, [n_a, m], "the gate gradients are [n_a, m], one column per example");
  check.close("dzo", g1.dzo, e1.dzo, "check dz_o = da_next ∗ tanh(c_next) ∗ o(1 − o)");
  check.close("dcPrev when only da_next is non-zero", g1.dcPrev, e1.dcPrev, "check the path through a_next = o ∗ tanh(c_next): dc = da_next ∗ o ∗ (1 − tanh²(c_next)), then dc_prev = dc ∗ f");
  // only dc_next: the output gate gets nothing
  const g2 = lstmCellBackward(zero, Gc, cache), e2 = refBackward(zero, Gc, xt, aPrev, cPrev, p);
  check.close("dcPrev when only dc_next is non-zero", g2.dcPrev, e2.dcPrev, "check dc_prev = dc ∗ f, with dc = dc_next here");
  check.close("dzo when only dc_next is non-zero", g2.dzo, e2.dzo, "the output gate only receives gradient through a_next: dz_o uses da_next, not dc");
  check.close("dzf when only dc_next is non-zero", g2.dzf, e2.dzf, "check dz_f = dc ∗ c_prev ∗ f(1 − f)");
  check.close("dzi when only dc_next is non-zero", g2.dzi, e2.dzi, "check dz_i = dc ∗ c̃ ∗ i(1 − i)");
  check.close("dzc when only dc_next is non-zero", g2.dzc, e2.dzc, "check dz_c = dc ∗ i ∗ (1 − c̃²): the candidate goes through tanh");
  // both
  const g3 = lstmCellBackward(G, Gc, cache), e3 = refBackward(G, Gc, xt, aPrev, cPrev, p);
  check.close("dzf with da_next and dc_next", g3.dzf, e3.dzf, "dc = dc_next + da_next ∗ o ∗ (1 − tanh²(c_next)) is all of ∂L/∂c_t: use it in dz_f, dz_i, dz_c");
  check.close("dcPrev with da_next and dc_next", g3.dcPrev, e3.dcPrev, "dc_prev = (dc_next + da_next ∗ o ∗ (1 − tanh²(c_next))) ∗ f");
  // BEGIN HIDDEN TESTS
  rl.seed(102);
  const hc = backwardCase(4, 3, 5), h2 = lstmCellBackward(hc.G, hc.Gc, hc.cache), r2 = hc.ref;
  check.close("dzi on a hidden batch", h2.dzi, r2.dzi);
  check.close("dzc on a hidden batch", h2.dzc, r2.dzc);
  check.close("dzo on a hidden batch", h2.dzo, r2.dzo);
  check.close("dcPrev on a hidden batch", h2.dcPrev, r2.dcPrev);
  // END HIDDEN TESTS
}

// %% {"nbgrader": {"grade": true, "grade_id": "test-lstm-cell-backward-params", "points": 4, "solution": false}}
{
  rl.seed(4);
  const n_x = 3, n_a = 2, m = 4;
  const c = backwardCase(n_x, n_a, m), g = lstmCellBackward(c.G, c.Gc, c.cache), e = c.ref;
  check.shape("dbf", g.dbf, [n_a, 1], "db_f is [n_a, 1]: sum dz_f over the examples (axis 1, keeping the dimension)");
  check.shape("dWf", g.dWf, [n_a, n_a + n_x], "dW_f has W_f's shape [n_a, n_a + n_x]");
  check.close("dbf", g.dbf, e.dbf, "db_f = Σ over the examples of dz_f");
  check.close("dbi", g.dbi, e.dbi, "db_i = Σ over the examples of dz_i");
  check.close("dbc", g.dbc, e.dbc, "db_c = Σ over the examples of dz_c");
  check.close("dbo", g.dbo, e.dbo, "db_o = Σ over the examples of dz_o");
  check.close("dWf", g.dWf, e.dWf, "dW_f = dz_f [a_prev; x_t]ᵀ (a_prev on top, as in the forward pass)");
  check.close("dWi", g.dWi, e.dWi, "dW_i = dz_i [a_prev; x_t]ᵀ");
  check.close("dWc", g.dWc, e.dWc, "dW_c = dz_c [a_prev; x_t]ᵀ");
  check.close("dWo", g.dWo, e.dWo, "dW_o = dz_o [a_prev; x_t]ᵀ");
  check.shape("daPrev", g.daPrev, [n_a, m], "da_prev is the first n_a rows of d[a_prev; x_t]");
  check.close("daPrev", g.daPrev, e.daPrev, "da_prev: the first n_a rows of W_fᵀ dz_f + W_iᵀ dz_i + W_cᵀ dz_c + W_oᵀ dz_o (all four gates)");
  check.close("dxt", g.dxt, e.dxt, "dx_t: the last n_x rows of W_fᵀ dz_f + W_iᵀ dz_i + W_cᵀ dz_c + W_oᵀ dz_o");
  // BEGIN HIDDEN TESTS
  rl.seed(104);
  const hc = backwardCase(4, 3, 5), h2 = lstmCellBackward(hc.G, hc.Gc, hc.cache), r2 = hc.ref;
  check.close("dWc on a hidden batch", h2.dWc, r2.dWc);
  check.close("dbi on a hidden batch", h2.dbi, r2.dbi);
  check.close("daPrev on a hidden batch", h2.daPrev, r2.daPrev);
  // a central-difference check of the whole step, independent of rnnlab's cell
  const L = () => { const s = lstmCellForward(hc.xt, hc.aPrev, hc.cPrev, hc.p); return rl.sum(rl.add(rl.mul(s.aNext, hc.G), rl.mul(s.cNext, hc.Gc))).item(); };
  // numbers, not a verdict: the grader compares them outside the kernel
  const fdTol = { rtol: 1e-5, atol: 1e-7 };
  check.close("dWf agrees with central differences on a hidden batch", h2.dWf, rl.numericGrad(L, hc.p.Wf), "dW_f = dz_f · [a_prev; x_t]ᵀ summed over the batch", fdTol);
  check.close("dxt agrees with central differences on a hidden batch", h2.dxt, rl.numericGrad(L, hc.xt), "dx_t: the last n_x rows of the four Wᵀ dz terms", fdTol);
  // END HIDDEN TESTS
}

// %% [markdown]
// ## Summary
// The LSTM's cell state $c_t$ is updated additively: $c_t = f_t \ast c_{t-1} + i_t \ast \tilde c_t$, so the gradient
// $dc_{prev} = dc \ast f_t$ passes back through the forget gate alone, without a weight matrix or a squashing derivative.
// Each gate's gradient is the gradient of what it multiplies times the derivative of its nonlinearity, and the four gates
// share one input $[a_{t-1}; x_t]$, so their contributions to $da_{prev}$ and $dx_t$ add up.
