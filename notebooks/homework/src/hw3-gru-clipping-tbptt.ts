// %% [markdown]
// # Homework 3: the GRU cell, gradient clipping and truncated BPTT
//
// You implement, with `rnnlab` tensor ops only (`rl.matmul`, `rl.matmulTA`, `rl.matmulTB`, `rl.concat`, `rl.slice`, `rl.add`, `rl.mul`, `rl.sigmoid`, `rl.tanh`, `rl.sum`, `rl.norm`, …):
// 1. `gruCellForward`: one step of the GRU (3 points)
// 2. `gruCellBackward`: its gradients (4 points)
// 3. `clipGrads`: clipping by the global norm (3 points)
// 4. `truncatedBptt`: backpropagation through time in chunks of $k$ steps (4 points)
//
// The GRU of Cho et al. (2014), written with an **update gate** $u$ (the "u-form"):
// $$\begin{aligned}
// u_t &= \sigma(W_u [a_{t-1}; x_t] + b_u) && \text{update gate} \\
// r_t &= \sigma(W_r [a_{t-1}; x_t] + b_r) && \text{reset gate} \\
// \tilde a_t &= \tanh(W_c [r_t \ast a_{t-1}; x_t] + b_c) && \text{candidate (the reset gate acts before } W_c\text{)} \\
// a_t &= (1 - u_t) \ast a_{t-1} + u_t \ast \tilde a_t
// \end{aligned}$$
// With $u = 0$ the state is copied unchanged; with $u = 1$ it is replaced by the candidate.
//
// **Layout (the "RNN step by step" one, columns are examples):** $x_t$ is `[n_x, m]`, $a_t$ is `[n_a, m]`,
// each $W$ is `[n_a, n_a + n_x]` (first $n_a$ columns for $a_{t-1}$ (or $r_t \ast a_{t-1}$), last $n_x$ for $x_t$), each $b$ is `[n_a, 1]`.
// rnnlab's `rl.gruCellForward(x, h, p, "classic")` computes the same cell in PyTorch's row layout (`x [m, n_x]`, blocks r, z, n)
// with $z = 1 - u$, i.e. $W_z = -W_u$, $b_z = -b_u$; the tests map your parameters to it (`toTorch` below) and compare.
//
// Write your code between `// YOUR CODE HERE` and the end of each function; do not rename functions or edit the test cells.
// Run `npx rnnlab validate hw3-gru-clipping-tbptt-student.ipynb` before you submit.

// %%
import * as rl from "rnnlab";
const check = rl.check;

/** The parameters of the cell: W* are [n_a, n_a + n_x], b* are [n_a, 1]. */
interface GruParams { Wu: rl.Tensor; bu: rl.Tensor; Wr: rl.Tensor; br: rl.Tensor; Wc: rl.Tensor; bc: rl.Tensor }
/** What the forward step keeps for the backward step (`cct` is the candidate ã_t). */
interface GruCache { aNext: rl.Tensor; aPrev: rl.Tensor; xt: rl.Tensor; ut: rl.Tensor; rt: rl.Tensor; cct: rl.Tensor; p: GruParams }
/** The gradients of the parameters (shapes as the parameters). */
interface GruGrads { dWu: rl.Tensor; dbu: rl.Tensor; dWr: rl.Tensor; dbr: rl.Tensor; dWc: rl.Tensor; dbc: rl.Tensor }
/** What the backward step returns: the parameter gradients and those of the inputs. */
interface GruStepGrads { grads: GruGrads; dxt: rl.Tensor; daPrev: rl.Tensor }
/** A cell as `truncatedBptt` uses it: your `gruCellForward`/`gruCellBackward`, or the reference `refCell`. */
interface StepFns {
  forward(xt: rl.Tensor, aPrev: rl.Tensor, p: GruParams): { aNext: rl.Tensor; cache: any };
  backward(daNext: rl.Tensor, cache: any): GruStepGrads;
}

