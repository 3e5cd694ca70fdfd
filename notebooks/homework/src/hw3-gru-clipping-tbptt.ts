// %% [markdown]
// # Homework 3: the GRU cell, gradient clipping and truncated BPTT
//
// **Difficulty: medium to hard. Expected time: 4–5 hours**: part 2 (the derivation) and part 4 (truncated BPTT) take most of it. 14 points.
//
// You implement, with `rnnlab` tensor ops only (`rl.matmul`, `rl.matmulTA`, `rl.matmulTB`, `rl.concat`, `rl.slice`, `rl.add`, `rl.sub`, `rl.mul`, `rl.sigmoid`, `rl.tanh`, `rl.sum`, `rl.norm`, …):
// 1. `gruCellForward`: one step of the GRU (3 points)
// 2. `gruCellBackward`: its gradients, **derived by you** (4 points)
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
// **Layout (columns are examples):** $x_t$ is `[n_x, m]`, $a_t$ is `[n_a, m]`,
// each $W$ is `[n_a, n_a + n_x]` (first $n_a$ columns for $a_{t-1}$ (or $r_t \ast a_{t-1}$), last $n_x$ for $x_t$), each $b$ is `[n_a, 1]`.
// The records are `rl.hw.GruParams`, `rl.hw.GruCache`, `rl.hw.GruGrads` and `rl.hw.GruStepGrads` (hover them for their fields).
// The tests compare your cell with rnnlab's `rl.gruCellForward(x, h, p, "classic")` (PyTorch's row layout, $z = 1 - u$), mapped to this
// layout by `rl.hw.gruReferenceCell`.
//
// Write your code between `// YOUR CODE HERE` and the end of each function; do not rename functions or edit the test cells.
// Run `npx rnnlab validate hw3-gru-clipping-tbptt-student.ipynb` before you submit.

// %%
import * as rl from "rnnlab";
const check = rl.check, hw = rl.hw;
type GruParams = rl.hw.GruParams;
type GruCache = rl.hw.GruCache;
type GruGrads = rl.hw.GruGrads;
type GruStepGrads = rl.hw.GruStepGrads;
type StepFns = rl.hw.GruStepFns; // a cell as truncatedBptt uses it: { forward(xt, aPrev, p), backward(daNext, cache) }
const FD = { rtol: 1e-5, atol: 1e-7 }; // the tolerance of comparisons with central differences

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
  const xt = rl.randn([n_x, m]), aPrev = rl.randn([n_a, m]), p = hw.randomGruParams(n_x, n_a), Z = hw.zeroGruParams(n_x, n_a);
  const refForward = hw.gruReferenceForward;
  const full = gruCellForward(xt, aPrev, p);
  check.shape("a_next", full.aNext, [n_a, m], "a_next must be [n_a, m]");
  const cols = (v: rl.Tensor) => rl.add(rl.zeros([n_a, m]), v);
  const onlyB = gruCellForward(xt, aPrev, { ...Z, bu: p.bu, br: p.br, bc: p.bc }).cache;
  check.close("cache.ut when only the biases are non-zero", onlyB.ut, cols(rl.sigmoid(p.bu)), "check the update gate u = σ(W_u [a_prev; x_t] + b_u): b_u [n_a, 1] is added to every column");
  check.close("cache.rt when only the biases are non-zero", onlyB.rt, cols(rl.sigmoid(p.br)), "check the reset gate r = σ(W_r [a_prev; x_t] + b_r)");
  check.close("cache.cct when only the biases are non-zero", onlyB.cct, cols(rl.tanh(p.bc)), "check the candidate ã = tanh(W_c [r ∗ a_prev; x_t] + b_c): tanh, not σ");
  const big = (v: number) => rl.full([n_a, 1], v);
  const shut = { ...p, bu: big(-30) };
  check.close("a_next when the update gate is shut (u = 0)", gruCellForward(xt, aPrev, shut).aNext, aPrev,
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
  const q = hw.randomGruParams(5, 3), x2 = rl.randn([5, 2]), a2 = rl.randn([3, 2]);
  const h2 = gruCellForward(x2, a2, q), c2 = hw.gruReferenceCache(x2, a2, q);
  check.close("a_next on a hidden batch (n_x = 5, n_a = 3, m = 2)", h2.aNext, c2.aNext);
  check.close("cache.rt on a hidden batch", h2.cache.rt, c2.rt);
  // END HIDDEN TESTS
}

