// %% [markdown]
// # Homework 2: the LSTM cell, forward and backward
//
// **Difficulty: medium. Expected time: 3–4 hours**, most of it on part 3 (the derivation). 14 points.
//
// You implement, with `rnnlab` tensor ops only (`rl.matmul`, `rl.matmulTB`, `rl.matmulTA`, `rl.concat`, `rl.slice`, `rl.add`, `rl.sub`, `rl.mul`, `rl.sigmoid`, `rl.tanh`, `rl.sum`, …):
// 1. `lstmCellForward`: one step of the LSTM (4 points)
// 2. `lstmForward`: the loop over a sequence (2 points)
// 3. `lstmCellBackward`: one step backward, **derived by you**: the gradients of the gates' pre-activations (4 points), of the parameters and of the inputs (4 points)
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
// **Layout (columns are examples):** $x_t$ is `[n_x, m]`, $a_t$ and $c_t$ are `[n_a, m]`,
// each $W$ is `[n_a, n_a + n_x]` (its first $n_a$ columns multiply $a_{t-1}$, the last $n_x$ multiply $x_t$), each $b$ is `[n_a, 1]`.
// The parameter, cache and gradient records are `rl.hw.LstmParams`, `rl.hw.LstmCache` and `rl.hw.LstmStepGrads` (hover them for their fields).
// The tests compare your cell with rnnlab's `rl.lstmCellForward` (PyTorch's row layout), mapped to this layout by `rl.hw.lstmReferenceForward`.
//
// Write your code between `// YOUR CODE HERE` and the end of each function; do not rename functions or edit the test cells.
// Run `npx rnnlab validate hw2-lstm-cell-student.ipynb` before you submit.

// %%
import * as rl from "rnnlab";
const check = rl.check, hw = rl.hw;
type LstmParams = rl.hw.LstmParams;
type LstmCache = rl.hw.LstmCache;
type LstmStepGrads = rl.hw.LstmStepGrads;
const FD = { rtol: 1e-5, atol: 1e-7 }; // the tolerance of comparisons with central differences

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
  const p = hw.randomLstmParams(n_x, n_a), Z = hw.zeroLstmParams(n_x, n_a);
  const ref = (x: rl.Tensor, a: rl.Tensor, c: rl.Tensor, q: LstmParams) => hw.lstmReferenceForward(x, a, c, q);
  const full = lstmCellForward(xt, aPrev, cPrev, p), e = ref(xt, aPrev, cPrev, p);
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
  const r1 = lstmCellForward(xt, aPrev, cPrev, forgetOnly);
  check.close("c_next when only the forget gate is open", r1.cNext, cPrev, "check f ∗ c_prev: with f = 1 and i = 0 the cell state passes through unchanged");
  check.close("a_next when only the forget and output gates are open", r1.aNext, rl.tanh(cPrev), "check a_next = o ∗ tanh(c_next): tanh of the NEW cell state");
  const inputOnly = { ...Z, bf: big(-30), bi: big(30), bc: p.bc, bo: big(30) };
  check.close("c_next when only the input gate is open", lstmCellForward(xt, aPrev, cPrev, inputOnly).cNext, cols(rl.tanh(p.bc)),
    "check i ∗ c̃: with f = 0 and i = 1, c_next is the candidate tanh(b_c)");
  const outputShut = { ...p, bo: big(-30) };
  check.close("a_next when the output gate is shut", lstmCellForward(xt, aPrev, cPrev, outputShut).aNext, ref(xt, aPrev, cPrev, outputShut).aNext,
    "check a_next = o ∗ tanh(c_next): with o = 0, a_next is 0");
  // which columns of W multiply what
  const x0 = rl.zeros([n_x, m]), a0 = rl.zeros([n_a, m]);
  check.close("a_next with zero input x_t", lstmCellForward(x0, aPrev, cPrev, p).aNext, ref(x0, aPrev, cPrev, p).aNext,
    "if the single-gate cases above pass, check the order of the concatenation [a_prev; x_t]: the first n_a columns of each W multiply a_prev");
  check.close("a_next with zero a_prev and c_prev", lstmCellForward(xt, a0, a0, p).aNext, ref(xt, a0, a0, p).aNext,
    "check the input term: the last n_x columns of each W multiply x_t");
  check.close("c_next with every term", full.cNext, e.cNext, "c_next = f ∗ c_prev + i ∗ c̃");
  check.close("a_next with every term", full.aNext, e.aNext, "a_next = o ∗ tanh(c_next)");
  // BEGIN HIDDEN TESTS
  rl.seed(101);
  const q = hw.randomLstmParams(5, 3), x2 = rl.randn([5, 2]), a2 = rl.randn([3, 2]), c2 = rl.randn([3, 2]);
  const h2 = lstmCellForward(x2, a2, c2, q), e2 = ref(x2, a2, c2, q);
  check.close("c_next on a hidden batch (n_x = 5, n_a = 3, m = 2)", h2.cNext, e2.cNext);
  check.close("a_next on a hidden batch (n_x = 5, n_a = 3, m = 2)", h2.aNext, e2.aNext);
  check.close("cache.ot on a hidden batch", h2.cache.ot, e2.cache.ot);
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
  const xs = Array.from({ length: T }, () => rl.randn([n_x, m])), a0 = rl.randn([n_a, m]), p = hw.randomLstmParams(n_x, n_a);
  const f = lstmForward(xs, a0, p);
  check.equal("number of steps", f.as.length, T, "lstmForward returns one a_t per input step");
  check.equal("number of cell states", f.cs.length, T, "lstmForward returns one c_t per input step");
  const first = hw.lstmReferenceForward(xs[0], a0, rl.zeros([n_a, m]), p);
  check.close("c_1 (the first cell state)", f.cs[0], first.cNext, "the first step starts from a0 and c0 = zeros([n_a, m])");
  let a = a0, c = rl.zeros([n_a, m]);
  for (let t = 0; t < T; t++) ({ aNext: a, cNext: c } = hw.lstmReferenceForward(xs[t], a, c, p));
  check.close("c_T (the last cell state)", f.cs[T - 1], c, "each step starts from the previous step's a_t AND c_t");
  check.close("a_T (the last state)", f.as[T - 1], a, "each step starts from the previous step's a_t and c_t");
  // BEGIN HIDDEN TESTS
  rl.seed(103);
  const q = hw.randomLstmParams(2, 3), ys = Array.from({ length: 6 }, () => rl.randn([2, 3])), b0 = rl.randn([3, 3]);
  let a2 = b0, c2 = rl.zeros([3, 3]);
  for (const y of ys) ({ aNext: a2, cNext: c2 } = hw.lstmReferenceForward(y, a2, c2, q));
  const g2 = lstmForward(ys, b0, q);
  check.close("a_T of a hidden sequence of 6 steps", g2.as[5], a2);
  check.close("c_T of a hidden sequence of 6 steps", g2.cs[5], c2);
  // END HIDDEN TESTS
}

