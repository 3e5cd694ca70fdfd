// The training loop: seeded shuffling, one optimizer step per batch, clipping, and a history of loss and metrics.
import { Rng, checkFiniteFor32, getRng } from "../tensor";
import { Optimizer, OptimizerLike, clipGradNorm, clipGradValue, gradNorm } from "../optim";
import { argError, checkBoolean, checkFunction, checkInstance, checkInt, checkNumber, debugMode } from "../args";
import { BatchResult, Batcher, Dataset, EpochRecord, History, StepRecord, Trainable } from "./types";
import { WeightedMeans, asBatcher, batchIndices } from "./batches";
import { evaluate } from "./evaluate";

/** Options of {@link fit}. */
export interface FitOptions<Batch> {
  epochs: number;
  batchSize: number;
  optimizer: OptimizerLike;
  /** Clip the global gradient norm to this (after recording it), as `clipGradNorm`. */
  clipNorm?: number;
  /** Clamp every gradient element to [−clipValue, clipValue], as `clipGradValue`. */
  clipValue?: number;
  /** Shuffles the examples at the start of every epoch (default: the global generator). */
  rng?: Rng;
  /** Default true; false keeps the data order. */
  shuffle?: boolean;
  /** Drop a last batch smaller than `batchSize` (default false). */
  dropLast?: boolean;
  /** Evaluated after each epoch: `valLoss` and `val<Metric>` join the epoch record. */
  validation?: Dataset<Batch>;
  /** The metric names (from `lossAndGrad(...).metrics`) to record per epoch; default all of them. */
  metrics?: string[];
  /** Called after every optimizer step; return `false` to stop training. */
  onStep?: (step: StepRecord) => void | boolean;
  /** Called after every epoch with its record and the history so far; return `false` to stop training. */
  onEpoch?: (epoch: EpochRecord, history: History) => void | boolean;
}

/**
 * Trains `model` on `data`: for each epoch, shuffle (seeded), and for each batch
 * `zeroGrad → lossAndGrad → record ‖g‖ → clip → optimizer.step()`. Progress goes only through
 * `onStep`/`onEpoch` (no console output), so a notebook display can render it live.
 * The epoch loss and metrics are example-weighted means of the batch values during the epoch.
 * @param model a {@link Trainable}
 * @param data an array of examples (a batch is then an array of them) or a {@link Batcher}
 * @returns the {@link History}; one seed gives identical bytes (`JSON.stringify`)
 * @example
 * const history = fit(model, examples, { epochs: 20, batchSize: 16, optimizer: new Adam(model.parameters(), { lr: 1e-2 }), clipNorm: 5, rng: new Rng(0) });
 */
export function fit<Batch>(model: Trainable<Batch>, data: Dataset<Batch>, opts: FitOptions<Batch>): History {
  return fitNamed("fit", model, data, opts);
}

/**
 * {@link fit} under the name of the function the user called (`fit`, or a trainer built on it such as `fitBestEpoch`):
 * its argument errors and the errors of a failing batch name `fn`.
 */