const NAMES = ["Wu", "bu", "Wr", "br", "Wc", "bc"] as const;
/** Random parameters for tests. */
function randomParams(n_x: number, n_a: number, std = 1): GruParams {
  const w = () => rl.randn([n_a, n_a + n_x], { std }), v = () => rl.randn([n_a, 1], { std });
  return { Wu: w(), bu: v(), Wr: w(), br: v(), Wc: w(), bc: v() };
}
/** All-zero parameters (override some fields to isolate one term). */
function zeroParams(n_x: number, n_a: number): GruParams {
  const w = () => rl.zeros([n_a, n_a + n_x]), v = () => rl.zeros([n_a, 1]);
  return { Wu: w(), bu: v(), Wr: w(), br: v(), Wc: w(), bc: v() };
}
/** PyTorch's layout (blocks r, z = 1 − u, n; classic variant): W_h* = first n_a columns, W_i* = the rest, b_ih = b, b_hh = 0. */
function toTorch(p: GruParams): rl.CellParams {
  const n_a = p.Wu.shape[0];
  const blocks = [p.Wr, rl.neg(p.Wu), p.Wc];
  return {
    weight_ih: rl.concat(blocks.map((W) => rl.slice(W, 1, n_a)), 0),
    weight_hh: rl.concat(blocks.map((W) => rl.slice(W, 1, 0, n_a)), 0),
    bias_ih: rl.concat([p.br, rl.neg(p.bu), p.bc], 0).reshape([3 * n_a]),
    bias_hh: rl.zeros([3 * n_a]),
  };
}
/** PyTorch-layout gradients back to the homework's layout. */
function fromTorchGrads(g: rl.CellParams, n_a: number): GruGrads {
  const rows = (t: rl.Tensor, k: number) => rl.slice(t, 0, k * n_a, (k + 1) * n_a);
  const W = (k: number) => rl.concat([rows(g.weight_hh, k), rows(g.weight_ih, k)], 1);
  const bias = (k: number) => rows(g.bias_ih, k).reshape([n_a, 1]); // bias_hh gets the same gradient: b = b_ih here
  return { dWr: W(0), dbr: bias(0), dWu: rl.neg(W(1)), dbu: rl.neg(bias(1)), dWc: W(2), dbc: bias(2) };
}
/** rnnlab's classic GRU on the homework's layout: the reference the tests compare with. */
const refCell: StepFns = {
  forward(xt, aPrev, p) {
    const r = rl.gruCellForward(rl.transpose(xt), rl.transpose(aPrev), toTorch(p), "classic");
    return { aNext: rl.transpose(r.h), cache: { c: r.cache, tp: toTorch(p), n_a: aPrev.shape[0] } };
  },
  backward(daNext, cache) {
    const tg = rl.zerosLikeParams(cache.tp);
    const r = rl.gruCellBackward(rl.transpose(daNext), cache.c, tg);
    return { grads: fromTorchGrads(tg, cache.n_a), dxt: rl.transpose(r.dx), daPrev: rl.transpose(r.dh) };
  },
};
/** A correct cache built from rnnlab's forward step: the backward tests use it, so a bug in your forward does not fail them too. */
function refCache(xt: rl.Tensor, aPrev: rl.Tensor, p: GruParams): GruCache {
  const r = rl.gruCellForward(rl.transpose(xt), rl.transpose(aPrev), toTorch(p), "classic");
  const cols = (d: Float64Array) => rl.transpose(new rl.Tensor(d, [xt.shape[1], aPrev.shape[0]]));
  return { aNext: rl.transpose(r.h), aPrev, xt, ut: rl.sub(1, cols(r.cache.z)), rt: cols(r.cache.r), cct: cols(r.cache.n), p };
}
const refForward = (xt: rl.Tensor, aPrev: rl.Tensor, p: GruParams): rl.Tensor => refCell.forward(xt, aPrev, p).aNext;
const refBackward = (daNext: rl.Tensor, xt: rl.Tensor, aPrev: rl.Tensor, p: GruParams): GruStepGrads => refCell.backward(daNext, refCell.forward(xt, aPrev, p).cache);

