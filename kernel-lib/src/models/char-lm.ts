// The character-level language model: embedding → RNN/LSTM/GRU → softmax over the next character, trained on stateful chunks.
import { Rng, Tensor, checkShape, fmtShape, getRng } from "../tensor";
import type { CellKind, CellState, GruVariant, Module, Param } from "../cells/types";
import { Dense, Embedding, GRU, LSTM, RNN, RecurrentLayer } from "../layers";
import { softmaxCrossEntropy } from "../losses";
import { argError, checkIds, checkInstance, checkNumber, checkObject, checkOptions } from "../args";
import { checkModelOptions } from "./model-options";

/** Options of {@link CharLM}. Legend: T steps, B streams, V characters, E embedding, H hidden. */
export interface CharLMOptions {
  cell: CellKind;
  /** V, characters in the vocabulary (specials included). */
  vocabSize: number;
  /** E, the embedding size (an embedding is a one-hot vector times a learned `[V, E]` matrix). */
  embedDim: number;
  /** H, hidden units. */
  hiddenSize: number;
  /** GRU only (default "reset-after"). */
  variant?: GruVariant;
  /** LSTM forget-gate bias (default 1). */
  forgetBias?: number | null;
  rng?: Rng;
}

/** A `[T, B]` chunk of character ids and the next characters (`targets[t·B + b]` = the character after `x[t, b]`). */
export interface CharChunk {
  x: Tensor;
  targets: number[];
  /** `[T, B]` 0/1, for padded batches of words (null for a continuous stream). */
  mask?: Tensor | null;
}

/**
 * A character-level language model (Karpathy 2015): `e_t = E[x_t]`, `h_t = cell(e_t, h_{t−1})`,
 * `p(x_{t+1} | x_{≤t}) = softmax(W h_t + b)`; the loss is the mean cross-entropy of the next character (its exponential
 * is the perplexity). Many-to-many: every step predicts. Training on a long text uses truncated BPTT over chunks whose
 * hidden state is carried from one chunk to the next (see {@link trainChunk}); gradients stop at the chunk border.
 * @example
 * const lm = new CharLM({ cell: "lstm", vocabSize: vocab.size, embedDim: 16, hiddenSize: 128, rng: new Rng(0) });
 * const { loss } = lm.trainChunk(chunk);    // ADDS gradients; carries lm.carry to the next chunk
 */
export class CharLM implements Module {
  readonly cell: CellKind;
  readonly vocabSize: number;
  readonly embedDim: number;
  readonly hiddenSize: number;
  readonly embedding: Embedding;
  readonly rnn: RecurrentLayer;
  /** `[V, H]` output layer. */
  readonly head: Dense;
  /** The state carried between consecutive chunks of a stream (`null` = start from zeros). */
  carry: CellState | null = null;

  constructor(opts: CharLMOptions) {
    const fn = "CharLM";
    const { vocabSize, embedDim, hiddenSize, rng = getRng() } = checkOptions(fn, "opts", opts ?? null);
    const cell = checkModelOptions(fn, opts, { vocabSize, embedDim, hiddenSize }, rng);
    this.cell = cell;
    this.vocabSize = vocabSize;
    this.embedDim = embedDim;
    this.hiddenSize = hiddenSize;
    this.embedding = new Embedding({ numEmbeddings: vocabSize, dim: embedDim, rng });
    const o = { inputSize: embedDim, hiddenSize, rng };
    if (cell === "lstm") this.rnn = new LSTM({ ...o, forgetBias: opts.forgetBias });
    else if (cell === "gru") this.rnn = new GRU({ ...o, variant: opts.variant });
    else this.rnn = new RNN(o);
    this.head = new Dense({ inputSize: hiddenSize, outputSize: vocabSize, rng });
  }

  /** Every parameter, prefixed by its part (`embedding.weight`, `rnn.weight_ih_l0`, `head.bias`). */
  parameters(): Param[] {
    const parts: [string, Module][] = [["embedding", this.embedding], ["rnn", this.rnn], ["head", this.head]];
    return parts.flatMap(([prefix, m]) => m.parameters().map((p) => ({ ...p, name: `${prefix}.${p.name}` })));
  }

  zeroGrad(): void {
    for (const m of [this.embedding, this.rnn, this.head]) m.zeroGrad();
  }

  /** The number of trainable numbers. */
  numParameters(): number {
    return this.parameters().reduce((s, p) => s + p.value.size, 0);
  }

  /**
   * Logits of the next character at every step.
   * @param x `[T, B]` character ids
   * @param state0 `{h [B, H], c?}` (null = zeros)
   * @returns `{ logits [T, B, V], state, hidden [T, B, H] }`
   */
  forward(x: Tensor, state0?: CellState | null, mask?: Tensor | null): { logits: Tensor; state: CellState; hidden: Tensor } {
    if (!(x instanceof Tensor) || x.rank !== 2) throw new Error(`CharLM.forward: x must be [T, B] character ids, got ${x instanceof Tensor ? fmtShape(x.shape) : typeof x}`);
    const r = this.rnn.forward(this.embedding.forward(x), state0 ?? null, mask ?? null);
    return { logits: this.head.forward(r.outputs), state: r.state, hidden: r.outputs };
  }

