// The order-blind baseline: the mean of a sequence's word embeddings (or its word counts) → Dense → softmax cross-entropy.
import { Rng, Tensor, checkRank, checkShape, getRng } from "../tensor";
import type { Module } from "../cells";
import { Dense, Embedding } from "../layers";
import { ClassifierBase } from "./classifier-base";
import { checkInstance, checkInt, checkOneOf, checkOptions, checkSize } from "../args";

/** Options of {@link BagOfWordsClassifier}. */
export interface BagOfWordsOptions {
  /** V, the vocabulary size. */
  vocabSize: number;
  /** C, the number of classes. */
  numClasses: number;
  /** `"mean"` (default): mean of E-dim embeddings → Dense; `"counts"`: the V word counts → Dense (a linear model on counts). */
  mode?: "mean" | "counts";
  /** E, the embedding size (mode `"mean"`; default 16). */
  embedDim?: number;
  /** The `<pad>` id, never counted (default 0). */
  paddingIdx?: number;
  rng?: Rng;
}

/**
 * A classifier that sees a sequence as a multiset of words, so it cannot tell "good, not bad" from "bad, not good":
 * - `"mean"`: `x̄_b = (1/n_b) Σ_t m_{t,b} E[id_{t,b}]` (`[B, E]`, n_b real tokens), `z = x̄ Wᵀ + b`;
 * - `"counts"`: `c_{b,v} = Σ_t m_{t,b} [id_{t,b} = v]` (`[B, V]`), `z = c Wᵀ + b`.
 * Then `L = mean_b CE(softmax(z_b), y_b)`. Same interface as {@link SequenceClassifier} (`Trainable`, `predict`, `numParams`).
 * `numParams()` = `V·E + C·(E + 1)` (mean) or `C·(V + 1)` (counts).
 * @example
 * const bow = new BagOfWordsClassifier({ vocabSize: vocab.size, numClasses: 2, embedDim: 16, rng: new Rng(0) });
 * fit(bow, classifierBatcher(train), { epochs: 2, batchSize: 32, optimizer: new Adam(bow.parameters(), { lr: 1e-2 }) });
 */
export class BagOfWordsClassifier extends ClassifierBase {
  protected readonly modelName = "BagOfWordsClassifier";
  readonly mode: "mean" | "counts";
  readonly vocabSize: number;
  readonly paddingIdx: number;
  /** Mode `"mean"` only. */
  readonly embedding: Embedding | null;
  readonly head: Dense;
  private last: { ids: Tensor; mask: Tensor; counts: Float64Array } | null = null;

  constructor(opts: BagOfWordsOptions) {
    super();
    const fn = "BagOfWordsClassifier";
    const { vocabSize, numClasses, mode = "mean", embedDim = 16, paddingIdx = 0, rng = getRng() } = checkOptions(fn, "opts", opts ?? null);
    checkOneOf(fn, "mode", mode, ["mean", "counts"] as const);
    for (const [k, v] of [["vocabSize", vocabSize], ["numClasses", numClasses], ["embedDim", embedDim]] as const) checkSize(fn, k, v);
    checkInt(fn, "paddingIdx", paddingIdx, { min: 0, below: vocabSize });
    checkInstance(fn, "rng", rng, Rng, "an Rng (e.g. new Rng(0)) or undefined for the global one");
    this.mode = mode;
    this.vocabSize = vocabSize;
    this.paddingIdx = paddingIdx;
    this.embedding = mode === "mean" ? new Embedding({ numEmbeddings: vocabSize, dim: embedDim, paddingIdx, rng }) : null;
    this.head = new Dense({ inputSize: mode === "mean" ? embedDim : vocabSize, outputSize: numClasses, rng });
  }

  /**
   * The class scores of a padded batch.
   * @param ids `[T, B]` token ids
   * @param mask `[T, B]` 0/1 (default all ones)
   * @returns logits `[B, C]`
   */
  forward(ids: Tensor, mask?: Tensor | null): Tensor {
    const fn = "BagOfWordsClassifier.forward";
    checkRank(fn, "ids", ids, 2, "T, B");
    const [T, B] = ids.shape;
    if (mask) checkShape(fn, "mask", mask, [T, B], "T, B");
    const m = mask ?? new Tensor(new Float64Array(T * B).fill(1), [T, B]);
    // n_b: the real tokens of each sequence (pad ids never count)
    const counts = new Float64Array(B);
    for (let t = 0; t < T; t++) for (let b = 0; b < B; b++) if (m.data[t * B + b] !== 0 && ids.data[t * B + b] !== this.paddingIdx) counts[b]++;
    this.last = { ids, mask: m, counts };
    if (!this.embedding) return this.head.forward(this.countMatrix(ids, m));
    const x = this.embedding.forward(ids);  // [T, B, E]
    const E = this.embedding.dim;
    const mean = new Float64Array(B * E);
    for (let t = 0; t < T; t++) {
      for (let b = 0; b < B; b++) {
        const w = this.weight(t, b, T, B);
        if (w !== 0) for (let e = 0; e < E; e++) mean[b * E + e] += w * x.data[(t * B + b) * E + e];
      }
    }
    return this.head.forward(new Tensor(mean, [B, E]));
  }

  /**
   * Backward of the last {@link forward}; ADDS into the gradients: `dE[id_{t,b}] += m_{t,b} dx̄_b / n_b`.
   * @param dLogits `[B, C]`
   */
  backward(dLogits: Tensor): void {
    if (!this.last) throw new Error("BagOfWordsClassifier.backward: call forward first");
    const dFeat = this.head.backward(dLogits);  // [B, E] or [B, V]
    if (!this.embedding) return;                // counts are data, not parameters
    const [T, B] = this.last.ids.shape;
    const E = this.embedding.dim;
    const dx = new Float64Array(T * B * E);
    for (let t = 0; t < T; t++) {
      for (let b = 0; b < B; b++) {
        const w = this.weight(t, b, T, B);
        if (w !== 0) for (let e = 0; e < E; e++) dx[(t * B + b) * E + e] = w * dFeat.data[b * E + e];
      }
    }
    this.embedding.backward(new Tensor(dx, [T, B, E]));
  }

  /** `{ embedding, head }` (mode "mean") or `{ head }` (mode "counts"). */
  protected modules(): Record<string, Module> {
    return this.embedding ? { embedding: this.embedding, head: this.head } : { head: this.head };
  }

  /** The averaging weight `m_{t,b} / n_b` of step t of sequence b in the last forward (0 for padding). */
  private weight(t: number, b: number, T: number, B: number): number {
    const { ids, mask, counts } = this.last!;
    const k = t * B + b;
    return mask.data[k] !== 0 && ids.data[k] !== this.paddingIdx && counts[b] > 0 ? 1 / counts[b] : 0;
  }

  /** The `[B, V]` word counts of the real tokens. */
  private countMatrix(ids: Tensor, mask: Tensor): Tensor {
    const [T, B] = ids.shape;
    const V = this.vocabSize;
    const c = new Float64Array(B * V);
    for (let t = 0; t < T; t++) {
      for (let b = 0; b < B; b++) {
        const id = ids.data[t * B + b];
        if (!Number.isInteger(id) || id < 0 || id >= V) throw new Error(`BagOfWordsClassifier.forward: id ${id} at [${t}, ${b}] is out of range [0, ${V})`);
        if (mask.data[t * B + b] !== 0 && id !== this.paddingIdx) c[b * V + id]++;
      }
    }
    return new Tensor(c, [B, V]);
  }
}
