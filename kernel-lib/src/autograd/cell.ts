// A student's own recurrent cell, written with `ag` ops, unrolled over a sequence and trained like the built-in layers.
import * as T from "../tensor";
import { Var, backward } from "./var";
import { add, mul, sub } from "./arithmetic";
import { sum } from "./reduce";
import { index, stack } from "./shape";
import { argError, checkFunction, checkOptions } from "../args";
import { checkVar } from "./var";

/** A recurrent state on the tape: `h [B, H]` and, for LSTM-like cells, `c [B, H]`. */
export interface VarState {
  h: Var;
  c?: Var;
}

/** One step of a cell written with `ag` ops: `(x_t [B, I], state_{t−1}, params) → state_t`. */
export type VarStep = (x: Var, state: VarState, p: Record<string, Var>) => VarState;

/** What {@link unrollVar} returns; every entry stays on the tape. */
export interface VarUnroll {
  /** h_t for every step, `[T, B, H]` (zeros at masked steps). */
  outputs: Var;
  /** The final state (each sequence's state at its last real step when masked). */
  state: VarState;
  /** `states[t]` is the state after step t (t = 0 … T−1), padded rows keeping the previous state. */
  states: VarState[];
  /** `stepStates[t]` is what `step` returned at t, before the mask (the same Vars as `states` when unmasked). */
  stepStates: VarState[];
}

/** `m ∗ a + (1 − m) ∗ b` for a `[B, 1]` 0/1 mask. */
function choose(m: Var, a: Var, b: Var): Var {
  return add(mul(m, a), mul(sub(1, m), b));
}

/**
 * Runs `step` over time: `state_t = step(x_t, state_{t−1}, p)`, `outputs[t] = h_t`, all on the tape,
 * so `backward` on any loss of the outputs gives BPTT for free. With a mask, a step with `mask[t, b] = 0`
 * keeps sequence b's previous state and outputs zeros (PyTorch's packed-sequence semantics).
 * @param step the cell, e.g. `(x, s, p) => ({ h: ag.tanh(ag.add(ag.matmul(x, p.Wx), ag.matmul(s.h, p.Wh))) })`
 * @param params the cell's parameters as Vars
 * @param x [T, B, I]
 * @param state0 `{ h: [B, H], c?: [B, H] }`
 * @param mask optional [T, B] of 0/1
 */
export function unrollVar(step: VarStep, params: Record<string, Var>, x: Var, state0: VarState, mask?: T.Tensor): VarUnroll {
  checkFunction("unrollVar", "step", step);
  checkOptions("unrollVar", "params", params ?? null);
  checkVar("unrollVar", "x", x);
  if (!state0 || !(state0.h instanceof Var)) throw argError("unrollVar", "state0", "{ h: Var [B, H], c?: Var [B, H] }", state0);
  T.checkRank("unrollVar", "x", x.value, 3, "T, B, I");
  const [Tn, B] = x.shape;
  if (Tn === 0) throw new Error("unrollVar: x has no time steps (T = 0)");
  T.checkShape("unrollVar", "state0.h", state0.h.value, [B, -1], "B, H");
  if (mask) T.checkShape("unrollVar", "mask", mask, [Tn, B], "T, B");
  const states: VarState[] = [];
  const stepStates: VarState[] = [];
  const outputs: Var[] = [];
  let state = state0;
  for (let t = 0; t < Tn; t++) {
    const next = step(index(x, t), state, params);
    if (!(next && next.h instanceof Var)) throw new Error(`unrollVar: step must return { h: Var, c?: Var }, got ${typeof next} at step ${t}`);
    T.checkShape("unrollVar", `h returned at step ${t}`, next.h.value, state.h.shape, "B, H");
    if (state.c !== undefined && !(next.c instanceof Var)) throw new Error(`unrollVar: step must return c (the state has c) at step ${t}`);
    stepStates.push(next);
    if (mask) {
      const m = new Var(T.index(mask, t).reshape([B, 1]));
      const kept: VarState = { h: choose(m, next.h, state.h) };
      if (next.c !== undefined && state.c !== undefined) kept.c = choose(m, next.c, state.c);
      outputs.push(mul(m, kept.h)); // the output reads the kept state, so ∂L/∂state_t includes it (as in seq.bptt)
      state = kept;
    } else {
      outputs.push(next.h);
      state = next;
    }
    states.push(state);
  }
  return { outputs: stack(outputs, 0), state, states, stepStates };
}