// %% [markdown]
// ## 1. One GRU step forward
// Implement the four equations above. Return `aNext` and the cache `{aNext, aPrev, xt, ut, rt, cct, p}`.
// Hint: the candidate's input is `rl.concat([rl.mul(rt, aPrev), xt], 0)`.

// %% {"nbgrader": {"grade": false, "grade_id": "gru-cell-forward", "solution": true}}
function gruCellForward(xt: rl.Tensor, aPrev: rl.Tensor, p: GruParams): { aNext: rl.Tensor; cache: GruCache } {
  // BEGIN SOLUTION
  const concat = rl.concat([aPrev, xt], 0);
  const ut = rl.sigmoid(rl.add(rl.matmul(p.Wu, concat), p.bu));
  const rt = rl.sigmoid(rl.add(rl.matmul(p.Wr, concat), p.br));
  const cct = rl.tanh(rl.add(rl.matmul(p.Wc, rl.concat([rl.mul(rt, aPrev), xt], 0)), p.bc));
  const aNext = rl.add(rl.mul(rl.sub(1, ut), aPrev), rl.mul(ut, cct));
  return { aNext, cache: { aNext, aPrev, xt, ut, rt, cct, p } };
  // END SOLUTION
}

// %% {"nbgrader": {"grade": true, "grade_id": "test-gru-cell-forward", "points": 3, "solution": false}}
{
  rl.seed(1);
  const n_x = 3, n_a = 2, m = 4;
  const xt = rl.randn([n_x, m]), aPrev = rl.randn([n_a, m]), p = randomParams(n_x, n_a), Z = zeroParams(n_x, n_a);
  const full = gruCellForward(xt, aPrev, p);
  check.shape("a_next", full.aNext, [n_a, m], "a_next must be [n_a, m]");
  const cols = (v: rl.Tensor) => rl.add(rl.zeros([n_a, m]), v);
  const onlyB = gruCellForward(xt, aPrev, { ...Z, bu: p.bu, br: p.br, bc: p.bc }).cache;
  check.close("cache.ut when only the biases are non-zero", onlyB.ut, cols(rl.sigmoid(p.bu)), "check the update gate u = σ(W_u [a_prev; x_t] + b_u): b_u [n_a, 1] is added to every column");
  check.close("cache.rt when only the biases are non-zero", onlyB.rt, cols(rl.sigmoid(p.br)), "check the reset gate r = σ(W_r [a_prev; x_t] + b_r)");
  check.close("cache.cct when only the biases are non-zero", onlyB.cct, cols(rl.tanh(p.bc)), "check the candidate ã = tanh(W_c [r ∗ a_prev; x_t] + b_c): tanh, not σ");
  const big = (v: number) => rl.full([n_a, 1], v);
  const shut = { ...p, bu: big(-30) };
  check.close("a_next when the update gate is shut (u = 0)", gruCellForward(xt, aPrev, shut).aNext, refForward(xt, aPrev, shut),
    "check (1 − u) ∗ a_prev: with u = 0 the state is copied unchanged (u multiplies the candidate, not a_prev)");
  const open = { ...p, bu: big(30) };
  check.close("a_next when the update gate is open (u = 1)", gruCellForward(xt, aPrev, open).aNext, refForward(xt, aPrev, open),
    "check u ∗ ã: with u = 1 the state is replaced by the candidate");
  const reset = { ...p, bu: big(30), br: big(-30) };
  check.close("a_next when the reset gate is shut (r = 0) and u = 1", gruCellForward(xt, aPrev, reset).aNext, refForward(xt, aPrev, reset),
    "check the candidate's input [r ∗ a_prev; x_t]: with r = 0 the candidate ignores a_prev (r acts BEFORE W_c in the classic GRU)");
  const x0 = rl.zeros([n_x, m]);
  check.close("a_next with zero input x_t", gruCellForward(x0, aPrev, p).aNext, refForward(x0, aPrev, p),
    "if the gate cases above pass, check the order of the concatenation [a_prev; x_t]: the first n_a columns of each W multiply a_prev");
  check.close("a_next with every term", full.aNext, refForward(xt, aPrev, p), "a_next = (1 − u) ∗ a_prev + u ∗ ã");
  // BEGIN HIDDEN TESTS
  rl.seed(101);
  const q = randomParams(5, 3), x2 = rl.randn([5, 2]), a2 = rl.randn([3, 2]);
  check.close("a_next on a hidden batch (n_x = 5, n_a = 3, m = 2)", gruCellForward(x2, a2, q).aNext, refForward(x2, a2, q));
  // END HIDDEN TESTS
}

