// The copy task's tagger (a recurrent layer with a dense head at every step) and the protocol's copy-task run.
import { Rng, Tensor, checkRank, checkShape, checkTensor } from "../tensor";
import { Adam } from "../optim";
import { evaluate, Batcher, BatchResult, Trainable } from "../train";
import { copyTask, oneHot } from "../data";
import { RNN, LSTM, GRU, RecurrentLayer, Dense } from "../layers";
import { softmaxCrossEntropy, accuracy } from "../losses";
import { flattenTime, unflattenTime } from "../seq";
import type { CellKind, Param } from "../cells";
import { fitBestEpoch } from "./early-stopping";
import type { RunConfig, RunRecord, RunHooks } from "./protocol";
import type { History } from "../train";
import { checkAllocation, checkInstance, checkInt, checkObject, checkSize } from "../args";
import { checkCell, checkConditionKeys, checkHooks, checkRunConfig } from "./args";
import { GATE_BLOCKS } from "./sizes";

/** A copy-task batch or task: an object of time-major tensors x, y, mask of one shape [L, N]; ids of x and y below `V` when given. */
function checkCopyBatch(fn: string, name: string, v: unknown, V?: number): CopyBatch {
  const b = checkObject<CopyBatch>(fn, name, v, "{ x, y, mask } (time-major [L, B] tensors, as copyTask gives)");
  checkTensor(fn, `${name}.x`, b.x);
  checkRank(fn, `${name}.x`, b.x, 2, "L, B");
  for (const k of ["y", "mask"] as const) {
    checkTensor(fn, `${name}.${k}`, b[k]);
    checkShape(fn, `${name}.${k}`, b[k], b.x.shape, "L, B");
  }
  if (V !== undefined) {
    for (const k of ["x", "y"] as const) {
      const d = b[k].data;
      for (let i = 0; i < d.length; i++) {
        if (!Number.isInteger(d[i]) || d[i] < 0 || d[i] >= V) throw new Error(`${fn}: ${name}.${k} must hold ids in [0, ${V}), got ${d[i]} at flat index ${i}`);
      }
    }
    const m = b.mask.data;
    for (let i = 0; i < m.length; i++) if (m[i] !== 0 && m[i] !== 1) throw new Error(`${fn}: ${name}.mask must hold 0 or 1, got ${m[i]} at flat index ${i}`);
  }
  return b;
}

/** A copy-task batch, time-major: symbol ids `x` [L, B], targets `y` [L, B], `mask` [L, B] (1 on the scored steps). */
export interface CopyBatch { x: Tensor; y: Tensor; mask: Tensor }

/** Many-to-many tagger: one-hot input → recurrent layer → dense head on every step, cross-entropy on the masked steps. */
export class CopyTagger implements Trainable<CopyBatch> {
  readonly layer: RecurrentLayer;
  readonly head: Dense;
  /** @param V alphabet size (inputs and outputs), H hidden size */
  constructor(cell: CellKind, readonly V: number, H: number, rng: Rng) {
    const fn = "CopyTagger";
    checkCell(fn, "cell", cell);
    checkSize(fn, "V", V);
    checkSize(fn, "H", H);
    checkAllocation(fn, `V = ${V} and H = ${H}`, { weight_ih: [GATE_BLOCKS[cell] * H, V], weight_hh: [GATE_BLOCKS[cell] * H, H], "the head's weight": [V, H] });
    checkInstance(fn, "rng", rng, Rng, "an Rng (e.g. new Rng(0))");
    const opts = { inputSize: V, hiddenSize: H, rng };
    this.layer = cell === "rnn" ? new RNN(opts) : cell === "lstm" ? new LSTM(opts) : new GRU(opts);
    this.head = new Dense({ inputSize: H, outputSize: V, rng });
  }
  parameters(): Param[] { return [...this.layer.parameters(), ...this.head.parameters()]; }
  zeroGrad(): void { this.layer.zeroGrad(); this.head.zeroGrad(); }
  private run(b: CopyBatch, train: boolean): BatchResult {
    const [L, B] = b.x.shape;
    const { outputs } = this.layer.forward(oneHot(b.x, this.V)); // [L, B, H]
    const logits = this.head.forward(flattenTime(outputs)); // [L·B, V]
    const targets = Array.from(b.y.data), mask = Array.from(b.mask.data);
    const { loss, dLogits } = softmaxCrossEntropy(logits, targets, { mask });
    if (train) this.layer.backward(unflattenTime(this.head.backward(dLogits), L, B));
    return { loss, metrics: { accuracy: accuracy(logits, targets, mask) } };
  }
  /** Loss and accuracy of `b` (x, y, mask [L, B]), gradients added into the parameters. */
  lossAndGrad(b: CopyBatch): BatchResult {
    checkCopyBatch("CopyTagger.lossAndGrad", "b", b, this.V);
    return this.run(b, true);
  }
  /** Loss and accuracy of `b` alone (for `evaluate`). */
  loss(b: CopyBatch): BatchResult {
    checkCopyBatch("CopyTagger.loss", "b", b, this.V);
    return this.run(b, false);
  }
}