/**
 * ∂L/∂c_t in total: at real rows the step's own c_t also feeds h_t, so its gradient (`stepGrad`) is the
 * total; at padded rows c_t is the copied previous state, whose gradient is `keptGrad`.
 */
function totalCellGrad(keptGrad: T.Tensor, stepGrad: T.Tensor, mask: T.Tensor | undefined, t: number): T.Tensor {
  if (!mask) return stepGrad;
  const [B, H] = keptGrad.shape;
  const out = stepGrad.clone();
  for (let b = 0; b < B; b++) if (mask.data[t * B + b] === 0) out.data.set(keptGrad.data.subarray(b * H, (b + 1) * H), b * H);
  return out;
}

/** A parameter with its gradient, the shape optimizers take (`{ name, value, grad }`). */
export interface AutogradParam {
  name: string;
  value: T.Tensor;
  grad: T.Tensor;
}

/**
 * A custom cell as a layer: `forward(x[T,B,I], state0?) → { outputs[T,B,H], state }`,
 * `backward(dOutputs[T,B,H], dState?) → { dx, dState0, grads, stepNorms }`, `parameters()` for the
 * optimizers, gradients accumulating in `grads` until `zeroGrad()` — the same contract as `RNN`/`LSTM`/`GRU`.
 */
export interface AutogradCell {
  /** The cell's weights (updated in place by optimizers). */
  params: Record<string, T.Tensor>;
  /** Accumulated gradients, same names and shapes. */
  grads: Record<string, T.Tensor>;
  /** Hidden size H (from `opts.hiddenSize`). */
  hiddenSize: number;
  /** `["h"]` or `["h", "c"]`. */
  stateNames: ("h" | "c")[];
  forward(x: T.Tensor, state0?: { h: T.Tensor; c?: T.Tensor }, mask?: T.Tensor): { outputs: T.Tensor; state: { h: T.Tensor; c?: T.Tensor } };
  backward(dOutputs: T.Tensor, dState?: { h?: T.Tensor | null; c?: T.Tensor | null }): {
    dx: T.Tensor;
    dState0: { h: T.Tensor; c?: T.Tensor };
    grads: Record<string, T.Tensor>;
    stepNorms: { h: number[]; c?: number[] };
  };
  parameters(): AutogradParam[];
  zeroGrad(): void;
}

/**
 * Wraps a step function written with `ag` ops as a trainable layer (see {@link AutogradCell}).
 * The tape of the last forward is kept for backward; BPTT and the per-step norms ‖∂L/∂h_t‖ come from the tape.
 * @param step `(x [B, I], { h, c? }, p) → { h, c? }`
 * @param params initial weights by name (kept, not copied)
 * @param opts `hiddenSize` H and `cellState: true` for an LSTM-like cell carrying `c`
 * @example
 * const cell = autogradCell((x, s, p) => ({ h: ag.tanh(ag.add(ag.add(ag.matmul(x, p.Wx), ag.matmul(s.h, p.Wh)), p.b)) }),
 *   { Wx: rl.randn([I, H], { std: 0.3 }), Wh: rl.randn([H, H], { std: 0.3 }), b: rl.zeros([H]) }, { hiddenSize: H });
 * const { outputs } = cell.forward(x);
 */