// %% [markdown]
// ## 2. One GRU step backward: derive it
// Some loss $L$ depends on $a_t$; you are given $\partial L/\partial a_t$ (`daNext`, `[n_a, m]`). From the cache, compute
// `{ grads: {dWu, dbu, dWr, dbr, dWc, dbc}, dxt, daPrev }`: the gradients of the six parameters (their shapes; sum over the $m$ examples),
// of $x_t$ (`[n_x, m]`) and of $a_{t-1}$ (`[n_a, m]`).
//
// The backward equations are yours to derive (write them in a markdown cell below; not graded). Things to settle on the way:
// $a_{t-1}$ reaches $a_t$ by several routes — which? (Count them in the four forward equations: directly, through the candidate's
// $r_t \ast a_{t-1}$, and through the gates' common input.) Which part of the candidate's input gradient belongs to $r_t$, and which to $x_t$?
// What does the update gate's gradient depend on, given that $a_t$ interpolates between $a_{t-1}$ and $\tilde a_t$?
//
// The tests check what your gradients **do**: each must equal central differences of $L = \sum a_t \ast G$ (`hw.gruSequenceLoss` over one
// step) with respect to that tensor, and one case has an answer you can predict without a derivative (a shut update gate copies the state,
// so what is $\partial L/\partial a_{t-1}$?). The tests pass a correct cache made by rnnlab's forward step (`rl.hw.gruReferenceCache`), so
// this part is graded independently of part 1.

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
  const xt = rl.randn([n_x, m]), aPrev = rl.randn([n_a, m]), p = hw.randomGruParams(n_x, n_a), G = rl.randn([n_a, m]);
  const g = gruCellBackward(G, hw.gruReferenceCache(xt, aPrev, p));
  const L = () => hw.gruSequenceLoss([xt], aPrev, p, [G], 0, 1); // L = Σ a_t ∗ G, so ∂L/∂a_t = G
  check.shape("shape of dbu", g.grads.dbu, [n_a, 1], "each db has its bias's shape [n_a, 1]: the examples share the bias");
  check.shape("shape of dWc", g.grads.dWc, [n_a, n_a + n_x], "dW_c has W_c's shape");
  check.close("dbc", g.grads.dbc, rl.numericGrad(L, p.bc), "the candidate reaches a_t through u ∗ ã", FD);
  check.close("dbu", g.grads.dbu, rl.numericGrad(L, p.bu), "u moves a_t from a_prev towards ã", FD);
  check.close("dbr", g.grads.dbr, rl.numericGrad(L, p.br), "r acts on a_prev inside the candidate's input, before W_c", FD);
  check.close("dWc", g.grads.dWc, rl.numericGrad(L, p.Wc), "the candidate's input is [r ∗ a_prev; x_t], not [a_prev; x_t]", FD);
  check.close("dWu", g.grads.dWu, rl.numericGrad(L, p.Wu), undefined, FD);
  check.close("dWr", g.grads.dWr, rl.numericGrad(L, p.Wr), undefined, FD);
  const shut = { ...p, bu: rl.full([n_a, 1], -30) };
  check.close("daPrev when the update gate is shut (u = 0)", gruCellBackward(G, hw.gruReferenceCache(xt, aPrev, shut)).daPrev, G,
    "with u = 0 the cell copies a_prev to a_t, so the gradient passes back unchanged");
  check.close("daPrev", g.daPrev, rl.numericGrad(L, aPrev), "a_prev reaches a_t by three routes; add them all", FD);
  check.close("dxt", g.dxt, rl.numericGrad(L, xt), "x_t enters both gates and the candidate", FD);
  // BEGIN HIDDEN TESTS
  rl.seed(102);
  const q = hw.randomGruParams(4, 3), x2 = rl.randn([4, 5]), a2 = rl.randn([3, 5]), G2 = rl.randn([3, 5]);
  const h2 = gruCellBackward(G2, hw.gruReferenceCache(x2, a2, q)), r2 = hw.gruReferenceBackward(G2, x2, a2, q);
  check.close("dWr on a hidden batch", h2.grads.dWr, r2.grads.dWr);
  check.close("dbu on a hidden batch", h2.grads.dbu, r2.grads.dbu);
  check.close("daPrev on a hidden batch", h2.daPrev, r2.daPrev);
  check.close("dxt on a hidden batch", h2.dxt, r2.dxt);
  const open = { ...q, bu: rl.full([3, 1], 30), br: rl.full([3, 1], -30) };
  check.close("dWc with u = 1 and r = 0 on a hidden batch", gruCellBackward(G2, hw.gruReferenceCache(x2, a2, open)).grads.dWc, hw.gruReferenceBackward(G2, x2, a2, open).grads.dWc);
  const L2 = () => rl.sum(rl.mul(gruCellForward(x2, a2, q).aNext, G2)).item();
  check.close("dWc agrees with central differences on a hidden batch", h2.grads.dWc, rl.numericGrad(L2, q.Wc), undefined, FD);
  check.close("daPrev agrees with central differences on a hidden batch", h2.daPrev, rl.numericGrad(L2, a2), undefined, FD);
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
// Over a long sequence, full BPTT stores every step and sends gradients back to step 0. You implement **truncated BPTT($k_1, k_2$) with
// $k_1 = k_2 = k$**, exactly as notebook 02 (section 7) defines it, the course's one definition:
// cut the sequence into chunks of $k$ steps, $[0, k), [k, 2k), \dots$ (the last one possibly shorter). For each chunk $[t_0, t_1)$, in order:
// 1. run the cell forward over the chunk **from the state the previous chunk ended in** (the first chunk starts from $a_0$):
//    the state crosses chunk boundaries;
// 2. backpropagate **the chunk's loss** (steps $t_0 \dots t_1 - 1$) from step $t_1 - 1$ back to step $\max(0, t_1 - k)$, starting with no
//    gradient from the future; the state entering that window is treated as a constant (the gradient does not cross it);
// 3. the parameter gradients summed over that backward pass are **one update** (what an optimizer step would use).
//
// For every full chunk the window of step 2 is the chunk itself. A shorter last chunk has a window of $k$ steps all the same: it reaches
// back into the previous chunk, where only the gradient of the last chunk's own losses flows (that chunk's losses were counted in its own update).
//
// The loss is $L = \sum_t \sum (a_t \ast G_t)$, so $\partial L/\partial a_t$ is the given `das[t]`. `truncatedBptt(cell, xs, a0, p, das, k)`
// returns `updates` (one `GruGrads` per chunk, in order) and `aLast`, the state after the last step. Use `cell.forward`/`cell.backward`,
// not your GRU functions directly: the tests pass rnnlab's reference cell (`rl.hw.gruReferenceCell`) as well as yours.
// `rl.hw.zeroGruGrads(p)` and `rl.hw.addGruGrads(a, b)` may help. With $k = T$ this is full BPTT.
//
// The tests check behaviour: an update must equal central differences of the loss its definition backpropagates, with the state entering
// its window held fixed (`rl.hw.gruSequenceLoss(xs, aStart, p, das, from, to, lossFrom)` and `rl.hw.gruStateAt(xs, a0, p, t)`); with $k = T$,
// of the whole loss.

