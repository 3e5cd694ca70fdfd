// Homework 2's LSTM in the "columns are examples" layout: its parameter records, and rnnlab's own cell mapped to that layout as the tests' reference.
import { Tensor, concat, slice, transpose, zeros, randn, add, mul, sum } from "../tensor";
import { CellParams, zerosLikeParams, lstmCellForward, lstmCellBackward } from "../cells";
import { checkNumber, checkSize } from "../args";
import { checkColumns, checkRecord } from "./checks";

const LSTM_GATES = ["f", "i", "c", "o"] as const;
/** Checks `p` is an LSTM record and `xt [n_x, m]`, `aPrev`, `cPrev` `[n_a, m]`; returns n_a and m. */
function checkStep(fn: string, xt: unknown, aPrev: unknown, cPrev: unknown, p: unknown): { n_a: number; m: number } {
  const { n_a, n_x } = checkRecord(fn, "p", p, LSTM_GATES);
  const m = checkColumns(fn, "xt", xt, n_x, "n_x");
  checkColumns(fn, "aPrev", aPrev, n_a, "n_a", m);
  checkColumns(fn, "cPrev", cPrev, n_a, "n_a", m);
  return { n_a, m };
}

/** Checks the two sizes of a record. */
function checkSizes(fn: string, n_x: unknown, n_a: unknown): void {
  checkSize(fn, "n_x", n_x);
  checkSize(fn, "n_a", n_a);
}

/*
 * Shapes (one legend for the homework): n_x input size, n_a hidden size, m examples (columns).
 * x_t [n_x, m], a_t and c_t [n_a, m]; each W [n_a, n_a + n_x] (first n_a columns multiply a_{t-1}, the last n_x multiply x_t);
 * each b [n_a, 1].
 */

/** The parameters of the homework's LSTM cell: `W*` are `[n_a, n_a + n_x]`, `b*` are `[n_a, 1]` (f forget, i input, c candidate, o output). */
export interface LstmParams { Wf: Tensor; bf: Tensor; Wi: Tensor; bi: Tensor; Wc: Tensor; bc: Tensor; Wo: Tensor; bo: Tensor }
/** What the forward step keeps for the backward step: every field `[n_a, m]` except `xt [n_x, m]` (`cct` is the candidate c̃_t). */
export interface LstmCache { aNext: Tensor; cNext: Tensor; aPrev: Tensor; cPrev: Tensor; ft: Tensor; it: Tensor; cct: Tensor; ot: Tensor; xt: Tensor; p: LstmParams }
/** The gradients of the parameters, each of its parameter's shape. */
export interface LstmGrads { dWf: Tensor; dbf: Tensor; dWi: Tensor; dbi: Tensor; dWc: Tensor; dbc: Tensor; dWo: Tensor; dbo: Tensor }
/** The gradients of the gates' pre-activations, e.g. `dzf = ∂L/∂(W_f [a_prev; x_t] + b_f)`, each `[n_a, m]`. */
export interface LstmGateGrads { dzf: Tensor; dzi: Tensor; dzc: Tensor; dzo: Tensor }
/** Everything the homework's `lstmCellBackward` returns: parameter and gate gradients, `dxt [n_x, m]`, `daPrev` and `dcPrev [n_a, m]`. */
export type LstmStepGrads = LstmGrads & LstmGateGrads & { dxt: Tensor; daPrev: Tensor; dcPrev: Tensor };

const GATES = ["i", "f", "c", "o"] as const; // PyTorch's block order i, f, g (= c̃), o
const W = (p: LstmParams, g: string): Tensor => (p as unknown as Record<string, Tensor>)["W" + g]!;
const b = (p: LstmParams, g: string): Tensor => (p as unknown as Record<string, Tensor>)["b" + g]!;

/**
 * Random parameters, every element ~ N(0, std²) from the global generator (`rl.seed` first for repeatable tests).
 * @returns `W* [n_a, n_a + n_x]`, `b* [n_a, 1]`
 * @example const p = rl.hw.randomLstmParams(3, 2);
 */