/** Batches of columns of a copy task (time-major [L, N] tensors). */
export function copyBatcher(task: CopyBatch): Batcher<CopyBatch> {
  checkCopyBatch("copyBatcher", "task", task);
  const cols = (m: Tensor, idx: number[]) => {
    const [L, N] = m.shape;
    const out = new Float64Array(L * idx.length);
    for (let t = 0; t < L; t++) idx.forEach((n, k) => { out[t * idx.length + k] = m.data[t * N + n]; });
    return new Tensor(out, [L, idx.length]);
  };
  return { size: task.x.shape[1], batch: (idx: number[]) => ({ x: cols(task.x, idx), y: cols(task.y, idx), mask: cols(task.mask, idx) }) };
}

/** The budget of a copy-task run: 3 symbols of 4, H = 16, 1024 training / 256 validation / 256 test sequences, batches of 16, clip 1, ≤ 20 epochs, best-validation epoch kept. */
export const COPY_PROTOCOL = Object.freeze({ symbols: 3, alphabet: 4, hidden: 16, trainSize: 1024, validSize: 256, testSize: 256, batchSize: 16, clipNorm: 1, maxEpochs: 20, patience: 20 });

/**
 * Trains a {@link CopyTagger} with `config.condition = { cell, delay }` (and `hidden`, default `COPY_PROTOCOL.hidden`); data from `Rng(100 + seed)`, weights from
 * `Rng(1000 + seed)`, batch order from `Rng(2000 + seed)`. `val` and `test` are accuracies on the scored steps (chance 1/4).
 */
export function runCopy(config: RunConfig, hooks: RunHooks = {}): { record: RunRecord; model: CopyTagger; history: History } {
  const fn = "runCopy";
  checkRunConfig(fn, "config", config);
  checkConditionKeys(fn, "config.condition", config.condition, ["cell", "delay", "hidden"]);
  const cell = checkCell(fn, "config.condition.cell", config.condition.cell);
  const D = checkInt(fn, "config.condition.delay", config.condition.delay, { min: 1 });
  checkAllocation(fn, `config.condition.delay = ${D}`, { "the training inputs": [2 * COPY_PROTOCOL.symbols + D, COPY_PROTOCOL.trainSize] });
  if (config.condition.hidden !== undefined) {
    const H = checkSize(fn, "config.condition.hidden", config.condition.hidden);
    checkAllocation(fn, `config.condition.hidden = ${H}`, { weight_hh: [GATE_BLOCKS[cell] * H, H] });
  }
  checkHooks(fn, hooks);
  const P = COPY_PROTOCOL;
  const delay = Number(config.condition.delay);
  const dataRng = new Rng(100 + config.seed);
  const make = (n: number) => copyTask(P.symbols, n, { delay, alphabet: P.alphabet, rng: dataRng }) as CopyBatch & { V: number };
  const train = make(P.trainSize), valid = make(P.validSize), test = make(P.testSize);
  const H = config.condition.hidden === undefined ? P.hidden : Number(config.condition.hidden);
  const model = new CopyTagger(config.condition.cell as CellKind, train.V, H, new Rng(1000 + config.seed));
  const acc = (d: CopyBatch) => evaluate(model, copyBatcher(d), { batchSize: 256 }).accuracy as number;
  const r = fitBestEpoch(model, copyBatcher(train), {
    ...hooks, maxEpochs: P.maxEpochs, patience: P.patience, batchSize: P.batchSize, optimizer: new Adam(model.parameters(), { lr: config.lr }),
    clipNorm: P.clipNorm, rng: new Rng(2000 + config.seed), validate: () => acc(valid),
  });
  return { record: { config, val: r.bestScore, test: acc(test), bestEpoch: r.bestEpoch, epochs: r.valScores.length, metrics: {} }, model, history: r.history };
}
