// The many-to-one sequence classifier: Embedding → RNN/LSTM/GRU (final state at each sequence's last real step) → Dense → softmax cross-entropy.
import { Rng, Tensor, checkRank, checkShape, getRng } from "../tensor";
import type { Activation } from "../tensor";
import type { GruVariant, Module } from "../cells";
import { Dense, Embedding, GRU, LSTM, RNN, RecurrentLayer } from "../layers";
import { ClassifierBase } from "./classifier-base";
import { checkInt, checkOptions } from "../args";
import { checkModelOptions } from "./model-options";

/** Options of {@link SequenceClassifier}. */
export interface SequenceClassifierOptions {
  /** The recurrent cell: `"rnn"` (vanilla, tanh by default), `"lstm"` or `"gru"`. */
  cell: "rnn" | "lstm" | "gru";
  /** V, the vocabulary size (ids in `[0, V)`). */
  vocabSize: number;
  /** E, the embedding size. */
  embedDim: number;
  /** H, the hidden units of the recurrent layer. */
  hiddenSize: number;
  /** C, the number of classes. */
  numClasses: number;
  /** Initialisation draws from this generator, in the order embedding, recurrent layer, head (default: the global one). */
  rng?: Rng;
  /** The `<pad>` id: its embedding row stays 0 and gets no gradient (default 0). */
  paddingIdx?: number;
  /** RNN only: φ (default `"tanh"`). */
  nonlinearity?: Activation;
  /** LSTM only: the initial forget-gate bias (default 1). */
  forgetBias?: number | null;
  /** GRU only: `"reset-after"` (default) or `"classic"`. */
  variant?: GruVariant;
}

/**
 * A many-to-one classifier over token-id sequences:
 * `x_t = E[id_t]` (`[T, B, E]`), `h_T = RNN(x, mask)` — the state at each sequence's last real step (`[B, H]`),
 * `z = h_T W_headᵀ + b` (`[B, C]`), `L = mean_b CE(softmax(z_b), y_b)`.
 * Backward goes the reverse way: `dz → dh_T` (head) → BPTT from the final state (no per-step output gradient)
 * → `dx [T, B, E]` → scatter-add into the embedding rows (`<pad>` excluded).
 * Implements `Trainable` (for `fit`/`evaluate`): `lossAndGrad(batch)` ADDS the gradients and reports `accuracy`.
 * `numParams()` = `V·E + G·H·(E + H + 2) + C·(H + 1)`.
 * @example
 * const model = new SequenceClassifier({ cell: "lstm", vocabSize: vocab.size, embedDim: 16, hiddenSize: 32, numClasses: 2, rng: new Rng(0) });
 * fit(model, classifierBatcher(train), { epochs: 2, batchSize: 32, optimizer: new Adam(model.parameters(), { lr: 1e-2 }) });
 * model.predict(batch.ids, batch.mask); // [B] class indices
 */
export class SequenceClassifier extends ClassifierBase {
  protected readonly modelName = "SequenceClassifier";
  readonly cell: "rnn" | "lstm" | "gru";
  readonly embedding: Embedding;
  readonly recurrent: RecurrentLayer;
  readonly head: Dense;
  private lastT = 0;

  constructor(opts: SequenceClassifierOptions) {
    const fn = "SequenceClassifier";
    const { cell, vocabSize, embedDim, hiddenSize, numClasses, rng = getRng(), paddingIdx = 0 } = checkOptions(fn, "opts", opts ?? null);
    super();
    // every size is checked here, so an error names SequenceClassifier and its option, not the Embedding or Dense inside
    checkModelOptions(fn, opts, { vocabSize, embedDim, hiddenSize, numClasses }, rng);
    checkInt(fn, "paddingIdx", paddingIdx, { min: 0, below: vocabSize });
    this.cell = cell;
    this.embedding = new Embedding({ numEmbeddings: vocabSize, dim: embedDim, paddingIdx, rng });
    const layerOpts = { inputSize: embedDim, hiddenSize, rng };
    this.recurrent =
      cell === "rnn" ? new RNN({ ...layerOpts, nonlinearity: opts.nonlinearity })
      : cell === "lstm" ? new LSTM({ ...layerOpts, forgetBias: opts.forgetBias })
      : new GRU({ ...layerOpts, variant: opts.variant });
    this.head = new Dense({ inputSize: hiddenSize, outputSize: numClasses, rng });
  }

  /**
   * The class scores of a padded batch.
   * @param ids `[T, B]` token ids
   * @param mask `[T, B]` 0/1 (1 = real token; padding after the tokens); default all ones
   * @returns logits `[B, C]`
   */
  forward(ids: Tensor, mask?: Tensor | null): Tensor {
    const fn = "SequenceClassifier.forward";
    checkRank(fn, "ids", ids, 2, "T, B");
    if (mask) checkShape(fn, "mask", mask, ids.shape, "T, B");
    const x = this.embedding.forward(ids);
    const { state } = this.recurrent.forward(x, null, mask ?? null);
    this.lastT = ids.shape[0];
    return this.head.forward(state.h);
  }

  /**
   * Backward of the last {@link forward}; ADDS into every parameter's gradient.
   * @param dLogits `[B, C]` ∂L/∂logits
   */
  backward(dLogits: Tensor): void {
    if (this.lastT === 0) throw new Error("SequenceClassifier.backward: call forward first");
    const dh = this.head.backward(dLogits);                 // [B, H] = ∂L/∂h_T
    const { dx } = this.recurrent.backward(null, { h: dh }); // BPTT from the final state only
    this.embedding.backward(dx);                            // [T, B, E] scattered into the table
  }

  /** `{ embedding, rnn, head }`: parameter names are prefixed with these. */
  protected modules(): Record<string, Module> {
    return { embedding: this.embedding, rnn: this.recurrent, head: this.head };
  }

}
