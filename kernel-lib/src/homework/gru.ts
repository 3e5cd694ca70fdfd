// Homework 3's GRU (u-form, reset before W_c) in the "columns are examples" layout: parameter records, and rnnlab's classic GRU mapped to that layout as the tests' reference.
import { Tensor, checkShape, concat, slice, transpose, zeros, randn, neg, sub, add, mul, sum, zerosLike } from "../tensor";
import { CellParams, zerosLikeParams, gruCellForward, gruCellBackward } from "../cells";
import { checkArray, checkInt, checkNumber, checkObject, checkSize } from "../args";
import { checkColumnList, checkColumns, checkRecord } from "./checks";

const GRU_GATES = ["u", "r", "c"] as const;
/** Checks `p` is a GRU record and `xt [n_x, m]`, `aPrev [n_a, m]`; returns the sizes and m. */
function checkStep(fn: string, xt: unknown, aPrev: unknown, p: unknown): { n_a: number; n_x: number; m: number } {
  const { n_a, n_x } = checkRecord(fn, "p", p, GRU_GATES);
  const m = checkColumns(fn, "xt", xt, n_x, "n_x");
  checkColumns(fn, "aPrev", aPrev, n_a, "n_a", m);
  return { n_a, n_x, m };
}

/*
 * Shapes: n_x input size, n_a hidden size, m examples (columns). x_t [n_x, m], a_t [n_a, m];
 * each W [n_a, n_a + n_x] (first n_a columns for a_{t-1}, or r_t ∗ a_{t-1} in W_c; last n_x for x_t); each b [n_a, 1].
 */

/** The parameters of the homework's GRU cell: `W*` are `[n_a, n_a + n_x]`, `b*` are `[n_a, 1]` (u update, r reset, c candidate). */
export interface GruParams { Wu: Tensor; bu: Tensor; Wr: Tensor; br: Tensor; Wc: Tensor; bc: Tensor }
/** What the forward step keeps: `aNext`, `aPrev`, `ut`, `rt`, `cct` (the candidate ã_t) `[n_a, m]`, `xt [n_x, m]`, the parameters. */
export interface GruCache { aNext: Tensor; aPrev: Tensor; xt: Tensor; ut: Tensor; rt: Tensor; cct: Tensor; p: GruParams }
/** The gradients of the parameters (shapes as the parameters). */
export interface GruGrads { dWu: Tensor; dbu: Tensor; dWr: Tensor; dbr: Tensor; dWc: Tensor; dbc: Tensor }
/** What a backward step returns: the parameter gradients, `dxt [n_x, m]` and `daPrev [n_a, m]`. */
export interface GruStepGrads { grads: GruGrads; dxt: Tensor; daPrev: Tensor }
/** A cell as a truncated-BPTT routine uses it: the student's forward/backward pair, or {@link gruReferenceCell}. */
export interface GruStepFns {
  forward(xt: Tensor, aPrev: Tensor, p: GruParams): { aNext: Tensor; cache: any };
  backward(daNext: Tensor, cache: any): GruStepGrads;
}

/** The parameter names, in a fixed order (`dW…`/`db…` are the gradients' names). */
export const GRU_PARAM_NAMES = ["Wu", "bu", "Wr", "br", "Wc", "bc"] as const;

/** Random parameters, every element ~ N(0, std²) from the global generator. @returns `W* [n_a, n_a + n_x]`, `b* [n_a, 1]` */
export function randomGruParams(n_x: number, n_a: number, std = 1): GruParams {
  checkSize("randomGruParams", "n_x", n_x);
  checkSize("randomGruParams", "n_a", n_a);
  checkNumber("randomGruParams", "std", std, { min: 0 });
  const w = () => randn([n_a, n_a + n_x], { std }), v = () => randn([n_a, 1], { std });
  return { Wu: w(), bu: v(), Wr: w(), br: v(), Wc: w(), bc: v() };
}

/** All-zero parameters (override some fields to isolate one term). */
export function zeroGruParams(n_x: number, n_a: number): GruParams {
  checkSize("zeroGruParams", "n_x", n_x);
  checkSize("zeroGruParams", "n_a", n_a);
  const w = () => zeros([n_a, n_a + n_x]), v = () => zeros([n_a, 1]);
  return { Wu: w(), bu: v(), Wr: w(), br: v(), Wc: w(), bc: v() };
}