export function fitNamed<Batch>(fn: string, model: Trainable<Batch>, data: Dataset<Batch>, opts: FitOptions<Batch>): History {
  if (!model || typeof model.lossAndGrad !== "function" || typeof model.parameters !== "function") {
    throw new Error(`${fn}: model must implement Trainable { parameters(), zeroGrad(), lossAndGrad(batch) }`);
  }
  const { epochs, batchSize, optimizer, clipNorm, clipValue, shuffle = true, dropLast = false } = opts ?? ({} as FitOptions<Batch>);
  checkInt(fn, "epochs", epochs, { min: 0 });
  checkInt(fn, "batchSize", batchSize, { min: 1 });
  if (!optimizer || typeof optimizer.step !== "function") throw new Error(`${fn}: optimizer must have step() and zeroGrad()`);
  if (opts.metrics !== undefined && !(Array.isArray(opts.metrics) && opts.metrics.every((m) => typeof m === "string"))) {
    throw argError(fn, "metrics", "an array of metric names (strings) or undefined for all", opts.metrics);
  }
  if (clipNorm !== undefined) checkNumber(fn, "clipNorm", clipNorm, { above: 0 });
  if (clipValue !== undefined) checkNumber(fn, "clipValue", clipValue, { above: 0 });
  if (opts.rng !== undefined) checkInstance(fn, "rng", opts.rng, Rng, "an Rng (e.g. new Rng(0)) or undefined for the global one");
  checkBoolean(fn, "shuffle", shuffle);
  checkBoolean(fn, "dropLast", dropLast);
  if (opts.onStep !== undefined) checkFunction(fn, "onStep", opts.onStep);
  if (opts.onEpoch !== undefined) checkFunction(fn, "onEpoch", opts.onEpoch);
  const batcher = asBatcher(fn, data);
  if (batcher.size === 0) throw new Error(`${fn}: data is empty`);
  const rng = opts.rng ?? getRng();
  const params = model.parameters();
  const history: History = { epochs: [], steps: [] };
  let step = 0;
  let stop = false;
  for (let epoch = 1; epoch <= epochs && !stop; epoch++) {
    const order = shuffle ? rng.permutation(batcher.size) : Array.from({ length: batcher.size }, (_, i) => i);
    const acc = new WeightedMeans();
    for (const idx of batchIndices(order, batchSize, dropLast)) {
      model.zeroGrad();
      let r: BatchResult;
      try {
        r = model.lossAndGrad(batcher.batch(idx));
      } catch (e) {
        throw culprit(model, batcher, idx, `${fn}: epoch ${epoch}, step ${step + 1} fails`, e as Error);
      }
      if (!Number.isFinite(r.loss)) throw culprit(model, batcher, idx, `${fn}: the loss is ${r.loss} at epoch ${epoch}, step ${step + 1}`, null);
      const norm = clipNorm !== undefined ? clipGradNorm(params, clipNorm) : gradNorm(params);
      if (clipValue !== undefined) clipGradValue(params, clipValue);
      optimizer.step();
      step++;
      // an optimizer of rnnlab checks itself in debug mode; one of the user's is checked here
      if (debugMode() && !(optimizer instanceof Optimizer)) {
        for (const p of params) checkFiniteFor32(`${fn} (epoch ${epoch}, step ${step}: after optimizer.step())`, p.name, p.value);
      }
      acc.add(idx.length, { loss: r.loss, ...pick(r.metrics, opts.metrics) });
      const rec: StepRecord = { step, epoch, loss: r.loss, gradNorm: norm };
      history.steps.push(rec);
      if (opts.onStep?.(rec) === false) {
        stop = true;
        break;
      }
    }
    const record = { epoch, ...acc.means() } as EpochRecord;
    if (opts.validation) {
      const v = evaluate(model, opts.validation, { batchSize });
      record.valLoss = v.loss;
      for (const [k, x] of Object.entries(pick(v, opts.metrics))) if (k !== "loss") record[`val${k[0].toUpperCase()}${k.slice(1)}`] = x;
    }
    history.epochs.push(record);
    if (opts.onEpoch?.(record, history) === false) stop = true;
  }
  return history;
}

/**
 * The error for a failing batch, naming the example of the data set behind it: each example of the batch is run alone
 * (`lossAndGrad(batch([i]))`), and the first one that throws or gives a non-finite loss is named by its index in `data`
 * (an error inside the batch names a batch-local row, which says nothing about the data set). Gradients are zeroed after.
 */
function culprit<Batch>(model: Trainable<Batch>, batcher: Batcher<Batch>, idx: number[], head: string, err: Error | null): Error {
  const what = err ? `: ${err.message}` : "";
  for (const i of idx) {
    let alone: string | null = null;
    try {
      model.zeroGrad();
      const r = model.lossAndGrad(batcher.batch([i]));
      if (!Number.isFinite(r.loss)) alone = `gives the loss ${r.loss}`;
    } catch (e) {
      alone = `fails: ${(e as Error).message}`;
    }
    if (alone !== null) {
      model.zeroGrad();
      return new Error(`${head}; example ${i} of data (its index in the data set; ${idx.length > 1 ? `batch of ${idx.length} examples` : "a batch of one"}) alone ${alone}`, { cause: err ?? undefined });
    }
  }
  model.zeroGrad();
  return new Error(`${head}${what} (the batch of data examples [${idx.slice(0, 16).join(", ")}${idx.length > 16 ? ", …" : ""}]; none of them fails alone)`, { cause: err ?? undefined });
}

/** The entries of `values` named in `names` (all of them without `names`). */
function pick(values: Record<string, number> | undefined, names: string[] | undefined): Record<string, number> {
  if (!values) return {};
  if (!names) return { ...values };
  const out: Record<string, number> = {};
  for (const k of names) if (k in values) out[k] = values[k];
  return out;
}
