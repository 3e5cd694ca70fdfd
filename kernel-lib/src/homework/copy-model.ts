// Homework 4's tools: the copy-task tagger with a step counter (for the compute budget) and an accuracy that scores only a trained model's weights.
import { Rng, Tensor } from "../tensor";
import { MAX_ELEMENTS, checkInt, checkObject, checkOneOf, checkSize } from "../args";
import { copyTask } from "../data";
import { BatchResult } from "../train";
import { CopyTagger, CopyBatch } from "../experiments";

/** The cells homework 4 compares. */
export type CopyCell = "rnn" | "lstm" | "gru";

/** Homework 4's copy task: 3 symbols from an alphabet of 4 (`V = 6` ids with blank and go marker; chance accuracy 1/4). */
export const COPY_TASK = Object.freeze({ symbols: 3, alphabet: 4, V: 6, chance: 0.25 });

/**
 * A trained copy-task model as plain data: what `trainCopy` returns in homework 4, and all {@link copyAccuracy} reads.
 * `weights` are keyed `layer.<name>` (the recurrent layer's parameters, PyTorch names) and `head.<name>` (the dense head's).
 */
export interface CopyModelState { cell: CopyCell; hiddenSize: number; steps: number; weights: Record<string, Tensor> }

/**
 * The copy-task tagger of `rl.CopyTagger` (one-hot ids `[L, B]` → recurrent layer of `hiddenSize` units → dense head on every step,
 * cross-entropy and accuracy on the scored steps) for homework 4's task, remembering its cell and size and counting its training
 * batches in `steps` (one per `lossAndGrad`), so a compute budget can be checked.
 * @example
 * const model = new rl.hw.CopyModel({ cell: "gru", hiddenSize: 16, rng: new rl.Rng(1) });
 * const task = rl.copyTask(3, 1024, { delay: 10, alphabet: 4, rng: new rl.Rng(2) });
 * rl.fit(model, rl.copyBatcher(task), { epochs: 1, batchSize: 16, optimizer: new rl.Adam(model.parameters(), { lr: 0.02 }) });
 * model.steps; // 64
 */
export class CopyModel extends CopyTagger {
  readonly cell: CopyCell;
  readonly hiddenSize: number;
  /** Training batches seen so far. */
  steps = 0;
  constructor(opts: { cell: CopyCell; hiddenSize: number; rng: Rng }) {
    const { cell, hiddenSize, rng } = checkObject<{ cell: CopyCell; hiddenSize: number; rng: Rng }>("CopyModel", "opts", opts, "{ cell, hiddenSize, rng }");
    checkOneOf("CopyModel", "cell", cell, ["rnn", "lstm", "gru"] as const);
    checkSize("CopyModel", "hiddenSize", hiddenSize);
    super(cell, COPY_TASK.V, hiddenSize, rng);
    this.cell = cell;
    this.hiddenSize = hiddenSize;
  }
  /** The model as plain data (copies of the weights), for {@link copyAccuracy} and for handing in. */
  state(): CopyModelState {
    const weights: Record<string, Tensor> = {};
    for (const p of this.layer.parameters()) weights["layer." + p.name] = p.value.clone();
    for (const p of this.head.parameters()) weights["head." + p.name] = p.value.clone();
    return { cell: this.cell, hiddenSize: this.hiddenSize, steps: this.steps, weights };
  }
  /** A new model holding the weights of `state` (shapes checked). */
  static fromState(state: CopyModelState): CopyModel {
    if (!state || typeof state !== "object" || !state.weights) throw new Error("CopyModel.fromState: state must be { cell, hiddenSize, steps, weights }");
    const model = new CopyModel({ cell: state.cell, hiddenSize: state.hiddenSize, rng: new Rng(0) });
    const named = [...model.layer.parameters().map((p) => ["layer." + p.name, p] as const), ...model.head.parameters().map((p) => ["head." + p.name, p] as const)];
    for (const [key, p] of named) {
      const w = state.weights[key];
      if (!w || !Array.isArray(w.shape) || w.shape.join(",") !== p.value.shape.join(",") || w.data.length !== p.value.data.length) {
        throw new Error(`CopyModel.fromState: weights["${key}"] must be [${p.value.shape}], got ${w && Array.isArray(w.shape) ? `[${w.shape}]` : typeof w}`);
      }
      p.value.data.set(w.data);
    }
    model.steps = state.steps;
    return model;
  }
  /** Forward, loss and backward on one batch (adds into the gradients); counts one step. */
  override lossAndGrad(b: CopyBatch): BatchResult {
    this.steps++;
    return super.lossAndGrad(b);
  }
}

/**
 * The held-out accuracy of a trained model at one delay: `n` fresh copy-task sequences drawn from `Rng(seed)`, scored by a new
 * {@link CopyModel} built from the weights alone ({@link CopyModel.fromState}), so no code attached to the model counts.
 * @param model a trained CopyModel or its `state()`
 * @returns the fraction of the scored steps predicted right (chance: `COPY_TASK.chance` = 1/4)
 * @example rl.hw.copyAccuracy(model.state(), { delay: 20, seed: 99 })
 */
export function copyAccuracy(model: CopyModel | CopyModelState, opts: { delay: number; seed: number; n?: number }): number {
  const fn = "copyAccuracy";
  if (!(model instanceof CopyModel)) {
    checkObject(fn, "model", model, "(a CopyModel or its state() { cell, hiddenSize, steps, weights })");
    checkObject(fn, "model.weights", model.weights, "{ name: Tensor } (from model.state())");
  }
  const { delay, seed, n = 512 } = checkObject<{ delay: number; seed: number; n?: number }>(fn, "opts", opts, "{ delay, seed, n? }");
  checkInt(fn, "opts.delay", delay, { min: 1, max: MAX_ELEMENTS });
  checkInt(fn, "opts.seed", seed, { min: 0, max: 0xffffffff });
  checkSize(fn, "opts.n", n);
  const fresh = CopyModel.fromState(model instanceof CopyModel ? model.state() : model);
  const task = copyTask(COPY_TASK.symbols, n, { delay, alphabet: COPY_TASK.alphabet, rng: new Rng(seed) });
  return fresh.loss(task).metrics!.accuracy!;
}
