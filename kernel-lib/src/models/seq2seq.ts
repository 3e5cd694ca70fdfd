// The encoder-decoder (seq2seq) model: embeddings, a recurrent encoder and decoder of one cell kind, a softmax head, teacher forcing.
import { Rng, Tensor, fmtShape, getRng, logSoftmax } from "../tensor";
import type { CellKind, CellState, Module, Param } from "../cells/types";
import { Dense, Embedding, GRU, LSTM, RNN, RecurrentLayer } from "../layers";
import { softmaxCrossEntropy } from "../losses";
import type { BatchResult, Trainable } from "../train";
import { BeamSearchOptions, BeamSearchResult, beamSearch, gatherState } from "./beam";
import { DecodeResult, checkMaxLen, greedyDecode } from "./greedy";
import { argError, checkBoolean, checkOptions, describe } from "../args";
import { checkModelOptions } from "./model-options";

/** One sentence pair as token ids. `tgtIds` may start with `<bos>` (it is dropped) and should end with `<eos>`. */
export interface Seq2SeqPair {
  srcIds: readonly number[];
  tgtIds: readonly number[];
}

/** Options of {@link Seq2Seq}. */
export interface Seq2SeqOptions {
  /** The recurrent cell of both encoder and decoder. */
  cell: CellKind;
  /** V_src, the source vocabulary size. */
  srcVocabSize: number;
  /** V_tgt, the target vocabulary size (the head's classes). */
  tgtVocabSize: number;
  /** E, the embedding size of both vocabularies. */
  embedDim: number;
  /** H, hidden units of encoder and decoder (the decoder starts from the encoder's final state). */
  hiddenSize: number;
  /** Id of `<pad>` (default 0): embedded as zeros, masked out of the loss and the recurrences. */
  padId?: number;
  /** Id of `<bos>` (default 2), the decoder's first input. */
  bosId?: number;
  /** Id of `<eos>` (default 3), which ends a decoded sentence. */
  eosId?: number;
  /** Feed the source backwards (Sutskever et al. 2014), default false. */
  reverseSource?: boolean;
  /** LSTM forget-gate bias (default 1, see `LSTM`). */
  forgetBias?: number | null;
  rng?: Rng;
}

/** A padded, time-major batch of pairs: source ids and mask `[Ts, B]`, decoder inputs/targets/mask `[Td, B]`. */
export interface Seq2SeqBatch {
  srcIds: Tensor;
  srcMask: Tensor;
  decIn: Tensor;
  targets: number[];
  tgtMask: Tensor;
}

/** Forward results kept for the backward pass. */
interface Seq2SeqForward {
  batch: Seq2SeqBatch;
  logits: Tensor;
}

function padColumns(cols: number[][], padId: number): { ids: Tensor; mask: Tensor } {
  const B = cols.length;
  const T = cols.reduce((m, s) => Math.max(m, s.length), 0);
  const ids = new Float64Array(T * B).fill(padId);
  const mask = new Float64Array(T * B);
  cols.forEach((s, b) => s.forEach((id, t) => {
    ids[t * B + b] = id;
    mask[t * B + b] = 1;
  }));
  return { ids: new Tensor(ids, [T, B]), mask: new Tensor(mask, [T, B]) };
}

function makeLayer(kind: CellKind, inputSize: number, hiddenSize: number, rng: Rng, forgetBias?: number | null): RecurrentLayer {
  if (kind === "lstm") return new LSTM({ inputSize, hiddenSize, rng, forgetBias });
  if (kind === "gru") return new GRU({ inputSize, hiddenSize, rng });
  if (kind === "rnn") return new RNN({ inputSize, hiddenSize, rng });
  throw new Error(`Seq2Seq: cell must be "rnn", "lstm" or "gru", got ${kind}`);
}

