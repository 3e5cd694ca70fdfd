// The copy task's tagger (a recurrent layer with a dense head at every step) and the protocol's copy-task run.
import { Rng, Tensor } from "../tensor";
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

/** A copy-task batch, time-major: symbol ids `x` [L, B], targets `y` [L, B], `mask` [L, B] (1 on the scored steps). */
export interface CopyBatch { x: Tensor; y: Tensor; mask: Tensor }

/** Many-to-many tagger: one-hot input → recurrent layer → dense head on every step, cross-entropy on the masked steps. */
export class CopyTagger implements Trainable<CopyBatch> {
  readonly layer: RecurrentLayer;
  readonly head: Dense;
  /** @param V alphabet size (inputs and outputs), H hidden size */
  constructor(cell: CellKind, readonly V: number, H: number, rng: Rng) {
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
  lossAndGrad(b: CopyBatch): BatchResult { return this.run(b, true); }
  loss(b: CopyBatch): BatchResult { return this.run(b, false); }
}

/** Batches of columns of a copy task (time-major [L, N] tensors). */
export function copyBatcher(task: CopyBatch): Batcher<CopyBatch> {
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