// %% [markdown]
// ## 2. One GRU step backward
// Given $\partial L/\partial a_t$ (`daNext`, `[n_a, m]`), with $dz_\ast$ the gradient of gate $\ast$'s pre-activation:
// $$\begin{aligned}
// dz_c &= da_{next} \ast u_t \ast (1 - \tilde a_t^2), \qquad dz_u = da_{next} \ast (\tilde a_t - a_{t-1}) \ast u_t (1 - u_t) \\
// d[r_t \ast a_{t-1}; x_t] &= W_c^\top dz_c, \qquad dz_r = d(r_t \ast a_{t-1}) \ast a_{t-1} \ast r_t (1 - r_t) \\
// dW_c &= dz_c [r_t \ast a_{t-1}; x_t]^\top, \quad dW_u = dz_u [a_{t-1}; x_t]^\top, \quad dW_r = dz_r [a_{t-1}; x_t]^\top, \quad db_\ast = \textstyle\sum_{\text{examples}} dz_\ast \\
// da_{prev} &= da_{next} \ast (1 - u_t) + d(r_t \ast a_{t-1}) \ast r_t + \big(W_u^\top dz_u + W_r^\top dz_r\big)_{\text{first } n_a \text{ rows}}
// \end{aligned}$$
// and $dx_t$ collects the last $n_x$ rows of $W_c^\top dz_c + W_u^\top dz_u + W_r^\top dz_r$.
// Return `{ grads: {dWu, dbu, dWr, dbr, dWc, dbc}, dxt, daPrev }`. The tests pass a cache made by rnnlab's forward step with the same fields as yours,
// so this part is graded independently of part 1.

// %% {"nbgrader": {"grade": false, "grade_id": "gru-cell-backward", "solution": true}}
function gruCellBackward(daNext: rl.Tensor, cache: GruCache): GruStepGrads {
  // BEGIN SOLUTION
  const { aPrev, xt, ut, rt, cct, p } = cache;
  const n_a = aPrev.shape[0];
  const dzc = rl.mul(rl.mul(daNext, ut), rl.sub(1, rl.square(cct)));
  const dzu = rl.mul(rl.mul(daNext, rl.sub(cct, aPrev)), rl.mul(ut, rl.sub(1, ut)));
  const ra = rl.mul(rt, aPrev);
  const dcIn = rl.matmulTA(p.Wc, dzc);               // d[r ∗ a_prev; x_t]
  const dra = rl.slice(dcIn, 0, 0, n_a);
  const dzr = rl.mul(rl.mul(dra, aPrev), rl.mul(rt, rl.sub(1, rt)));
  const concat = rl.concat([aPrev, xt], 0);
  const dGates = rl.add(rl.matmulTA(p.Wu, dzu), rl.matmulTA(p.Wr, dzr)); // d[a_prev; x_t] through u and r
  const daPrev = rl.add(rl.add(rl.mul(daNext, rl.sub(1, ut)), rl.mul(dra, rt)), rl.slice(dGates, 0, 0, n_a));
  const dxt = rl.add(rl.slice(dcIn, 0, n_a), rl.slice(dGates, 0, n_a));
  return {
    grads: {
      dWu: rl.matmulTB(dzu, concat), dbu: rl.sum(dzu, 1, true),
      dWr: rl.matmulTB(dzr, concat), dbr: rl.sum(dzr, 1, true),
      dWc: rl.matmulTB(dzc, rl.concat([ra, xt], 0)), dbc: rl.sum(dzc, 1, true),
    },
    dxt, daPrev,
  };
  // END SOLUTION
}