export function randomLstmParams(n_x: number, n_a: number, std = 1): LstmParams {
  checkSizes("randomLstmParams", n_x, n_a);
  checkNumber("randomLstmParams", "std", std, { min: 0 });
  const w = () => randn([n_a, n_a + n_x], { std }), v = () => randn([n_a, 1], { std });
  return { Wf: w(), bf: v(), Wi: w(), bi: v(), Wc: w(), bc: v(), Wo: w(), bo: v() };
}

/** All-zero parameters, to override some fields and isolate one term: `{ ...rl.hw.zeroLstmParams(3, 2), bf: rl.full([2, 1], 30) }`. */
export function zeroLstmParams(n_x: number, n_a: number): LstmParams {
  checkSizes("zeroLstmParams", n_x, n_a);
  const w = () => zeros([n_a, n_a + n_x]), v = () => zeros([n_a, 1]);
  return { Wf: w(), bf: v(), Wi: w(), bi: v(), Wc: w(), bc: v(), Wo: w(), bo: v() };
}

/**
 * The homework's parameters in rnnlab's (PyTorch's) layout: gate blocks i, f, g, o stacked by rows,
 * `weight_hh [4n_a, n_a]` = the first n_a columns of each W, `weight_ih [4n_a, n_x]` the rest; `bias_ih` = b, `bias_hh` = 0.
 */
export function lstmToTorch(p: LstmParams): CellParams {
  checkRecord("lstmToTorch", "p", p, LSTM_GATES);
  const n_a = p.Wf.shape[0]!;
  return {
    weight_ih: concat(GATES.map((g) => slice(W(p, g), 1, n_a)), 0),
    weight_hh: concat(GATES.map((g) => slice(W(p, g), 1, 0, n_a)), 0),
    bias_ih: concat(GATES.map((g) => b(p, g)), 0).reshape([4 * n_a]),
    bias_hh: zeros([4 * n_a]),
  };
}

/**
 * rnnlab's LSTM step (`rl.lstmCellForward`) on the homework's layout, with a cache of the homework's shape
 * (so a backward pass can be tested on a correct cache whatever the student's forward does).
 * @param xt `[n_x, m]` @param aPrev `[n_a, m]` @param cPrev `[n_a, m]`
 * @returns `aNext`, `cNext` `[n_a, m]` and the cache
 */
export function lstmReferenceForward(xt: Tensor, aPrev: Tensor, cPrev: Tensor, p: LstmParams): { aNext: Tensor; cNext: Tensor; cache: LstmCache } {
  checkStep("lstmReferenceForward", xt, aPrev, cPrev, p);
  const r = lstmCellForward(transpose(xt), transpose(aPrev), transpose(cPrev), lstmToTorch(p));
  const n_a = aPrev.shape[0]!, gates = new Tensor(r.cache.gates, [xt.shape[1]!, 4 * n_a]); // activated i, f, g, o by columns
  const gate = (k: number) => transpose(slice(gates, 1, k * n_a, (k + 1) * n_a));
  const aNext = transpose(r.h), cNext = transpose(r.c);
  return { aNext, cNext, cache: { aNext, cNext, aPrev, cPrev, it: gate(0), ft: gate(1), cct: gate(2), ot: gate(3), xt, p } };
}

/**
 * The scalar loss the homework's backward tests differentiate: `L = Σ a_next ∗ G + Σ c_next ∗ Gc`, so
 * `∂L/∂a_next = G` and `∂L/∂c_next = Gc` (computed with {@link lstmReferenceForward}).
 * @param G `[n_a, m]` @param Gc `[n_a, m]`
 * @example rl.numericGrad(() => rl.hw.lstmStepLoss(xt, aPrev, cPrev, p, G, Gc), p.Wf) // ∂L/∂W_f by central differences
 */