/**
 * An encoder-decoder (Sutskever et al. 2014; Cho et al. 2014) with one cell kind:
 * encoder `a⟨t⟩ = cell(E_src x⟨t⟩, a⟨t−1⟩)` over the source; the decoder starts from the encoder's final state
 * `s⟨0⟩ = a⟨Ts⟩` and reads the previous target word, `s⟨t⟩ = cell(E_tgt y⟨t−1⟩, s⟨t−1⟩)`, `p(y⟨t⟩ | y⟨<t⟩, x) = softmax(W s⟨t⟩ + b)`.
 * Training uses teacher forcing: decoder inputs are `<bos> y⟨1⟩ … y⟨n−1⟩`, targets `y⟨1⟩ … y⟨n⟩` (ending in `<eos>`),
 * loss = mean token cross-entropy over the unpadded target steps. Backward runs head → decoder BPTT → `dState0` of the
 * decoder = ∂L/∂(encoder final state) → encoder BPTT → embeddings.
 * A {@link Trainable} whose batches are arrays of {@link Seq2SeqPair} (so `fit(model, pairs, …)` works directly).
 * @example
 * const model = new Seq2Seq({ cell: "gru", srcVocabSize: srcVocab.size, tgtVocabSize: tgtVocab.size, embedDim: 32, hiddenSize: 64, rng: new Rng(0) });
 * fit(model, train, { epochs: 5, batchSize: 32, optimizer: new Adam(model.parameters(), { lr: 1e-2 }), clipNorm: 5 });
 * model.greedyDecode(train[0].srcIds, { maxLen: 20 }).ids;
 */
export class Seq2Seq implements Trainable<readonly Seq2SeqPair[]>, Module {
  readonly cell: CellKind;
  readonly srcEmbedding: Embedding;
  readonly tgtEmbedding: Embedding;
  readonly encoder: RecurrentLayer;
  readonly decoder: RecurrentLayer;
  /** `[V_tgt, H]` output layer. */
  readonly head: Dense;
  readonly padId: number;
  readonly bosId: number;
  readonly eosId: number;
  readonly reverseSource: boolean;

  constructor(opts: Seq2SeqOptions) {
    // new.target: a subclass (AttentionSeq2Seq) is named in the errors as the user called it
    const fn = new.target.name;
    const { srcVocabSize, tgtVocabSize, embedDim, hiddenSize, padId = 0, bosId = 2, eosId = 3, reverseSource = false, rng = getRng() } =
      checkOptions(fn, "opts", opts ?? null);
    const cell = checkModelOptions(fn, opts, { srcVocabSize, tgtVocabSize, embedDim, hiddenSize }, rng);
    for (const [k, v] of [["padId", padId], ["bosId", bosId], ["eosId", eosId]] as const) {
      if (!Number.isInteger(v) || v < 0 || v >= tgtVocabSize) throw new Error(`${fn}: ${k} must be an id in [0, ${tgtVocabSize}), got ${describe(v)}`);
    }
    checkBoolean(fn, "reverseSource", reverseSource);
    this.cell = cell;
    this.padId = padId;
    this.bosId = bosId;
    this.eosId = eosId;
    this.reverseSource = reverseSource;
    this.srcEmbedding = new Embedding({ numEmbeddings: srcVocabSize, dim: embedDim, paddingIdx: padId, rng });
    this.tgtEmbedding = new Embedding({ numEmbeddings: tgtVocabSize, dim: embedDim, paddingIdx: padId, rng });
    this.encoder = makeLayer(cell, embedDim, hiddenSize, rng, opts.forgetBias);
    this.decoder = makeLayer(cell, embedDim, hiddenSize, rng, opts.forgetBias);
    this.head = new Dense({ inputSize: hiddenSize, outputSize: tgtVocabSize, rng });
  }

  /** Every parameter, prefixed by its part (`encoder.weight_ih_l0`, `head.bias`, …). */
  parameters(): Param[] {
    const parts: [string, Module][] = [
      ["srcEmbedding", this.srcEmbedding], ["encoder", this.encoder],
      ["tgtEmbedding", this.tgtEmbedding], ["decoder", this.decoder], ["head", this.head],
    ];
    return parts.flatMap(([prefix, m]) => m.parameters().map((p) => ({ ...p, name: `${prefix}.${p.name}` })));
  }