// %% {"nbgrader": {"grade": true, "grade_id": "test-gru-cell-backward", "points": 4, "solution": false}}
{
  rl.seed(2);
  const n_x = 3, n_a = 2, m = 4;
  const xt = rl.randn([n_x, m]), aPrev = rl.randn([n_a, m]), p = randomParams(n_x, n_a), G = rl.randn([n_a, m]);
  const g = gruCellBackward(G, refCache(xt, aPrev, p)), e = refBackward(G, xt, aPrev, p);
  check.shape("dbu", g.grads.dbu, [n_a, 1], "db_u is [n_a, 1]: sum dz_u over the examples (axis 1, keeping the dimension)");
  check.close("dbc", g.grads.dbc, e.grads.dbc, "check dz_c = da_next ∗ u ∗ (1 − ã²): the candidate is weighted by u");
  check.close("dbu", g.grads.dbu, e.grads.dbu, "check dz_u = da_next ∗ (ã − a_prev) ∗ u(1 − u): u moves a_t from a_prev towards ã");
  check.close("dbr", g.grads.dbr, e.grads.dbr, "check dz_r = d(r ∗ a_prev) ∗ a_prev ∗ r(1 − r), with d(r ∗ a_prev) the first n_a rows of W_cᵀ dz_c");
  check.close("dWc", g.grads.dWc, e.grads.dWc, "dW_c = dz_c [r ∗ a_prev; x_t]ᵀ: the candidate saw r ∗ a_prev, not a_prev");
  check.close("dWu", g.grads.dWu, e.grads.dWu, "dW_u = dz_u [a_prev; x_t]ᵀ");
  check.close("dWr", g.grads.dWr, e.grads.dWr, "dW_r = dz_r [a_prev; x_t]ᵀ");
  const shut = { ...p, bu: rl.full([n_a, 1], -30) };
  check.close("daPrev when the update gate is shut (u = 0)", gruCellBackward(G, refCache(xt, aPrev, shut)).daPrev, refBackward(G, xt, aPrev, shut).daPrev,
    "check the direct path da_next ∗ (1 − u): with u = 0, da_prev = da_next");
  check.close("daPrev", g.daPrev, e.daPrev, "da_prev has three parts: da_next ∗ (1 − u), d(r ∗ a_prev) ∗ r, and the first n_a rows of W_uᵀ dz_u + W_rᵀ dz_r");
  check.close("dxt", g.dxt, e.dxt, "dx_t: the last n_x rows of W_cᵀ dz_c + W_uᵀ dz_u + W_rᵀ dz_r");
  // BEGIN HIDDEN TESTS
  rl.seed(102);
  const q = randomParams(4, 3), x2 = rl.randn([4, 5]), a2 = rl.randn([3, 5]), G2 = rl.randn([3, 5]);
  const h2 = gruCellBackward(G2, refCache(x2, a2, q)), r2 = refBackward(G2, x2, a2, q);
  check.close("dWr on a hidden batch", h2.grads.dWr, r2.grads.dWr);
  check.close("daPrev on a hidden batch", h2.daPrev, r2.daPrev);
  const L = () => rl.sum(rl.mul(gruCellForward(x2, a2, q).aNext, G2)).item();
  // numbers, not a verdict: the grader compares them outside the kernel
  const fdTol = { rtol: 1e-5, atol: 1e-7 };
  check.close("dWc agrees with central differences on a hidden batch", h2.grads.dWc, rl.numericGrad(L, q.Wc), undefined, fdTol);
  check.close("daPrev agrees with central differences on a hidden batch", h2.daPrev, rl.numericGrad(L, a2), undefined, fdTol);
  // END HIDDEN TESTS
}

// %% [markdown]
// ## 3. Gradient clipping by the global norm
// Exploding gradients are tamed by rescaling all gradients together when their global norm
// $\|g\| = \sqrt{\sum_{\text{tensors}} \sum_k g_k^2}$ exceeds `maxNorm` (Pascanu et al. 2013):
// $$g \leftarrow g \cdot \min\Big(1, \frac{\text{maxNorm}}{\|g\| + 10^{-6}}\Big).$$
// `clipGrads(grads, maxNorm)` does this **in place** (every tensor of the record, by the same factor) and returns the norm
// **before** clipping, as `torch.nn.utils.clip_grad_norm_` and `rl.clipGradNorm` do. Gradients whose norm is below `maxNorm` stay untouched.