// %% [markdown]
// ## 3. One step backward: derive it
// Some loss $L$ depends on this step's outputs. You are given $\partial L/\partial a_t$ (`daNext`) and the part of $\partial L/\partial c_t$
// that reaches $c_t$ from later steps through $c_{t+1}$ (`dcNext`), both `[n_a, m]`. Compute, from the cache:
// - `dzf`, `dzi`, `dzc`, `dzo`: the gradients of the four pre-activations $z_f = W_f [a_{t-1}; x_t] + b_f$, …, each `[n_a, m]`;
// - `dWf`, `dbf`, …, `dWo`, `dbo`: the gradients of the parameters (the shapes of the parameters; sum over the $m$ examples);
// - `daPrev` `[n_a, m]`, `dxt` `[n_x, m]` and `dcPrev` `[n_a, m]` (the gradient that flows on to $c_{t-1}$).
//
// The backward equations are yours to derive: walk the six forward equations in reverse, applying the chain rule to each.
// Things to decide on the way: by how many routes does the loss reach $c_t$, and what do they add up to? Which gates does
// `dcNext` reach, and which not? What is $\partial \sigma(z)/\partial z$ in terms of $\sigma(z)$, and $\partial \tanh(z)/\partial z$
// in terms of $\tanh(z)$? Write your derivation in a markdown cell below this one (not graded, but you will need it).
//
// The tests check what your gradients **do**, not how they are written: with one example ($m = 1$) the gradient of a gate's
// pre-activation equals the gradient of that gate's bias, so `dzo` must equal central differences of
// $L = \sum a_t \ast G + \sum c_t \ast G_c$ (`rl.hw.lstmStepLoss`) with respect to $b_o$; the parameter and input gradients must equal
// central differences with respect to each parameter (`rl.numericGrad(loss, tensor)`); a few cases with saturated gates have answers you
// can predict without any derivative. The tests pass a correct cache made by rnnlab's forward step (`rl.hw.lstmReferenceForward`),
// so this part is graded independently of part 1.

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
  const n_x = 3, n_a = 2, m = 1; // one example: each dz equals the gradient of its gate's bias
  const xt = rl.randn([n_x, m]), aPrev = rl.randn([n_a, m]), cPrev = rl.randn([n_a, m]), p = hw.randomLstmParams(n_x, n_a);
  const G = rl.randn([n_a, m]), Gc = rl.randn([n_a, m]), zero = rl.zeros([n_a, m]);
  const cache = hw.lstmReferenceForward(xt, aPrev, cPrev, p).cache; // rnnlab's forward: your backward is graded on its own
  const lossWith = (g: rl.Tensor, gc: rl.Tensor) => () => hw.lstmStepLoss(xt, aPrev, cPrev, p, g, gc);
  // only da_next: the loss reads a_t alone
  const L1 = lossWith(G, zero), g1 = lstmCellBackward(G, zero, cache);
  check.shape("shape of dzo", g1.dzo, [n_a, m], "the gate gradients are [n_a, m], one column per example");
  check.close("dzo when only da_next is non-zero", g1.dzo, rl.numericGrad(L1, p.bo), "dz_o of one example is ∂L/∂b_o: the output gate acts on tanh(c_t)", FD);
  check.close("dcPrev when only da_next is non-zero", g1.dcPrev, rl.numericGrad(L1, cPrev),
    "check the path through a_next = o ∗ tanh(c_t) to c_t, then to c_prev: this loss reads a_t only", FD);
  check.close("dzf when only da_next is non-zero", g1.dzf, rl.numericGrad(L1, p.bf), "a_t depends on f through c_t: the gradient reaching c_t comes through a_t here", FD);
  // only dc_next: the loss reads c_t alone
  const L2 = lossWith(zero, Gc), g2 = lstmCellBackward(zero, Gc, cache);
  check.close("dcPrev when only dc_next is non-zero", g2.dcPrev, rl.numericGrad(L2, cPrev), "how does c_t change when c_prev does?", FD);
  check.close("dzo when only dc_next is non-zero", g2.dzo, zero, "the output gate does not act on c_t: a loss that reads only c_t gives it no gradient");
  check.close("dzf when only dc_next is non-zero", g2.dzf, rl.numericGrad(L2, p.bf), "dz_f of one example is ∂L/∂b_f", FD);
  check.close("dzi when only dc_next is non-zero", g2.dzi, rl.numericGrad(L2, p.bi), "dz_i of one example is ∂L/∂b_i", FD);
  check.close("dzc when only dc_next is non-zero", g2.dzc, rl.numericGrad(L2, p.bc), "dz_c of one example is ∂L/∂b_c: the candidate goes through tanh", FD);
  // both
  const L3 = lossWith(G, Gc), g3 = lstmCellBackward(G, Gc, cache);
  check.close("dzf with da_next and dc_next", g3.dzf, rl.numericGrad(L3, p.bf), "the loss reaches c_t by two routes: their gradients add up", FD);
  check.close("dcPrev with da_next and dc_next", g3.dcPrev, rl.numericGrad(L3, cPrev), "the loss reaches c_t by two routes: their gradients add up", FD);
  // a case to predict without derivatives: a shut forget gate cuts c_prev off
  const shut = { ...p, bf: rl.full([n_a, 1], -30) };
  check.close("dcPrev when the forget gate is shut (f = 0)", lstmCellBackward(G, Gc, hw.lstmReferenceForward(xt, aPrev, cPrev, shut).cache).dcPrev, zero,
    "with f = 0, c_t does not depend on c_prev", { atol: 1e-10 });
  // BEGIN HIDDEN TESTS
  rl.seed(102);
  const hc = hw.lstmBackwardCase(4, 3, 5), h2 = lstmCellBackward(hc.G, hc.Gc, hc.cache), r2 = hc.ref;
  check.close("dzf on a hidden batch", h2.dzf, r2.dzf);
  check.close("dzi on a hidden batch", h2.dzi, r2.dzi);
  check.close("dzc on a hidden batch", h2.dzc, r2.dzc);
  check.close("dzo on a hidden batch", h2.dzo, r2.dzo);
  check.close("dcPrev on a hidden batch", h2.dcPrev, r2.dcPrev);
  const open = { ...hc.p, bf: rl.full([3, 1], 30), bi: rl.full([3, 1], -30) };
  const zc = rl.zeros([3, 5]);
  check.close("dcPrev with f = 1, i = 0 and only dc_next on a hidden batch", lstmCellBackward(zc, hc.Gc, hw.lstmReferenceForward(hc.xt, hc.aPrev, hc.cPrev, open).cache).dcPrev, hc.Gc, undefined, { atol: 1e-10 });
  // END HIDDEN TESTS
}

