// The many-to-one sequence regressor: RNN/LSTM/GRU over real-valued inputs → final state → Dense → mean squared error.
import { Rng, Tensor, checkRank, checkShape, fmtShape, getRng } from "../tensor";
import type { Activation } from "../tensor";
import type { GruVariant, Module, Param } from "../cells";
import { Dense, GRU, LSTM, RNN, RecurrentLayer } from "../layers";
import { mse } from "../losses";
import type { BatchResult, Batcher, Trainable } from "../train/types";
import { countParams } from "./classifier-count-params";
import { argError, checkOptions } from "../args";
import { checkModelOptions } from "./model-options";

/** One batch of a regression: inputs `x [T, B, I]` and targets `y [B, O]`. */
export interface RegressionBatch {
  x: Tensor;
  y: Tensor;
}

/** Options of {@link SequenceRegressor}. */
export interface SequenceRegressorOptions {
  /** The recurrent cell: `"rnn"` (vanilla, tanh by default), `"lstm"` or `"gru"`. */
  cell: "rnn" | "lstm" | "gru";
  /** I, input features per step. */
  inputSize: number;
  /** H, hidden units. */
  hiddenSize: number;
  /** O, outputs (default 1). */
  outputSize?: number;
  /** Initialisation draws from this generator, recurrent layer first, then the head (default: the global one). */
  rng?: Rng;
  /** RNN only: φ (default `"tanh"`). */
  nonlinearity?: Activation;
  /** LSTM only: the initial forget-gate bias (default 1). */
  forgetBias?: number | null;
  /** GRU only: `"reset-after"` (default) or `"classic"`. */
  variant?: GruVariant;
}

/**
 * A many-to-one regressor over real-valued sequences: `h_T = RNN(x)` (`[B, H]`), `ŷ = h_T W_headᵀ + b` (`[B, O]`),
 * `L = mean (ŷ − y)²` (all `B·O` elements). Backward: `dŷ = 2(ŷ − y)/(B·O)` → head → BPTT from the final state only.
 * Implements `Trainable<RegressionBatch>` for `fit`/`evaluate`; `numParams()` = `G·H·(I + H + 2) + O·(H + 1)`.
 * @example
 * const { x, y } = addingProblem(50, 512, { rng: new Rng(1) });
 * const model = new SequenceRegressor({ cell: "lstm", inputSize: 2, hiddenSize: 32, rng: new Rng(0) });
 * fit(model, regressionBatcher(x, y), { epochs: 5, batchSize: 32, optimizer: new Adam(model.parameters(), { lr: 1e-2 }), clipNorm: 1 });
 */
export class SequenceRegressor implements Trainable<RegressionBatch>, Module {
  readonly cell: "rnn" | "lstm" | "gru";
  readonly recurrent: RecurrentLayer;
  readonly head: Dense;
  private lastT = 0;

  constructor(opts: SequenceRegressorOptions) {
    const fn = "SequenceRegressor";
    const { cell, inputSize, hiddenSize, outputSize = 1, rng = getRng() } = checkOptions(fn, "opts", opts ?? null);
    checkModelOptions(fn, opts, { inputSize, hiddenSize, outputSize }, rng);
    this.cell = cell;
    const layerOpts = { inputSize, hiddenSize, rng };
    this.recurrent =
      cell === "rnn" ? new RNN({ ...layerOpts, nonlinearity: opts.nonlinearity })
      : cell === "lstm" ? new LSTM({ ...layerOpts, forgetBias: opts.forgetBias })
      : new GRU({ ...layerOpts, variant: opts.variant });
    this.head = new Dense({ inputSize: hiddenSize, outputSize, rng });
  }

  /**
   * The predictions of a batch.
   * @param x `[T, B, I]`
   * @returns `ŷ [B, O]`
   */
  forward(x: Tensor): Tensor {
    checkRank("SequenceRegressor.forward", "x", x, 3, "T, B, I");
    const { state } = this.recurrent.forward(x);
    this.lastT = x.shape[0];
    return this.head.forward(state.h);
  }