// %% {"nbgrader": {"grade": false, "grade_id": "clip-grads", "solution": true}}
function clipGrads(grads: Record<string, rl.Tensor>, maxNorm: number): number {
  // BEGIN SOLUTION
  const total = Math.sqrt(Object.values(grads).reduce((s, g) => s + rl.norm(g) ** 2, 0));
  const coef = maxNorm / (total + 1e-6);
  if (coef < 1) for (const g of Object.values(grads)) for (let k = 0; k < g.data.length; k++) g.data[k] *= coef;
  return total;
  // END SOLUTION
}

// %% {"nbgrader": {"grade": true, "grade_id": "test-clip-grads", "points": 3, "solution": false}}
{
  rl.seed(5);
  /** The reference: rl.clipGradNorm on copies, as Params. */
  const reference = (grads: Record<string, rl.Tensor>, maxNorm: number) => {
    const params = Object.keys(grads).map((name) => ({ name, value: rl.zerosLike(grads[name]), grad: grads[name].clone() }));
    const norm = rl.clipGradNorm(params, maxNorm);
    return { norm, grads: Object.fromEntries(params.map((q) => [q.name, q.grad])) as Record<string, rl.Tensor> };
  };
  const make = (std: number) => ({ W: rl.randn([3, 4], { std }), b: rl.randn([3, 1], { std }), V: rl.randn([2, 3], { std }) });
  const small = make(0.1), smallCopy = { W: small.W.clone(), b: small.b.clone(), V: small.V.clone() };
  const eSmall = reference(small, 5);
  check.close("the returned norm (small gradients)", clipGrads(small, 5), eSmall.norm, "return the global norm before clipping: √(Σ over ALL tensors Σ g²)");
  check.close("W after clipping small gradients", small.W, smallCopy.W, "gradients whose global norm is below maxNorm must be left untouched", { rtol: 0, atol: 0 });
  check.close("b after clipping small gradients", small.b, smallCopy.b, "gradients whose global norm is below maxNorm must be left untouched", { rtol: 0, atol: 0 });
  const large = make(3), eLarge = reference(large, 1);
  const before = clipGrads(large, 1);
  check.close("the returned norm (large gradients)", before, eLarge.norm, "return the norm BEFORE clipping (the value a training curve records), not after");
  check.close("W after clipping large gradients", large.W, eLarge.grads.W, "modify the tensors in place, each scaled by maxNorm / (‖g‖ + 1e-6) with ‖g‖ the norm over all tensors (not W's own norm)");
  check.close("V after clipping large gradients", large.V, eLarge.grads.V, "every tensor is scaled by the same factor, so the direction of the whole gradient is kept");
  const after = Math.sqrt(Object.values(large).reduce((s, g) => s + rl.norm(g) ** 2, 0));
  check.close("the global norm after clipping", after, 1, "after clipping, the global norm equals maxNorm", { rtol: 1e-5 });
  // BEGIN HIDDEN TESTS
  rl.seed(105);
  const one = { g: rl.randn([10], { std: 2 }) }, eOne = reference(one, 0.5);
  check.close("the returned norm of a single hidden tensor", clipGrads(one, 0.5), eOne.norm);
  check.close("a single hidden tensor after clipping", one.g, eOne.grads.g);
  const again = { g: one.g.clone() };
  clipGrads(again, 0.5);
  check.close("clipping an already clipped gradient changes it by at most 1e-5", again.g, one.g, undefined, { rtol: 1e-5 });
  // END HIDDEN TESTS
}

