// %% [markdown]
// # Homework 1: the vanilla RNN cell, forward and backward, and BPTT over a sequence
//
// **Difficulty: introductory. Expected time: 2–3 hours.** 8 points.
//
// You implement, with `rnnlab` tensor ops only (`rl.matmul`, `rl.add`, `rl.mul`, `rl.tanh`, `rl.sum`, `rl.transpose`, …):
// 1. `rnnCellForward`: one step $a_t = \tanh(W_{aa} a_{t-1} + W_{ax} x_t + b_a)$ (2 points)
// 2. `rnnCellBackward`: its gradients (3 points)
// 3. `rnnForward` and `rnnBackward`: the loop over time and backpropagation through time (3 points)
//
// **Layout (the "RNN step by step" one, columns are examples):** $x_t$ is `[n_x, m]`, $a_t$ is `[n_a, m]`,
// $W_{ax}$ is `[n_a, n_x]`, $W_{aa}$ is `[n_a, n_a]`, $b_a$ is `[n_a, 1]` (broadcast over the `m` columns).
// rnnlab's own cells use PyTorch's row layout (`h' = tanh(x W_ihᵀ + h W_hhᵀ + b)`); here $W_{ax} = W_{ih}$, $W_{aa} = W_{hh}$.
//
// Write your code between `// YOUR CODE HERE` and the end of each function; do not rename functions or edit the test cells.
// Run `npx rnnlab validate hw1-rnn-cell-student.ipynb` before you submit.

// %%
import * as rl from "rnnlab";
const check = rl.check;

/** The parameters of the cell. */
interface RnnParams { Wax: rl.Tensor; Waa: rl.Tensor; ba: rl.Tensor }
/** What the forward step keeps for the backward step. */
interface RnnCache { aNext: rl.Tensor; aPrev: rl.Tensor; xt: rl.Tensor; p: RnnParams }
/** The gradients of one step (or of a whole sequence). */
interface RnnGrads { dWax: rl.Tensor; dWaa: rl.Tensor; dba: rl.Tensor }

/** Central finite differences of the scalar `f()` with respect to every element of `t` (rnnlab's, float64, ε = 1e-6). */
const numericalGrad = (f: () => number, t: rl.Tensor): rl.Tensor => rl.numericGrad(f, t);
/** Random parameters for tests. */
function randomParams(n_x: number, n_a: number): RnnParams {
  return { Wax: rl.randn([n_a, n_x]), Waa: rl.randn([n_a, n_a]), ba: rl.randn([n_a, 1]) };
}
const FD = { rtol: 1e-5, atol: 1e-7 };

// %% [markdown]
// ## 1. One step forward
// $a_t = \tanh(W_{aa} a_{t-1} + W_{ax} x_t + b_a)$. Return `aNext` and the cache `{aNext, aPrev, xt, p}`.

// %% {"nbgrader": {"grade": false, "grade_id": "rnn-cell-forward", "solution": true}}
function rnnCellForward(xt: rl.Tensor, aPrev: rl.Tensor, p: RnnParams): { aNext: rl.Tensor; cache: RnnCache } {
  // BEGIN SOLUTION
  const z = rl.add(rl.add(rl.matmul(p.Waa, aPrev), rl.matmul(p.Wax, xt)), p.ba);
  const aNext = rl.tanh(z);
  return { aNext, cache: { aNext, aPrev, xt, p } };
  // END SOLUTION
}

// %% {"nbgrader": {"grade": true, "grade_id": "test-rnn-cell-forward", "points": 2, "solution": false}}
{
  rl.seed(1);
  const n_x = 3, n_a = 2, m = 4;
  const xt = rl.randn([n_x, m]), aPrev = rl.randn([n_a, m]), p = randomParams(n_x, n_a);
  const Z = { Wax: rl.zeros([n_a, n_x]), Waa: rl.zeros([n_a, n_a]), ba: rl.zeros([n_a, 1]) };
  const onlyB = rnnCellForward(xt, aPrev, { ...Z, ba: p.ba }).aNext;
  check.shape("a_next", onlyB, [n_a, m], "a_next must be [n_a, m]");
  check.close("a_next when only b_a is non-zero", onlyB, rl.add(rl.zeros([n_a, m]), rl.tanh(p.ba)), "check the bias term: b_a [n_a, 1] is added to every column");
  check.close("a_next when only W_ax is non-zero", rnnCellForward(xt, aPrev, { ...Z, Wax: p.Wax }).aNext, rl.tanh(rl.matmul(p.Wax, xt)), "check the input term W_ax x_t");
  check.close("a_next when only W_aa is non-zero", rnnCellForward(xt, aPrev, { ...Z, Waa: p.Waa }).aNext, rl.tanh(rl.matmul(p.Waa, aPrev)), "check the recurrent term W_aa a_prev");
  check.close("a_next with every term", rnnCellForward(xt, aPrev, p).aNext,
    rl.tanh(rl.add(rl.add(rl.matmul(p.Waa, aPrev), rl.matmul(p.Wax, xt)), p.ba)), "the sum of the three terms goes through tanh once");
  // BEGIN HIDDEN TESTS
  rl.seed(101);
  const q = randomParams(5, 3), x2 = rl.randn([5, 2]), a2 = rl.randn([3, 2]);
  check.close("a_next on a hidden batch (n_x = 5, n_a = 3, m = 2)", rnnCellForward(x2, a2, q).aNext,
    rl.tanh(rl.add(rl.add(rl.matmul(q.Waa, a2), rl.matmul(q.Wax, x2)), q.ba)));
  // END HIDDEN TESTS
}