// %% {"nbgrader": {"grade": false, "grade_id": "truncated-bptt", "solution": true}}
function truncatedBptt(cell: StepFns, xs: rl.Tensor[], a0: rl.Tensor, p: GruParams, das: rl.Tensor[], k: number): { updates: GruGrads[]; aLast: rl.Tensor } {
  // BEGIN SOLUTION
  const updates: GruGrads[] = [];
  const caches: unknown[] = [];   // caches[t] of every step so far (the last chunk's window may reach into the previous chunk)
  let a = a0;
  for (let t0 = 0; t0 < xs.length; t0 += k) {
    const t1 = Math.min(xs.length, t0 + k);
    for (let t = t0; t < t1; t++) {
      const r = cell.forward(xs[t], a, p);
      a = r.aNext; caches.push(r.cache);
    }
    let acc = hw.zeroGruGrads(p);
    let daNext = rl.zerosLike(a0);
    for (let t = t1 - 1; t >= Math.max(0, t1 - k); t--) {
      const g = cell.backward(t >= t0 ? rl.add(das[t], daNext) : daNext, caches[t]);
      daNext = g.daPrev;
      acc = hw.addGruGrads(acc, g.grads);
    }
    updates.push(acc);
  }
  return { updates, aLast: a };
  // END SOLUTION
}