/** Zero gradients shaped like `p`. */
export function zeroGruGrads(p: GruParams): GruGrads {
  checkRecord("zeroGruGrads", "p", p, GRU_GATES);
  return { dWu: zerosLike(p.Wu), dbu: zerosLike(p.bu), dWr: zerosLike(p.Wr), dbr: zerosLike(p.br), dWc: zerosLike(p.Wc), dbc: zerosLike(p.bc) };
}

/**
 * The homework's parameters in rnnlab's layout for `rl.gruCellForward(…, "classic")`: blocks r, z, n with z = 1 − u
 * (so W_z = −W_u, b_z = −b_u); `weight_hh` = the first n_a columns of each W, `weight_ih` the rest; `bias_ih` = b, `bias_hh` = 0.
 */
export function gruToTorch(p: GruParams): CellParams {
  checkRecord("gruToTorch", "p", p, GRU_GATES);
  const n_a = p.Wu.shape[0]!;
  const blocks = [p.Wr, neg(p.Wu), p.Wc];
  return {
    weight_ih: concat(blocks.map((W) => slice(W, 1, n_a)), 0),
    weight_hh: concat(blocks.map((W) => slice(W, 1, 0, n_a)), 0),
    bias_ih: concat([p.br, neg(p.bu), p.bc], 0).reshape([3 * n_a]),
    bias_hh: zeros([3 * n_a]),
  };
}

/** rnnlab-layout gradients (of {@link gruToTorch}'s parameters) back to the homework's layout. */
export function gruGradsFromTorch(g: CellParams, n_a: number): GruGrads {
  const fn = "gruGradsFromTorch";
  checkObject(fn, "g", g, "{ weight_ih, weight_hh, bias_ih, bias_hh } of Tensors");
  checkSize(fn, "n_a", n_a);
  checkShape(fn, "g.weight_ih", g.weight_ih, [3 * n_a, -1], "3·n_a, n_x");
  checkShape(fn, "g.weight_hh", g.weight_hh, [3 * n_a, n_a], "3·n_a, n_a");
  checkShape(fn, "g.bias_ih", g.bias_ih, [3 * n_a], "3·n_a");
  const rows = (t: Tensor, k: number) => slice(t, 0, k * n_a, (k + 1) * n_a);
  const W = (k: number) => concat([rows(g.weight_hh, k), rows(g.weight_ih, k)], 1);
  const bias = (k: number) => rows(g.bias_ih, k).reshape([n_a, 1]); // bias_hh gets the same gradient: b = b_ih here
  return { dWr: W(0), dbr: bias(0), dWu: neg(W(1)), dbu: neg(bias(1)), dWc: W(2), dbc: bias(2) };
}

/** rnnlab's classic GRU (`rl.gruCellForward`/`rl.gruCellBackward`) on the homework's layout: the reference the tests compare with. */
export const gruReferenceCell: GruStepFns = {
  forward(xt, aPrev, p) {
    const tp = gruToTorch(p);
    const r = gruCellForward(transpose(xt), transpose(aPrev), tp, "classic");
    return { aNext: transpose(r.h), cache: { c: r.cache, tp, n_a: aPrev.shape[0] } };
  },
  backward(daNext, cache) {
    const tg = zerosLikeParams(cache.tp);
    const r = gruCellBackward(transpose(daNext), cache.c, tg);
    return { grads: gruGradsFromTorch(tg, cache.n_a), dxt: transpose(r.dx), daPrev: transpose(r.dh) };
  },
};

/** A correct cache of the homework's shape, from rnnlab's forward step (so a backward pass is graded on its own). */
export function gruReferenceCache(xt: Tensor, aPrev: Tensor, p: GruParams): GruCache {
  checkStep("gruReferenceCache", xt, aPrev, p);
  const r = gruCellForward(transpose(xt), transpose(aPrev), gruToTorch(p), "classic");
  const cols = (d: Float64Array) => transpose(new Tensor(d, [xt.shape[1]!, aPrev.shape[0]!]));
  return { aNext: transpose(r.h), aPrev, xt, ut: sub(1, cols(r.cache.z)), rt: cols(r.cache.r), cct: cols(r.cache.n), p };
}

/** One reference GRU step: `a_next [n_a, m]`. */
export function gruReferenceForward(xt: Tensor, aPrev: Tensor, p: GruParams): Tensor {
  checkStep("gruReferenceForward", xt, aPrev, p);
  return gruReferenceCell.forward(xt, aPrev, p).aNext;
}