// %% [markdown]
// ## 2. One step backward
// Given $\partial L/\partial a_t$ (`daNext`, `[n_a, m]`), return `dxt`, `daPrev` and the parameter gradients
// (`dba` is `[n_a, 1]`: sum over the examples). Hint: $\tanh'(z) = 1 - \tanh(z)^2$, and the cache holds $\tanh(z)$.

// %% {"nbgrader": {"grade": false, "grade_id": "rnn-cell-backward", "solution": true}}
function rnnCellBackward(daNext: rl.Tensor, cache: RnnCache): RnnGrads & { dxt: rl.Tensor; daPrev: rl.Tensor } {
  // BEGIN SOLUTION
  const { aNext, aPrev, xt, p } = cache;
  const dz = rl.mul(daNext, rl.sub(1, rl.square(aNext)));
  return {
    dxt: rl.matmulTA(p.Wax, dz), daPrev: rl.matmulTA(p.Waa, dz),
    dWax: rl.matmulTB(dz, xt), dWaa: rl.matmulTB(dz, aPrev), dba: rl.sum(dz, 1, true),
  };
  // END SOLUTION
}

// %% {"nbgrader": {"grade": true, "grade_id": "test-rnn-cell-backward", "points": 3, "solution": false}}
{
  rl.seed(2);
  const n_x = 3, n_a = 2, m = 4;
  const xt = rl.randn([n_x, m]), aPrev = rl.randn([n_a, m]), p = randomParams(n_x, n_a), G = rl.randn([n_a, m]);
  const L = () => rl.sum(rl.mul(rnnCellForward(xt, aPrev, p).aNext, G)).item();
  const g = rnnCellBackward(G, rnnCellForward(xt, aPrev, p).cache);
  check.shape("dba", g.dba, [n_a, 1], "dba is [n_a, 1]: sum dz over the examples (axis 1, keeping the dimension)");
  check.close("dba", g.dba, numericalGrad(L, p.ba), "check the bias gradient: dz = da_next ∗ (1 − a_next²), summed over the examples", FD);
  check.close("dWax", g.dWax, numericalGrad(L, p.Wax), "dWax = dz x_tᵀ", FD);
  check.close("dWaa", g.dWaa, numericalGrad(L, p.Waa), "dWaa = dz a_prevᵀ", FD);
  check.close("dxt", g.dxt, numericalGrad(L, xt), "dxt = W_axᵀ dz", FD);
  check.close("daPrev", g.daPrev, numericalGrad(L, aPrev), "da_prev = W_aaᵀ dz", FD);
  // BEGIN HIDDEN TESTS
  rl.seed(102);
  const q = randomParams(4, 3), x2 = rl.randn([4, 5]), a2 = rl.randn([3, 5]), G2 = rl.randn([3, 5]);
  const L2 = () => rl.sum(rl.mul(rnnCellForward(x2, a2, q).aNext, G2)).item();
  const g2 = rnnCellBackward(G2, rnnCellForward(x2, a2, q).cache);
  check.close("dWaa on a hidden batch", g2.dWaa, numericalGrad(L2, q.Waa), undefined, FD);
  check.close("daPrev on a hidden batch", g2.daPrev, numericalGrad(L2, a2), undefined, FD);
  // END HIDDEN TESTS
}

// %% [markdown]
// ## 3. The sequence: forward over time, and backpropagation through time
// `rnnForward(xs, a0, p)` runs the cell over `xs` (a list of `[n_x, m]`, one per step) from `a0` and returns every `a_t` and cache.
// `rnnBackward(das, caches)` takes $\partial L/\partial a_t$ from the loss at every step (`das[t]`) and returns the
// gradients of the inputs `dxs[t]`, of `a0` (`da0`) and of the shared parameters, **accumulated over the steps**.
// Walk backwards: the gradient reaching $a_t$ is `das[t]` plus what flows back from step $t+1$.