// %% {"nbgrader": {"grade": true, "grade_id": "test-truncated-bptt", "points": 4, "solution": false}}
{
  rl.seed(6);
  const n_x = 2, n_a = 3, m = 2, T = 7, k = 3;
  const xs = Array.from({ length: T }, () => rl.randn([n_x, m])), das = Array.from({ length: T }, () => rl.randn([n_a, m]));
  const a0 = rl.randn([n_a, m]), p = hw.randomGruParams(n_x, n_a, 0.5), ref = hw.gruReferenceCell;
  /** Central differences, with respect to one parameter, of the loss of steps lossFrom … to−1 run from the state at `from` (held fixed). */
  const fd = (name: keyof GruParams, from: number, to: number, lossFrom = from) => {
    const aStart = hw.gruStateAt(xs, a0, p, from);
    return rl.numericGrad(() => hw.gruSequenceLoss(xs, aStart, p, das, from, to, lossFrom), p[name]);
  };
  const full = truncatedBptt(ref, xs, a0, p, das, T);
  check.equal("number of updates with k = T", full.updates.length, 1, "with k = T the whole sequence is one chunk: one update");
  check.close("dWu with k = T (full BPTT)", full.updates[0].dWu, fd("Wu", 0, T),
    "with k = T this is full BPTT: the gradient reaching a_t comes from das[t] and from step t + 1, and the weights' gradients add up over all steps", FD);
  check.close("dbc with k = T (full BPTT)", full.updates[0].dbc, fd("bc", 0, T), "the bias gradients add up over all steps", FD);
  const tr = truncatedBptt(ref, xs, a0, p, das, k);
  check.equal("number of updates with T = 7, k = 3", tr.updates.length, 3, "one update per chunk of k steps; the last chunk may be shorter (here step 6 alone)");
  check.close("update 0 (steps 0 … 2): dWc", tr.updates[0].dWc, fd("Wc", 0, 3), "an update is the gradient of its own chunk's loss; start each from zero", FD);
  check.close("update 1 (steps 3 … 5): dWc", tr.updates[1].dWc, fd("Wc", 3, 6),
    "chunk 1 runs forward from the state chunk 0 ended in (not from a0), and its gradient stops at step 3 = t1 − k", FD);
  check.close("update 2 (step 6, a shorter chunk): dbu", tr.updates[2].dbu, fd("bu", 4, 7, 6),
    "the last chunk's loss is step 6's alone, backpropagated k = 3 steps (6, 5, 4) as notebook 02 defines it; steps 4 and 5 add no loss of their own", FD);
  let a = a0;
  for (const x of xs) a = hw.gruReferenceForward(x, a, p);
  check.close("aLast", tr.aLast, a, "the state is carried across chunks: the last state equals a plain forward pass over all T steps");
  // BEGIN HIDDEN TESTS
  rl.seed(106);
  const ys = Array.from({ length: 8 }, () => rl.randn([2, 2])), ds = Array.from({ length: 8 }, () => rl.randn([3, 2]));
  const b0 = rl.randn([3, 2]), q = hw.randomGruParams(2, 3, 0.5);
  const fd2 = (name: keyof GruParams, from: number, to: number, lossFrom = from) => {
    const aStart = hw.gruStateAt(ys, b0, q, from);
    return rl.numericGrad(() => hw.gruSequenceLoss(ys, aStart, q, ds, from, to, lossFrom), q[name]);
  };
  const mine = truncatedBptt({ forward: gruCellForward, backward: gruCellBackward }, ys, b0, q, ds, 4);
  check.close("update 1 of a hidden sequence with your GRU cell: dWr", mine.updates[1].dWr, fd2("Wr", 4, 8), undefined, FD);
  const three = truncatedBptt(ref, ys, b0, q, ds, 3);
  check.equal("number of updates with T = 8, k = 3 (hidden)", three.updates.length, 3);
  check.close("update 2 (steps 6 … 7, window 5 … 7) of a hidden sequence: dWu", three.updates[2].dWu, fd2("Wu", 5, 8, 6), undefined, FD);
  check.close("update 1 (steps 3 … 5) of a hidden sequence: dbr", three.updates[1].dbr, fd2("br", 3, 6), undefined, FD);
  const one = truncatedBptt(ref, ys, b0, q, ds, 1);
  check.close("k = 1 (every step its own chunk), update 5 of a hidden sequence: dWc", one.updates[5].dWc, fd2("Wc", 5, 6), undefined, FD);
  const whole = truncatedBptt(ref, ys, b0, q, ds, 8);
  check.close("k = T: dWu agrees with central differences of the whole loss on a hidden sequence", whole.updates[0].dWu, fd2("Wu", 0, 8), undefined, FD);
  // END HIDDEN TESTS
}

// %% [markdown]
// ## Summary
// The GRU interpolates between the old state and a candidate with its update gate; the reset gate decides how much of the old state
// the candidate sees. Its backward pass has three routes to $a_{t-1}$: the direct one through $1 - u_t$, the one through the candidate's
// $r_t \ast a_{t-1}$, and the ones through the gates. Clipping by the global norm rescales all gradients by one factor, so it keeps the
// gradient's direction and only bounds its length. Truncated BPTT($k$, $k$) carries the state across chunks but backpropagates each chunk's
// loss through at most $k$ steps: each update costs at most $k$ cached steps and comes before the sequence ends, at the price of ignoring
// longer dependencies (a step just after a chunk boundary gets almost no gradient from its past); with $k = T$ it is full BPTT.