  /** Resets every gradient to 0. */
  zeroGrad(): void {
    for (const m of [this.srcEmbedding, this.encoder, this.tgtEmbedding, this.decoder, this.head]) m.zeroGrad();
  }

  /** The number of trainable numbers. */
  numParameters(): number {
    return this.parameters().reduce((s, p) => s + p.value.size, 0);
  }

  /**
   * Pads pairs into a time-major batch for teacher forcing: decoder input `<bos> y⟨1⟩ … y⟨n−1⟩`, targets `y⟨1⟩ … y⟨n⟩`.
   * @param pairs B sentence pairs (each source and target non-empty)
   * @returns `srcIds, srcMask [Ts, B]`, `decIn, tgtMask [Td, B]`, `targets [Td·B]` (row `t·B + b`)
   */
  makeBatch(pairs: readonly Seq2SeqPair[]): Seq2SeqBatch {
    const fn = "Seq2Seq.makeBatch";
    if (!Array.isArray(pairs) || pairs.length === 0) throw new Error(`${fn}: pairs must be a non-empty array of { srcIds, tgtIds }`);
    const srcCols: number[][] = [];
    const inCols: number[][] = [];
    const outCols: number[][] = [];
    pairs.forEach((p, b) => {
      if (!p || !Array.isArray(p.srcIds) || !Array.isArray(p.tgtIds)) throw argError(fn, `pairs[${b}]`, "{ srcIds: number[], tgtIds: number[] }", p);
      const y = p.tgtIds[0] === this.bosId ? p.tgtIds.slice(1) : p.tgtIds.slice();
      if (!p.srcIds || p.srcIds.length === 0 || y.length === 0) throw new Error(`${fn}: pair ${b} has an empty source or target`);
      srcCols.push(this.reverseSource ? p.srcIds.slice().reverse() : p.srcIds.slice());
      inCols.push([this.bosId, ...y.slice(0, -1)]);
      outCols.push(y);
    });
    const src = padColumns(srcCols, this.padId);
    const dec = padColumns(inCols, this.padId);
    const tgt = padColumns(outCols, this.padId);
    return { srcIds: src.ids, srcMask: src.mask, decIn: dec.ids, targets: Array.from(tgt.ids.data), tgtMask: tgt.mask };
  }

  /** Encoder over padded source ids `[Ts, B]` → final state `{h [B, H], c?}` (each sentence's last real step). */
  private encode(srcIds: Tensor, srcMask: Tensor | null): CellState {
    return this.encoder.forward(this.srcEmbedding.forward(srcIds), null, srcMask).state;
  }

  private forwardBatch(pairs: readonly Seq2SeqPair[]): Seq2SeqForward {
    const batch = this.makeBatch(pairs);
    const s0 = this.encode(batch.srcIds, batch.srcMask);
    const dec = this.decoder.forward(this.tgtEmbedding.forward(batch.decIn), s0, batch.tgtMask);
    const logits = this.head.forward(dec.outputs);  // [Td, B, V]
    return { batch, logits };
  }

  private result(f: Seq2SeqForward, loss: number): BatchResult {
    const { logits, batch } = f;
    const V = logits.shape[2];
    let right = 0;
    let count = 0;
    for (let n = 0; n < batch.targets.length; n++) {
      if (batch.tgtMask.data[n] === 0) continue;
      let best = 0;
      for (let k = 1; k < V; k++) if (logits.data[n * V + k] > logits.data[n * V + best]) best = k;
      right += best === batch.targets[n] ? 1 : 0;
      count++;
    }
    return { loss, metrics: { accuracy: right / Math.max(count, 1) } };
  }

  /**
   * Teacher-forced forward pass alone: mean token cross-entropy and token accuracy (for `evaluate`).
   * @param pairs B sentence pairs
   */
  loss(pairs: readonly Seq2SeqPair[]): BatchResult {
    const f = this.forwardBatch(pairs);
    const { loss } = softmaxCrossEntropy(f.logits, f.batch.targets, { mask: f.batch.tgtMask });
    return this.result(f, loss);
  }

