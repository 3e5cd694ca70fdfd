// The shared vocabulary of the cells: parameters in PyTorch's layout, states, and the one interface the time loop drives.
import { Tensor, checkShape } from "../tensor";
import { argError } from "../args";

/**
 * One cell's weights, stored exactly as PyTorch stores them (so interop is a copy).
 * `G` gates: 1 (RNN), 4 (LSTM: i, f, g, o), 3 (GRU: r, z, n).
 * - `weight_ih [G·H, I]`, `weight_hh [G·H, H]`, `bias_ih [G·H]`, `bias_hh [G·H]`.
 * The same record type holds gradients (backward passes ADD into it).
 */
export interface CellParams {
  weight_ih: Tensor;
  weight_hh: Tensor;
  bias_ih: Tensor;
  bias_hh: Tensor;
}

/** A recurrent state: `h [B, H]`, and for the LSTM the cell state `c [B, H]`. */
export interface CellState {
  h: Tensor;
  c?: Tensor;
}

/** A gradient with respect to a state; a missing entry means zero. */
export interface CellStateGrad {
  h?: Tensor | null;
  c?: Tensor | null;
}

/** A trainable tensor with its gradient (same shape); backward passes ADD into `grad`. */
export interface Param {
  name: string;
  value: Tensor;
  grad: Tensor;
}

/** Anything with trainable parameters: optimizers take `module.parameters()`. */
export interface Module {
  parameters(): Param[];
  zeroGrad(): void;
}

/** The three cell families. */
export type CellKind = "rnn" | "lstm" | "gru";

/** The two GRU formulations: PyTorch/cuDNN's `"reset-after"` and Cho et al.'s `"classic"`. */
export type GruVariant = "reset-after" | "classic";

/**
 * What the time loop needs from a cell: one step forward and one step back. Sizes come from the
 * parameters (`H = weight_hh.shape[1]`, `I = weight_ih.shape[1]`), so one descriptor serves every size.
 * `stepBackward` ADDS the parameter gradients into `grads` and returns the gradients of the step's
 * input and previous state; `dcTotal` (LSTM) is ∂L/∂c_t including the path through h_t.
 */
export interface RecurrentCell<Cache = unknown> {
  /** `"rnn" | "lstm" | "gru"`. */
  readonly kind: CellKind;
  /** A readable name, e.g. `"rnn-tanh"`, `"lstm"`, `"gru-reset-after"`. */
  readonly name: string;
  /** Gate blocks G in the weight rows: 1, 4 or 3. */
  readonly gates: number;
  /** `["h"]` or `["h", "c"]`. */
  readonly stateNames: readonly ("h" | "c")[];
  /** One step: `x [B, I]`, `state {h [B, H], c?}` → new state and the cache its backward needs. */
  step(x: Tensor, state: CellState, p: CellParams): { state: CellState; cache: Cache };
  /** One step back: `dState {h [B, H], c?}` (∂L/∂ new state) → `dx [B, I]`, ∂L/∂ previous state. */
  stepBackward(dState: CellStateGrad, cache: Cache, grads: CellParams): { dx: Tensor; dState: CellState; dcTotal?: Tensor };
}

/** Throws unless `cache` is the record a cell's forward returned (it holds the step input `x`). */
export function checkCache(fn: string, cache: unknown, forward: string): void {
  if (!cache || typeof cache !== "object" || !((cache as { x?: unknown }).x instanceof Tensor)) throw argError(fn, "cache", `the cache ${forward} returned`, cache);
}

/** Throws unless `cell` is a {@link RecurrentCell} (`rnnCell()`, `lstmCell()`, `gruCell()` or one of the user's). */
export function checkCell(fn: string, cell: unknown): void {
  const c = cell as RecurrentCell | null;
  if (!c || typeof c.step !== "function" || typeof c.stepBackward !== "function" || !Array.isArray(c.stateNames) || !Number.isInteger(c.gates)) {
    throw argError(fn, "cell", "a RecurrentCell (rnnCell(), lstmCell(), gruCell() or { kind, gates, stateNames, step, stepBackward })", cell);
  }
}