export function lstmStepLoss(xt: Tensor, aPrev: Tensor, cPrev: Tensor, p: LstmParams, G: Tensor, Gc: Tensor): number {
  const { n_a, m } = checkStep("lstmStepLoss", xt, aPrev, cPrev, p);
  checkColumns("lstmStepLoss", "G", G, n_a, "n_a", m);
  checkColumns("lstmStepLoss", "Gc", Gc, n_a, "n_a", m);
  const s = lstmReferenceForward(xt, aPrev, cPrev, p);
  return sum(add(mul(s.aNext, G), mul(s.cNext, Gc))).data[0]!;
}

/** rnnlab's LSTM backward (`rl.lstmCellBackward`) on the homework's layout, for all m examples at once. */
function referenceBatch(daNext: Tensor, dcNext: Tensor, xt: Tensor, aPrev: Tensor, cPrev: Tensor, p: LstmParams) {
  const n_a = aPrev.shape[0]!, tp = lstmToTorch(p), tg = zerosLikeParams(tp);
  const f = lstmCellForward(transpose(xt), transpose(aPrev), transpose(cPrev), tp);
  const r = lstmCellBackward(transpose(daNext), transpose(dcNext), f.cache, tg);
  const grads: Record<string, Tensor> = {};
  GATES.forEach((g, k) => {
    const rows = (t: Tensor) => slice(t, 0, k * n_a, (k + 1) * n_a);
    grads["dW" + g] = concat([rows(tg.weight_hh), rows(tg.weight_ih)], 1);
    grads["db" + g] = rows(tg.bias_ih).reshape([n_a, 1]); // bias_hh gets the same gradient: b = b_ih here
  });
  return { grads, dxt: transpose(r.dx), daPrev: transpose(r.dh), dcPrev: transpose(r.dc) };
}

/**
 * The reference gradients of one step: of the parameters, of the inputs, and of the gates' pre-activations
 * (each example's `dz*` column is the bias gradient of that example alone).
 * @param daNext `[n_a, m]` ∂L/∂a_t @param dcNext `[n_a, m]` ∂L/∂c_t from later steps
 */
export function lstmReferenceBackward(daNext: Tensor, dcNext: Tensor, xt: Tensor, aPrev: Tensor, cPrev: Tensor, p: LstmParams): LstmStepGrads {
  const { n_a, m } = checkStep("lstmReferenceBackward", xt, aPrev, cPrev, p);
  checkColumns("lstmReferenceBackward", "daNext", daNext, n_a, "n_a", m);
  checkColumns("lstmReferenceBackward", "dcNext", dcNext, n_a, "n_a", m);
  const all = referenceBatch(daNext, dcNext, xt, aPrev, cPrev, p);
  const col = (t: Tensor, j: number) => slice(t, 1, j, j + 1);
  const perExample = Array.from({ length: xt.shape[1]! }, (_, j) =>
    referenceBatch(col(daNext, j), col(dcNext, j), col(xt, j), col(aPrev, j), col(cPrev, j), p).grads);
  const dz = (g: string) => concat(perExample.map((e) => e["db" + g]!), 1);
  return {
    ...(all.grads as unknown as LstmGrads), dxt: all.dxt, daPrev: all.daPrev, dcPrev: all.dcPrev,
    dzf: dz("f"), dzi: dz("i"), dzc: dz("c"), dzo: dz("o"),
  };
}

/** A random step for backward tests: inputs, parameters, upstream gradients `G`, `Gc`, a correct cache and the reference gradients. */
export function lstmBackwardCase(n_x: number, n_a: number, m: number) {
  checkSizes("lstmBackwardCase", n_x, n_a);
  checkSize("lstmBackwardCase", "m", m);
  const xt = randn([n_x, m]), aPrev = randn([n_a, m]), cPrev = randn([n_a, m]), p = randomLstmParams(n_x, n_a);
  const G = randn([n_a, m]), Gc = randn([n_a, m]);
  return { xt, aPrev, cPrev, p, G, Gc, cache: lstmReferenceForward(xt, aPrev, cPrev, p).cache, ref: lstmReferenceBackward(G, Gc, xt, aPrev, cPrev, p) };
}