  /**
   * Forward and full backward on one batch; ADDS the gradients of the mean token cross-entropy into every parameter.
   * Backward, in the reverse order of the forward: head → decoder BPTT → (decoder `dState0` = encoder `dStateFinal`) →
   * encoder BPTT → both embeddings.
   * @param pairs B sentence pairs
   * @returns `{ loss, metrics: { accuracy } }` (token accuracy under teacher forcing)
   */
  lossAndGrad(pairs: readonly Seq2SeqPair[]): BatchResult {
    const f = this.forwardBatch(pairs);
    const { loss, dLogits } = softmaxCrossEntropy(f.logits, f.batch.targets, { mask: f.batch.tgtMask });
    const dDecOut = this.head.backward(dLogits);
    const dec = this.decoder.backward(dDecOut);
    this.tgtEmbedding.backward(dec.dx);
    const enc = this.encoder.backward(null, dec.dState0);
    this.srcEmbedding.backward(enc.dx);
    return this.result(f, loss);
  }

  private checkSource(fn: string, srcIds: readonly number[]): void {
    if (!Array.isArray(srcIds) || srcIds.length === 0 || !srcIds.every((v) => Number.isInteger(v))) throw argError(fn, "srcIds", "a non-empty array of integer ids", srcIds);
  }

  /** The encoder's final state for one source sentence, repeated for `k` rows. */
  encodeSource(srcIds: readonly number[], k = 1): CellState {
    this.checkSource("Seq2Seq.encodeSource", srcIds);
    const src = this.reverseSource ? srcIds.slice().reverse() : srcIds.slice();
    const s = this.encode(new Tensor(Float64Array.from(src), [src.length, 1]), null);
    return k === 1 ? s : gatherState(s, new Array(k).fill(0));
  }

  /**
   * One decoder step for `N` hypotheses: embeds the previous tokens, steps the cell, and returns log-probabilities.
   * @param prev `N` previous token ids
   * @param state `{h [N, H], c? [N, H]}`
   * @returns `{ logProbs [N, V], state }`
   */
  decodeStep(prev: readonly number[], state: CellState): { logProbs: Tensor; state: CellState } {
    if (!Array.isArray(prev) || !prev.every((v) => Number.isInteger(v))) throw argError("Seq2Seq.decodeStep", "prev", "an array of integer token ids", prev);
    if (!state || !(state.h instanceof Tensor)) throw argError("Seq2Seq.decodeStep", "state", "a state { h [N, H], c? [N, H] }", state);
    const N = prev.length;
    if (state.h.shape[0] !== N) throw new Error(`Seq2Seq.decodeStep: state.h must be [N, H] with N = ${N}, got ${fmtShape(state.h.shape)}`);
    const x = this.tgtEmbedding.forward(new Tensor(Float64Array.from(prev), [N]));
    const next = this.decoder.cell.step(x, state, this.decoder.cellParams).state;
    const logits = this.head.forward(next.h);
    return { logProbs: logSoftmax(logits, 1), state: next };
  }

  /**
   * Greedy decoding: `y⟨t⟩ = argmax_k p(k | y⟨<t⟩, x)` until `<eos>` or `maxLen` tokens.
   * @param srcIds one source sentence's ids (no padding)
   * @returns `ids` (without `<bos>`/`<eos>`), `logProb = Σ_t log p(y⟨t⟩ | …)` (including `<eos>` when produced), `finished`
   */
  greedyDecode(srcIds: readonly number[], opts: { maxLen?: number } = {}): DecodeResult {
    const fn = "Seq2Seq.greedyDecode";
    this.checkSource(fn, srcIds);
    return greedyDecode(this, srcIds, checkMaxLen(fn, opts.maxLen ?? 50));
  }

  /**
   * Beam-search decoding (see {@link beamSearch}): the k best prefixes by log-probability at each step.
   * @param srcIds one source sentence's ids
   * @returns the best hypothesis `{ ids, logProb, score, finished, candidates }`
   */
  beamSearch(srcIds: readonly number[], opts: BeamSearchOptions = {}): BeamSearchResult {
    this.checkSource("Seq2Seq.beamSearch", srcIds);
    return beamSearch(this, srcIds, opts);
  }
}
