// Cell descriptors: each cell's forward/backward pair behind the one RecurrentCell interface the time loop drives.
import { Activation, Tensor } from "../tensor";
import { CellParams, CellState, CellStateGrad, GruVariant, RecurrentCell } from "./types";
import { RnnCellCache, checkActivation, rnnCellBackward, rnnCellForward } from "./rnn";
import { LstmCellCache, lstmCellBackward, lstmCellForward } from "./lstm";
import { GruCellCache, checkGruVariant, gruCellBackward, gruCellForward } from "./gru";
import { zeros } from "../tensor";

function needState(fn: string, state: CellState, names: readonly string[]): void {
  if (!state || typeof state !== "object") throw new Error(`${fn}: state must be { ${names.join(", ")} }, got ${state}`);
  for (const s of names) {
    if (!((state as any)[s] instanceof Tensor)) throw new Error(`${fn}: state.${s} must be a Tensor [B, H], got ${typeof (state as any)[s]}`);
  }
}

/** `dState.h`, or zeros shaped like `like` when absent. */
function orZeros(t: Tensor | null | undefined, like: Tensor): Tensor {
  return t ?? zeros(like.shape);
}

/**
 * The vanilla RNN cell as a {@link RecurrentCell}: `h' = φ(x W_ihᵀ + b_ih + h W_hhᵀ + b_hh)`.
 * @param act `"tanh"` (default), `"relu"` or `"sigmoid"`
 * @example
 * unroll(rnnCell("relu"), params, x);
 */
export function rnnCell(act: Activation = "tanh"): RecurrentCell<RnnCellCache> {
  checkActivation("rnnCell", act);
  const cell: RecurrentCell<RnnCellCache> = {
    kind: "rnn",
    name: `rnn-${act}`,
    gates: 1,
    stateNames: ["h"],
    step(x: Tensor, state: CellState, p: CellParams) {
      needState("rnnCell.step", state, ["h"]);
      const { h, cache } = rnnCellForward(x, state.h, p, act);
      return { state: { h }, cache };
    },
    stepBackward(dState: CellStateGrad, cache: RnnCellCache, grads: CellParams) {
      const { dx, dh } = rnnCellBackward(orZeros(dState.h, cache.h), cache, grads);
      return { dx, dState: { h: dh } };
    },
  };
  BUILTIN_RNN.set(cell, act);
  return cell;
}

/** The descriptors made by {@link rnnCell}, with their activation. */
const BUILTIN_RNN = new WeakMap<object, Activation>();

/**
 * The activation of a descriptor made by {@link rnnCell} (null for any other cell, e.g. one a student wrote): a backend may
 * run a built-in cell's whole sequence in one kernel that computes the same values.
 */
export function builtinRnnActivation(cell: RecurrentCell): Activation | null {
  return BUILTIN_RNN.get(cell) ?? null;
}

/**
 * The LSTM cell as a {@link RecurrentCell} (state `{h, c}`): `c' = f∗c + i∗g`, `h' = o∗tanh(c')`.
 * @example
 * unroll(lstmCell(), params, x);
 */
export function lstmCell(): RecurrentCell<LstmCellCache> {
  const cell: RecurrentCell<LstmCellCache> = {
    kind: "lstm",
    name: "lstm",
    gates: 4,
    stateNames: ["h", "c"],
    step(x: Tensor, state: CellState, p: CellParams) {
      needState("lstmCell.step", state, ["h", "c"]);
      const { h, c, cache } = lstmCellForward(x, state.h, state.c as Tensor, p);
      return { state: { h, c }, cache };
    },
    stepBackward(dState: CellStateGrad, cache: LstmCellCache, grads: CellParams) {
      const { dx, dh, dc, dcTotal } = lstmCellBackward(dState.h ?? null, dState.c ?? null, cache, grads);
      return { dx, dState: { h: dh, c: dc }, dcTotal };
    },
  };
  BUILTIN_LSTM.add(cell);
  return cell;
}

/** The descriptors made by {@link lstmCell}. */
const BUILTIN_LSTM = new WeakSet<object>();

/**
 * True when `cell` came from {@link lstmCell} (not a user-written descriptor): a backend may run a built-in cell's whole
 * sequence in one kernel that computes the same values.
 */
export function isBuiltinLstmCell(cell: RecurrentCell): boolean {
  return BUILTIN_LSTM.has(cell);
}

/**
 * The GRU cell as a {@link RecurrentCell}: `h' = (1 − z)∗n + z∗h`.
 * @param variant `"reset-after"` (PyTorch, cuDNN; default) or `"classic"` (Cho et al. 2014)
 * @example
 * unroll(gruCell("classic"), params, x);
 */
export function gruCell(variant: GruVariant = "reset-after"): RecurrentCell<GruCellCache> {
  checkGruVariant("gruCell", variant);
  const cell: RecurrentCell<GruCellCache> = {
    kind: "gru",
    name: `gru-${variant}`,
    gates: 3,
    stateNames: ["h"],
    step(x: Tensor, state: CellState, p: CellParams) {
      needState("gruCell.step", state, ["h"]);
      const { h, cache } = gruCellForward(x, state.h, p, variant);
      return { state: { h }, cache };
    },
    stepBackward(dState: CellStateGrad, cache: GruCellCache, grads: CellParams) {
      const { dx, dh } = gruCellBackward(orZeros(dState.h, cache.hPrev), cache, grads);
      return { dx, dState: { h: dh } };
    },
  };
  BUILTIN_GRU.set(cell, variant);
  return cell;
}

/** The descriptors made by {@link gruCell}, with their variant. */
const BUILTIN_GRU = new WeakMap<object, GruVariant>();

/**
 * The variant of a descriptor made by {@link gruCell} (null for any other cell): a backend may run a built-in cell's whole
 * sequence in one kernel that computes the same values.
 */
export function builtinGruVariant(cell: RecurrentCell): GruVariant | null {
  return BUILTIN_GRU.get(cell) ?? null;
}