  /**
   * Mean next-character cross-entropy of a chunk (nats per character), forward only.
   * @param state0 the state entering the chunk (null = zeros)
   * @returns `{ loss, count, state }` (count = unmasked characters)
   */
  loss(chunk: CharChunk, state0?: CellState | null): { loss: number; count: number; state: CellState } {
    checkChunk("CharLM.loss", chunk);
    const f = this.forward(chunk.x, state0, chunk.mask);
    const { loss } = softmaxCrossEntropy(f.logits, chunk.targets, { mask: chunk.mask ?? undefined });
    const count = chunk.mask ? chunk.mask.data.reduce((s, v) => s + v, 0) : chunk.targets.length;
    return { loss, count, state: f.state };
  }

  /**
   * One step of truncated BPTT on a stream: runs the chunk from {@link carry}, ADDS the gradients of its mean
   * cross-entropy (backward through this chunk only: the carried state is a constant), and stores the final state in
   * {@link carry} for the next chunk, so the model sees an unbroken text although gradients span T steps.
   * With a mask (padded words) nothing is carried.
   * @returns `{ loss }` (nats per character)
   */
  trainChunk(chunk: CharChunk): { loss: number } {
    checkChunk("CharLM.trainChunk", chunk);
    const state0 = chunk.mask ? null : this.carry;
    if (state0 && state0.h.shape[0] !== chunk.x.shape[1]) {
      throw new Error(`CharLM.trainChunk: the carried state has ${state0.h.shape[0]} rows but the chunk has B = ${chunk.x.shape[1]} streams; set lm.carry = null to restart`);
    }
    const f = this.forward(chunk.x, state0, chunk.mask);
    const { loss, dLogits } = softmaxCrossEntropy(f.logits, chunk.targets, { mask: chunk.mask ?? undefined });
    const dHidden = this.head.backward(dLogits);
    const b = this.rnn.backward(dHidden);
    this.embedding.backward(b.dx);
    this.carry = chunk.mask ? null : { h: f.state.h.clone(), ...(f.state.c ? { c: f.state.c.clone() } : {}) };
    return { loss };
  }

  /**
   * One step for N rows: the next-character log-probabilities after feeding `ids`, at `temperature` τ
   * (`softmax(z / τ)`).
   * @param ids N character ids
   * @param state `{h [N, H], c?}` or null (zeros)
   * @returns `{ probs [N, V] (rows sum to 1), state }`
   */
  step(ids: readonly number[], state?: CellState | null, temperature = 1): { probs: Tensor; state: CellState } {
    checkIds("CharLM.step", "ids", ids, this.vocabSize, 1);
    checkNumber("CharLM.step", "temperature", temperature, { above: 0 });
    const N = ids.length;
    const x = this.embedding.forward(new Tensor(Float64Array.from(ids), [N]));
    if (state !== null && state !== undefined) {
      checkObject("CharLM.step", "state", state, `{ h [N, H]${this.cell === "lstm" ? ", c [N, H]" : ""} } or null`);
      checkShape("CharLM.step", "state.h", state.h, [N, this.hiddenSize], "N, H");
      if (this.cell === "lstm") checkShape("CharLM.step", "state.c", state.c, [N, this.hiddenSize], "N, H");
    }
    const s = state ?? { h: new Tensor(new Float64Array(N * this.hiddenSize), [N, this.hiddenSize]),
      ...(this.cell === "lstm" ? { c: new Tensor(new Float64Array(N * this.hiddenSize), [N, this.hiddenSize]) } : {}) };
    const next = this.rnn.cell.step(x, s, this.rnn.cellParams).state;
    const z = this.head.forward(next.h).data;
    const V = this.vocabSize;
    const probs = new Float64Array(N * V);
    for (let n = 0; n < N; n++) {
      let max = -Infinity;
      for (let k = 0; k < V; k++) max = Math.max(max, z[n * V + k] / temperature);
      let sum = 0;
      for (let k = 0; k < V; k++) sum += probs[n * V + k] = Math.exp(z[n * V + k] / temperature - max);
      for (let k = 0; k < V; k++) probs[n * V + k] /= sum;
    }
    return { probs: new Tensor(probs, [N, V]), state: next };
  }
}

/** Throws unless `chunk` is `{ x: Tensor, targets: number[], mask? }`, naming `fn` (the shapes are checked by the loss). */
function checkChunk(fn: string, chunk: CharChunk): void {
  checkObject(fn, "chunk", chunk, "{ x [T, B], targets, mask? } (from streamChunks or wordBatch)");
  if (!(chunk.x instanceof Tensor)) throw argError(fn, "chunk.x", "a Tensor [T, B] of character ids", chunk.x);
}

/**
 * Draws an index from a probability row by inverse CDF with one uniform number from `rng`.
 * @param p probabilities (sum 1)
 */
export function sampleIndex(p: ArrayLike<number>, rng: Rng): number {
  if (!Array.isArray(p) && !(p instanceof Float64Array) && !(p instanceof Float32Array)) throw argError("sampleIndex", "p", "an array or Float64Array of probabilities", p);
  if (p.length === 0) throw argError("sampleIndex", "p", "a non-empty row of probabilities", p);
  checkInstance("sampleIndex", "rng", rng, Rng, "an Rng (e.g. new Rng(0))");
  const u = rng.uniform();
  let acc = 0;
  for (let k = 0; k < p.length; k++) {
    acc += p[k];
    if (u < acc) return k;
  }
  return p.length - 1;
}