  /** Backward of the last {@link forward}; ADDS into every parameter's gradient. @param dPred `[B, O]` ∂L/∂ŷ */
  backward(dPred: Tensor): void {
    if (this.lastT === 0) throw new Error("SequenceRegressor.backward: call forward first");
    const dh = this.head.backward(dPred);        // [B, H] = ∂L/∂h_T
    this.recurrent.backward(null, { h: dh });    // BPTT from the final state only
  }

  /** Forward, MSE, backward (gradients ADD). */
  lossAndGrad(batch: RegressionBatch): BatchResult {
    if (!batch || typeof batch !== "object") throw argError("SequenceRegressor.lossAndGrad", "batch", "{ x [T, B, I], y [B, O] }", batch);
    const pred = this.forward(batch.x);
    checkShape("SequenceRegressor.lossAndGrad", "y", batch.y, pred.shape, "B, O");
    const { loss, dPred } = mse(pred, batch.y);
    this.backward(dPred);
    return { loss };
  }

  /** The forward pass alone: the batch MSE (for `evaluate`). */
  loss(batch: RegressionBatch): BatchResult {
    if (!batch || typeof batch !== "object") throw argError("SequenceRegressor.loss", "batch", "{ x [T, B, I], y [B, O] }", batch);
    const pred = this.forward(batch.x);
    checkShape("SequenceRegressor.loss", "y", batch.y, pred.shape, "B, O");
    return { loss: mse(pred, batch.y).loss };
  }

  /** `rnn.*` then `head.*` parameters (PyTorch names under a prefix). */
  parameters(): Param[] {
    const mods: Record<string, Module> = { rnn: this.recurrent, head: this.head };
    return Object.entries(mods).flatMap(([prefix, m]) => m.parameters().map((p) => ({ ...p, name: `${prefix}.${p.name}` })));
  }

  /** Zeroes every gradient. */
  zeroGrad(): void {
    this.recurrent.zeroGrad();
    this.head.zeroGrad();
  }

  /** The number of trainable scalars. */
  numParams(): number {
    return countParams(this);
  }
}

/**
 * A {@link Batcher} over `N` sequences stored as one tensor: the batch of indices `idx` is
 * `{ x: x[:, idx, :] [T, b, I], y: y[idx, :] [b, O] }`.
 * @param x `[T, N, I]`
 * @param y `[N, O]`
 * @example
 * const { x, y } = addingProblem(25, 1024);
 * fit(model, regressionBatcher(x, y), { epochs: 3, batchSize: 32, optimizer });
 */
export function regressionBatcher(x: Tensor, y: Tensor): Batcher<RegressionBatch> {
  const fn = "regressionBatcher";
  checkRank(fn, "x", x, 3, "T, N, I");
  checkRank(fn, "y", y, 2, "N, O");
  const [T, N, I] = x.shape;
  const O = y.shape[1];
  if (y.shape[0] !== N) throw new Error(`${fn}: y must be [N, O] = [${N}, O] to match x ${fmtShape(x.shape)}, got ${fmtShape(y.shape)}`);
  return {
    size: N,
    batch(idx: number[]): RegressionBatch {
      const b = idx.length;
      const xb = new Float64Array(T * b * I);
      const yb = new Float64Array(b * O);
      idx.forEach((n, k) => {
        if (!Number.isInteger(n) || n < 0 || n >= N) throw new Error(`${fn}: example index ${n} is outside [0, ${N})`);
        for (let t = 0; t < T; t++) xb.set(x.data.subarray((t * N + n) * I, (t * N + n + 1) * I), (t * b + k) * I);
        yb.set(y.data.subarray(n * O, (n + 1) * O), k * O);
      });
      return { x: new Tensor(xb, [T, b, I]), y: new Tensor(yb, [b, O]) };
    },
  };
}