// %% {"nbgrader": {"grade": true, "grade_id": "test-lstm-cell-backward-params", "points": 4, "solution": false}}
{
  rl.seed(4);
  const n_x = 3, n_a = 2, m = 4;
  const xt = rl.randn([n_x, m]), aPrev = rl.randn([n_a, m]), cPrev = rl.randn([n_a, m]), p = hw.randomLstmParams(n_x, n_a);
  const G = rl.randn([n_a, m]), Gc = rl.randn([n_a, m]);
  const g = lstmCellBackward(G, Gc, hw.lstmReferenceForward(xt, aPrev, cPrev, p).cache);
  const L = () => hw.lstmStepLoss(xt, aPrev, cPrev, p, G, Gc); // ∂L/∂a_t = G, ∂L/∂c_t (from later steps) = Gc
  check.shape("shape of dbf", g.dbf, [n_a, 1], "each db has its bias's shape [n_a, 1]: the examples share the bias");
  check.shape("shape of dWf", g.dWf, [n_a, n_a + n_x], "dW_f has W_f's shape [n_a, n_a + n_x]");
  check.close("dbf", g.dbf, rl.numericGrad(L, p.bf), "a shared parameter collects the gradient of every example", FD);
  check.close("dbi", g.dbi, rl.numericGrad(L, p.bi), undefined, FD);
  check.close("dbc", g.dbc, rl.numericGrad(L, p.bc), undefined, FD);
  check.close("dbo", g.dbo, rl.numericGrad(L, p.bo), undefined, FD);
  check.close("dWf", g.dWf, rl.numericGrad(L, p.Wf), "W_f multiplies [a_prev; x_t], a_prev on top, as in the forward pass", FD);
  check.close("dWi", g.dWi, rl.numericGrad(L, p.Wi), undefined, FD);
  check.close("dWc", g.dWc, rl.numericGrad(L, p.Wc), undefined, FD);
  check.close("dWo", g.dWo, rl.numericGrad(L, p.Wo), undefined, FD);
  check.shape("shape of daPrev", g.daPrev, [n_a, m], "da_prev is [n_a, m]");
  check.close("daPrev", g.daPrev, rl.numericGrad(L, aPrev), "a_prev enters all four gates", FD);
  check.close("dxt", g.dxt, rl.numericGrad(L, xt), "x_t enters all four gates", FD);
  // BEGIN HIDDEN TESTS
  rl.seed(104);
  const hc = hw.lstmBackwardCase(4, 3, 5), h2 = lstmCellBackward(hc.G, hc.Gc, hc.cache), r2 = hc.ref;
  check.close("dWc on a hidden batch", h2.dWc, r2.dWc);
  check.close("dWo on a hidden batch", h2.dWo, r2.dWo);
  check.close("dbi on a hidden batch", h2.dbi, r2.dbi);
  check.close("daPrev on a hidden batch", h2.daPrev, r2.daPrev);
  // a central-difference check of the whole step with the student's own forward pass
  const L2 = () => { const s = lstmCellForward(hc.xt, hc.aPrev, hc.cPrev, hc.p); return rl.sum(rl.add(rl.mul(s.aNext, hc.G), rl.mul(s.cNext, hc.Gc))).item(); };
  check.close("dWf agrees with central differences on a hidden batch", h2.dWf, rl.numericGrad(L2, hc.p.Wf), undefined, FD);
  check.close("dxt agrees with central differences on a hidden batch", h2.dxt, rl.numericGrad(L2, hc.xt), undefined, FD);
  // END HIDDEN TESTS
}

// %% [markdown]
// ## Summary
// The LSTM's cell state is updated additively, $c_t = f_t \ast c_{t-1} + i_t \ast \tilde c_t$, so what flows back to $c_{t-1}$ passes
// through the forget gate alone, without a weight matrix or a squashing derivative — the property your `dcPrev` checks showed
// (a shut forget gate cuts it off; an open one with $i = 0$ passes it unchanged). Each gate's gradient is the gradient of what it
// multiplies times the derivative of its nonlinearity, and the four gates share one input $[a_{t-1}; x_t]$, so their contributions to
// $da_{prev}$ and $dx_t$ add up.