export function autogradCell(step: VarStep, params: Record<string, T.Tensor>, opts: { hiddenSize: number; cellState?: boolean }): AutogradCell {
  checkFunction("autogradCell", "step", step);
  checkOptions("autogradCell", "params", params ?? null);
  for (const [k, v] of Object.entries(params)) T.checkTensor("autogradCell", `params.${k}`, v);
  checkOptions("autogradCell", "opts", opts ?? null, ["hiddenSize", "cellState"]);
  const H = opts.hiddenSize;
  if (!Number.isInteger(H) || H <= 0) throw new Error(`autogradCell: hiddenSize must be a positive integer, got ${H}`);
  const names = Object.keys(params);
  const grads: Record<string, T.Tensor> = {};
  for (const k of names) {
    if (!(params[k] instanceof T.Tensor)) throw new Error(`autogradCell: parameter ${k} must be a Tensor`);
    grads[k] = T.zeros(params[k].shape);
  }
  const stateNames: ("h" | "c")[] = opts.cellState ? ["h", "c"] : ["h"];
  let tape: { x: Var; state0: VarState; leaves: Record<string, Var>; run: VarUnroll; mask?: T.Tensor } | null = null;
  return {
    params,
    grads,
    hiddenSize: H,
    stateNames,
    forward(x, state0, mask) {
      T.checkRank("autogradCell.forward", "x", x, 3, "T, B, I");
      T.checkFinite("autogradCell.forward", "x", x, 0);
      const B = x.shape[1];
      const s0: VarState = { h: new Var(state0?.h ?? T.zeros([B, H])) };
      T.checkShape("autogradCell.forward", "state0.h", s0.h.value, [B, H], "B, H");
      if (opts.cellState) {
        s0.c = new Var(state0?.c ?? T.zeros([B, H]));
        T.checkShape("autogradCell.forward", "state0.c", s0.c.value, [B, H], "B, H");
      }
      const leaves: Record<string, Var> = {};
      for (const k of names) leaves[k] = new Var(params[k]);
      const xv = new Var(x);
      const run = unrollVar(step, leaves, xv, s0, mask);
      tape = { x: xv, state0: s0, leaves, run, mask };
      const state: { h: T.Tensor; c?: T.Tensor } = { h: run.state.h.value };
      if (run.state.c) state.c = run.state.c.value;
      return { outputs: run.outputs.value, state };
    },
    backward(dOutputs, dState) {
      if (tape === null) throw new Error("autogradCell.backward: call forward first");
      const { x, state0, leaves, run, mask } = tape;
      T.checkShape("autogradCell.backward", "dOutputs", dOutputs, run.outputs.shape, "T, B, H");
      // L = Σ outputs ∗ dOutputs + Σ h_T ∗ dh_T + Σ c_T ∗ dc_T has exactly the requested gradients.
      let surrogate = sum(mul(run.outputs, new Var(dOutputs)));
      if (dState?.h) surrogate = add(surrogate, sum(mul(run.state.h, new Var(dState.h))));
      if (dState?.c && run.state.c) surrogate = add(surrogate, sum(mul(run.state.c, new Var(dState.c))));
      backward(surrogate);
      for (const k of names) if (leaves[k].grad) T.addInPlace(grads[k], leaves[k].grad!);
      const gradOrZero = (v: Var): T.Tensor => v.grad ?? T.zeros(v.shape);
      const dState0: { h: T.Tensor; c?: T.Tensor } = { h: gradOrZero(state0.h) };
      if (state0.c) dState0.c = gradOrZero(state0.c);
      const stepNorms: { h: number[]; c?: number[] } = { h: run.states.map((s) => T.norm(gradOrZero(s.h))) };
      if (opts.cellState) stepNorms.c = run.states.map((s, t) => T.norm(totalCellGrad(gradOrZero(s.c!), gradOrZero(run.stepStates[t].c!), mask, t)));
      return { dx: gradOrZero(x), dState0, grads, stepNorms };
    },
    parameters() {
      return names.map((k) => ({ name: k, value: params[k], grad: grads[k] }));
    },
    zeroGrad() {
      for (const k of names) grads[k].data.fill(0);
    },
  };
}