// %% [markdown]
// ## 4. Truncated backpropagation through time
// Over a long sequence, full BPTT stores every step and sends gradients back to step 0. **Truncated BPTT** with $k_1 = k_2 = k$
// (Williams & Peng 1990) cuts the sequence into chunks of $k$ steps (the last one may be shorter). For each chunk $[t_0, t_1)$:
// run the cell forward from the state the previous chunk ended in (the first chunk starts from $a_0$),
// then backpropagate **this chunk's** loss through the window of the last $k$ steps, from $t_1 - 1$ down to $\max(0, t_1 - k)$;
// the state entering the window is treated as a constant. For a full chunk the window is exactly the chunk; the window of a shorter
// last chunk reaches back into the previous chunk, whose own losses were already counted (there only the gradient from later steps flows).
// Each chunk gives one update (the gradients an optimizer step would use), as `rl.truncatedBptt` with $k_1 = k_2 = k$ does.
//
// The loss is $L = \sum_t \sum (a_t \ast G_t)$, so $\partial L/\partial a_t$ is the given `das[t]`. At step $t$ of the backward pass the gradient reaching $a_t$ is
// `das[t]` plus what flows back from step $t+1$ of the same window (only `daNext` for steps before $t_0$). `truncatedBptt(cell, xs, a0, p, das, k)` returns
// `updates` (one `GruGrads` per chunk, in order) and `aLast`, the state after the last step. Use `cell.forward`/`cell.backward`,
// not your GRU functions directly: the tests pass rnnlab's reference cell as well as yours. With $k = T$ this is full BPTT.

// %% {"nbgrader": {"grade": false, "grade_id": "truncated-bptt", "solution": true}}
function truncatedBptt(cell: StepFns, xs: rl.Tensor[], a0: rl.Tensor, p: GruParams, das: rl.Tensor[], k: number): { updates: GruGrads[]; aLast: rl.Tensor } {
  // BEGIN SOLUTION
  const updates: GruGrads[] = [];
  const caches: unknown[] = [];   // caches[t] of every step so far (a window may reach into the previous chunk)
  let a = a0;
  for (let t0 = 0; t0 < xs.length; t0 += k) {
    const t1 = Math.min(xs.length, t0 + k);
    for (let t = t0; t < t1; t++) {
      const r = cell.forward(xs[t], a, p);
      a = r.aNext; caches.push(r.cache);
    }
    const acc: Record<string, rl.Tensor> = {};
    for (const n of NAMES) acc["d" + n] = rl.zerosLike(p[n]);
    let daNext = rl.zerosLike(a0);
    for (let t = t1 - 1; t >= Math.max(0, t1 - k); t--) {
      const g = cell.backward(t >= t0 ? rl.add(das[t], daNext) : daNext, caches[t]);
      daNext = g.daPrev;
      for (const n of NAMES) acc["d" + n] = rl.add(acc["d" + n], g.grads[("d" + n) as keyof GruGrads]);
    }
    updates.push(acc as unknown as GruGrads);
  }
  return { updates, aLast: a };
  // END SOLUTION
}