// %% {"nbgrader": {"grade": false, "grade_id": "rnn-forward-backward", "solution": true}}
function rnnForward(xs: rl.Tensor[], a0: rl.Tensor, p: RnnParams): { as: rl.Tensor[]; caches: RnnCache[] } {
  // BEGIN SOLUTION
  const as: rl.Tensor[] = [], caches: RnnCache[] = [];
  let a = a0;
  for (const xt of xs) {
    const r = rnnCellForward(xt, a, p);
    a = r.aNext; as.push(a); caches.push(r.cache);
  }
  return { as, caches };
  // END SOLUTION
}

function rnnBackward(das: rl.Tensor[], caches: RnnCache[]): RnnGrads & { dxs: rl.Tensor[]; da0: rl.Tensor } {
  // BEGIN SOLUTION
  const p = caches[0].p;
  let dWax = rl.zerosLike(p.Wax), dWaa = rl.zerosLike(p.Waa), dba = rl.zerosLike(p.ba);
  const dxs: rl.Tensor[] = new Array(caches.length);
  let daNext = rl.zerosLike(das[0]);
  for (let t = caches.length - 1; t >= 0; t--) {
    const g = rnnCellBackward(rl.add(das[t], daNext), caches[t]);
    dxs[t] = g.dxt; daNext = g.daPrev;
    dWax = rl.add(dWax, g.dWax); dWaa = rl.add(dWaa, g.dWaa); dba = rl.add(dba, g.dba);
  }
  return { dxs, da0: daNext, dWax, dWaa, dba };
  // END SOLUTION
}

// %% {"nbgrader": {"grade": true, "grade_id": "test-bptt", "points": 3, "solution": false}}
{
  rl.seed(3);
  const n_x = 3, n_a = 2, m = 2, T = 4;
  const xs = Array.from({ length: T }, () => rl.randn([n_x, m])), a0 = rl.randn([n_a, m]), p = randomParams(n_x, n_a);
  const Gs = Array.from({ length: T }, () => rl.randn([n_a, m]));
  const f = rnnForward(xs, a0, p);
  check.equal("number of steps", f.as.length, T, "rnnForward returns one a_t per input step");
  let a = a0;
  for (let t = 0; t < T; t++) a = rnnCellForward(xs[t], a, p).aNext;
  check.close("a_T (the last state)", f.as[T - 1], a, "each step starts from the previous step's a_t, the first one from a0");
  const L = () => rnnForward(xs, a0, p).as.reduce((s, at, t) => s + rl.sum(rl.mul(at, Gs[t])).item(), 0);
  const g = rnnBackward(Gs, f.caches);
  check.close("da0", g.da0, numericalGrad(L, a0), "the gradient reaching a_t is das[t] plus the da_prev of step t + 1", FD);
  check.close("dxs[0]", g.dxs[0], numericalGrad(L, xs[0]), "dxs[t] comes from step t's backward", FD);
  check.close("dWaa over the sequence", g.dWaa, numericalGrad(L, p.Waa), "the shared weights' gradients add up over the steps", FD);
  check.close("dba over the sequence", g.dba, numericalGrad(L, p.ba), "the bias gradient adds up over the steps", FD);
  // BEGIN HIDDEN TESTS
  rl.seed(103);
  const q = randomParams(2, 3), ys = Array.from({ length: 6 }, () => rl.randn([2, 3])), b0 = rl.randn([3, 3]);
  const Hs = Array.from({ length: 6 }, () => rl.randn([3, 3]));
  const L2 = () => rnnForward(ys, b0, q).as.reduce((s, at, t) => s + rl.sum(rl.mul(at, Hs[t])).item(), 0);
  const g2 = rnnBackward(Hs, rnnForward(ys, b0, q).caches);
  check.close("dWax over a hidden sequence of 6 steps", g2.dWax, numericalGrad(L2, q.Wax), undefined, FD);
  check.close("da0 over a hidden sequence of 6 steps", g2.da0, numericalGrad(L2, b0), undefined, FD);
  // END HIDDEN TESTS
}

// %% [markdown]
// ## Summary
// One RNN step is one affine map and a tanh; its backward pass multiplies by $1 - a^2$ and transposes the weights.
// BPTT runs the step backwards in time, adding the gradient from the future to the one from the loss at each step,
// and accumulates the shared weights' gradients over every step.