/** The reference gradients of one step for upstream gradient `daNext [n_a, m]`. */
export function gruReferenceBackward(daNext: Tensor, xt: Tensor, aPrev: Tensor, p: GruParams): GruStepGrads {
  const { n_a, m } = checkStep("gruReferenceBackward", xt, aPrev, p);
  checkColumns("gruReferenceBackward", "daNext", daNext, n_a, "n_a", m);
  return gruReferenceCell.backward(daNext, gruReferenceCell.forward(xt, aPrev, p).cache);
}

/**
 * The loss of a run of the reference cell over steps `from … to−1`, starting from the state `aStart` (held constant):
 * `Σ_{t ≥ lossFrom} Σ a_t ∗ das[t]` (steps before `lossFrom` run but add no loss). With `from = 0, to = T` and `aStart = a0` it is
 * the whole sequence's loss. A truncated-BPTT update of chunk `[t0, t1)` with window `k2` is the gradient of
 * `gruSequenceLoss(xs, gruStateAt(xs, a0, p, w), p, das, w, t1, t0)` with `w = max(0, t1 − k2)`.
 * @param xs T tensors `[n_x, m]` @param das T tensors `[n_a, m]` (∂L/∂a_t)
 * @example rl.numericGrad(() => rl.hw.gruSequenceLoss(xs, a0, p, das, 0, xs.length), p.Wu) // full-BPTT dW_u by central differences
 */
export function gruSequenceLoss(xs: Tensor[], aStart: Tensor, p: GruParams, das: Tensor[], from: number, to: number, lossFrom = from): number {
  const fn = "gruSequenceLoss";
  checkArray(fn, "xs", xs);
  const { n_a, n_x } = checkRecord(fn, "p", p, GRU_GATES);
  const m = checkColumns(fn, "aStart", aStart, n_a, "n_a");
  const T = checkColumnList(fn, "xs", xs, n_x, "n_x", m);
  if (checkColumnList(fn, "das", das, n_a, "n_a", m) !== T) throw new Error(`${fn}: das must hold one Tensor per step of xs (${T}), got ${das.length}`);
  checkInt(fn, "from", from, { min: 0, max: T });
  checkInt(fn, "to", to, { min: from, max: T });
  checkInt(fn, "lossFrom", lossFrom, { min: 0 });
  let a = aStart, s = 0;
  for (let t = from; t < to; t++) {
    a = gruReferenceForward(xs[t]!, a, p);
    if (t >= lossFrom) s += sum(mul(a, das[t]!)).data[0]!;
  }
  return s;
}

/** The state after the first `t` steps, `a_t` `[n_a, m]` (a plain forward pass with the reference cell from `a0`; `t = 0` gives `a0`). */
export function gruStateAt(xs: Tensor[], a0: Tensor, p: GruParams, t: number): Tensor {
  const fn = "gruStateAt";
  checkArray(fn, "xs", xs);
  const { n_a, n_x } = checkRecord(fn, "p", p, GRU_GATES);
  const m = checkColumns(fn, "a0", a0, n_a, "n_a");
  checkInt(fn, "t", t, { min: 0, max: checkColumnList(fn, "xs", xs, n_x, "n_x", m) });
  let a = a0;
  for (let s = 0; s < t; s++) a = gruReferenceForward(xs[s]!, a, p);
  return a;
}

/** Adds `g` into `acc` (every field), returning a new record. */
export function addGruGrads(acc: GruGrads, g: GruGrads): GruGrads {
  const { n_a, n_x } = checkRecord("addGruGrads", "acc", acc, GRU_GATES, "d");
  const s = checkRecord("addGruGrads", "g", g, GRU_GATES, "d");
  if (s.n_a !== n_a || s.n_x !== n_x) throw new Error(`addGruGrads: g must have the sizes of acc (n_a = ${n_a}, n_x = ${n_x}), got n_a = ${s.n_a}, n_x = ${s.n_x}`);
  return { dWu: add(acc.dWu, g.dWu), dbu: add(acc.dbu, g.dbu), dWr: add(acc.dWr, g.dWr), dbr: add(acc.dbr, g.dbr), dWc: add(acc.dWc, g.dWc), dbc: add(acc.dbc, g.dbc) };
}