// %% {"nbgrader": {"grade": true, "grade_id": "test-truncated-bptt", "points": 4, "solution": false}}
{
  /** rnnlab's truncatedBptt (k1 = k2 = k) with the classic GRU: one gradient per update, in the homework's layout. */
  const reference = (xs: rl.Tensor[], a0: rl.Tensor, p: GruParams, das: rl.Tensor[], k: number): GruGrads[] => {
    const tp = toTorch(p), tg = rl.zerosLikeParams(tp), n_a = a0.shape[0], out: GruGrads[] = [];
    const X = rl.stack(xs.map((x) => rl.transpose(x))), D = rl.stack(das.map((d) => rl.transpose(d)));
    rl.truncatedBptt(rl.gruCell("classic"), tp, X, (outputs, t0, t1) => {
      const dOutputs = rl.slice(D, 0, t0, t1);
      return { loss: rl.sum(rl.mul(outputs, dOutputs)).item(), dOutputs };
    }, { k1: k, k2: k, grads: tg, state0: { h: rl.transpose(a0) }, onUpdate: () => {
      out.push(fromTorchGrads(tg, n_a));
      for (const t of Object.values(tg)) t.data.fill(0);
    } });
    return out;
  };
  rl.seed(6);
  const n_x = 2, n_a = 3, m = 2, T = 7, k = 3;
  const xs = Array.from({ length: T }, () => rl.randn([n_x, m])), das = Array.from({ length: T }, () => rl.randn([n_a, m]));
  const a0 = rl.randn([n_a, m]), p = randomParams(n_x, n_a, 0.5);
  const full = truncatedBptt(refCell, xs, a0, p, das, T), eFull = reference(xs, a0, p, das, T);
  check.equal("number of updates with k = T", full.updates.length, 1, "with k = T the whole sequence is one chunk: one update");
  check.close("dWu with k = T (full BPTT)", full.updates[0].dWu, eFull[0].dWu,
    "with k = T this is full BPTT: the gradient reaching a_t is das[t] plus the da_prev of step t + 1, and the weights' gradients add up over all steps");
  check.close("dbc with k = T (full BPTT)", full.updates[0].dbc, eFull[0].dbc, "the bias gradients add up over all steps");
  const tr = truncatedBptt(refCell, xs, a0, p, das, k), eTr = reference(xs, a0, p, das, k);
  check.equal("number of updates with T = 7, k = 3", tr.updates.length, 3, "one update per chunk of k steps; the last chunk may be shorter (steps 6 … 6)");
  check.close("update 0 (steps 0 … 2): dWc", tr.updates[0].dWc, eTr[0].dWc, "backpropagate only this chunk's das, from its last step down to its first, starting with da_next = 0");
  check.close("update 1 (steps 3 … 5): dWc", tr.updates[1].dWc, eTr[1].dWc,
    "start chunk 1's forward pass from the state chunk 0 ended in (not from a0), stop its backward pass at step 3 (t1 − k) and start each update's gradients from zero");
  check.close("update 2 (step 6, a shorter chunk): dbu", tr.updates[2].dbu, eTr[2].dbu, "the last chunk holds the remaining step 6, and its window reaches back k = 3 steps (steps 4 … 6) with das only at step 6");
  let a = a0;
  for (const x of xs) a = refForward(x, a, p);
  check.close("aLast", tr.aLast, a, "the state is carried across chunks: the last state equals a plain forward pass over all T steps");
  // BEGIN HIDDEN TESTS
  rl.seed(106);
  const ys = Array.from({ length: 8 }, () => rl.randn([2, 2])), ds = Array.from({ length: 8 }, () => rl.randn([3, 2]));
  const b0 = rl.randn([3, 2]), q = randomParams(2, 3, 0.5);
  const mine = truncatedBptt({ forward: gruCellForward, backward: gruCellBackward }, ys, b0, q, ds, 4), eMine = reference(ys, b0, q, ds, 4);
  check.close("update 1 of a hidden sequence with your GRU cell: dWr", mine.updates[1].dWr, eMine[1].dWr);
  const L = () => { let s = 0, h = b0; ys.forEach((y, t) => { h = refForward(y, h, q); s += rl.sum(rl.mul(h, ds[t])).item(); }); return s; };
  const whole = truncatedBptt(refCell, ys, b0, q, ds, 8);
  const fdTolT = { rtol: 1e-5, atol: 1e-7 };
  check.close("k = T: dWu agrees with central differences of the whole loss on a hidden sequence", whole.updates[0].dWu, rl.numericGrad(L, q.Wu), undefined, fdTolT);
  check.close("k = T: dbc agrees with central differences of the whole loss on a hidden sequence", whole.updates[0].dbc, rl.numericGrad(L, q.bc), undefined, fdTolT);
  // END HIDDEN TESTS
}

// %% [markdown]
// ## Summary
// The GRU interpolates between the old state and a candidate with its update gate; the reset gate decides how much of the old state
// the candidate sees. Its backward pass has three routes to $a_{t-1}$: the direct one through $1 - u_t$, the one through the candidate's
// $r_t \ast a_{t-1}$, and the ones through the gates. Clipping by the global norm rescales all gradients by one factor, so it keeps the
// gradient's direction and only bounds its length. Truncated BPTT bounds the memory and the time of each update to $k$ steps, at the price
// of ignoring dependencies longer than $k$; with $k = T$ it is full BPTT.