/** Sizes `{G, H, I}` read from a parameter record, after checking the four shapes agree. */
export function cellSizes(fn: string, p: CellParams, gates: number): { G: number; H: number; I: number } {
  // the time loop calls this every step: answer from plain comparisons, build messages only on failure
  if (p && p.weight_hh instanceof Tensor && p.weight_ih instanceof Tensor && p.bias_ih instanceof Tensor && p.bias_hh instanceof Tensor) {
    const hs = p.weight_hh.shape;
    const is = p.weight_ih.shape;
    const H = hs[1];
    const GH = gates * H;
    if (hs.length === 2 && hs[0] === GH && is.length === 2 && is[0] === GH && p.bias_ih.shape.length === 1 && p.bias_ih.shape[0] === GH &&
      p.bias_hh.shape.length === 1 && p.bias_hh.shape[0] === GH) return { G: gates, H, I: is[1] };
  }
  if (!p || typeof p !== "object") throw argError(fn, "params", "{ weight_ih, weight_hh, bias_ih, bias_hh }", p);
  const wih = p.weight_ih;
  const whh = p.weight_hh;
  if (!(whh instanceof Tensor) || whh.shape.length !== 2) {
    checkShape(fn, "weight_hh", whh, [-1, -1], "G·H, H");
  }
  const H = whh.shape[1];
  const G = gates;
  checkShape(fn, "weight_hh", whh, [G * H, H], "G·H, H");
  if (!(wih instanceof Tensor) || wih.shape.length !== 2) checkShape(fn, "weight_ih", wih, [G * H, -1], "G·H, I");
  const I = wih.shape[1];
  checkShape(fn, "weight_ih", wih, [G * H, I], "G·H, I");
  checkShape(fn, "bias_ih", p.bias_ih, [G * H], "G·H");
  checkShape(fn, "bias_hh", p.bias_hh, [G * H], "G·H");
  return { G, H, I };
}

/** Checks `x [B, I]` and `h [B, H]` (and `c`) for a cell step; returns B. */
export function checkStepInputs(fn: string, x: Tensor, h: Tensor, I: number, H: number, c?: Tensor): number {
  const B = x instanceof Tensor && x.shape.length === 2 ? x.shape[0] : -1;
  if (B >= 0 && x.shape[1] === I && is2(h, B, H) && (c === undefined || is2(c, B, H))) return B;
  checkShape(fn, "x", x, [B, I], "B, I");
  checkShape(fn, "h", h, [B, H], "B, H");
  if (c !== undefined) checkShape(fn, "c", c, [B, H], "B, H");
  return B;
}

/** True when `t` is a Tensor of shape `[r, c]` (the cheap test before a full {@link checkShape}). */
function is2(t: Tensor, r: number, c: number): boolean {
  return t instanceof Tensor && t.shape.length === 2 && t.shape[0] === r && t.shape[1] === c;
}

/** `out[b, :] += bias` for each of the B rows of a `[B, N]` buffer. */
export function addBiasRows(out: Float64Array, bias: Float64Array, B: number, N: number): void {
  for (let b = 0; b < B; b++) {
    const o = b * N;
    for (let j = 0; j < N; j++) out[o + j] += bias[j];
  }
}

/**
 * `db[j] += Σ_b d[b, j]` — the bias gradient of a `[B, N]` pre-activation gradient, the rows added one at a time in
 * increasing b (`((db + d_0) + d_1) + …`). Four rows per pass over `db`, written as one left-to-right sum: the same
 * additions in the same order, with a quarter of the loads and stores of `db`.
 */
export function sumRowsInto(db: Float64Array, d: Float64Array, B: number, N: number): void {
  let b = 0;
  for (; b + 4 <= B; b += 4) {
    const o = b * N;
    for (let j = 0; j < N; j++) db[j] = db[j] + d[o + j] + d[o + N + j] + d[o + 2 * N + j] + d[o + 3 * N + j];
  }
  for (; b < B; b++) {
    const o = b * N;
    for (let j = 0; j < N; j++) db[j] += d[o + j];
  }
}
