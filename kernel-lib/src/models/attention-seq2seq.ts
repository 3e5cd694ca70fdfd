// The encoder-decoder with global attention: Seq2Seq's embeddings, encoder, decoder and head, plus Luong attention between decoder and head.
import { Rng, Tensor, fmtShape, logSoftmax, randn, uniform, zeros } from "../tensor";
import type { CellState, Param } from "../cells/types";
import { softmaxCrossEntropy } from "../losses";
import type { BatchResult } from "../train";
import { StackedRecurrent } from "../layers";
import { checkBoolean } from "../args";
import { Seq2Seq, Seq2SeqOptions, Seq2SeqPair } from "./seq2seq";
import { AttentionCache, AttentionParams, attentionBackward, attentionForward } from "./attention";

/**
 * {@link Seq2Seq} with global attention (Luong et al. 2015, "general" score, no input feeding): the decoder runs as
 * before from the encoder's final state, and at every step its state `s_t` looks at all encoder outputs `h_j`:
 * `α_t = softmax_j(s_tᵀ W_a h_j)`, `c_t = Σ_j α_{t,j} h_j`, `h̃_t = tanh(W_c [c_t; s_t] + b_c)`,
 * `p(y_t | …) = softmax(W h̃_t + b)`. The fixed-size bottleneck of the plain encoder-decoder is gone: the decoder can
 * read any source word at any step. Backward: head → attention (→ `dS`, `dHenc`) → decoder BPTT → encoder BPTT from
 * `dHenc` (its outputs) and the decoder's `dState0` (its final state) → embeddings.
 * @example
 * const model = new AttentionSeq2Seq({ cell: "gru", srcVocabSize, tgtVocabSize, embedDim: 32, hiddenSize: 64, rng: new Rng(0) });
 * fit(model, pairs, { … });
 * const { ids, alignment } = model.translateWithAlignment(srcIds);   // alignment [ids.length + 1, Ts]
 */
/** Options of {@link AttentionSeq2Seq}: Seq2Seq's, and the encoder's direction count. */
export interface AttentionSeq2SeqOptions extends Seq2SeqOptions {
  /**
   * A bidirectional encoder (default false): a forward and a reverse layer of H/2 units each (H even) whose outputs are
   * concatenated, `h_j = [h→_j; h←_j]` (so every h_j sees the whole sentence), and the decoder starts from
   * `[h→_final; h←_final]`. The `encoder` layer Seq2Seq builds is then unused and not a parameter.
   */
  bidirectionalEncoder?: boolean;
}

export class AttentionSeq2Seq extends Seq2Seq {
  /** The bidirectional encoder (`{ bidirectionalEncoder: true }`), or null. */
  readonly biEncoder: StackedRecurrent | null;
  /** `Wa [H, H]`, `Wc [H, 2H]`, `bc [H]`. */
  readonly attention: AttentionParams;
  readonly attentionGrads: AttentionParams;
  /** The encoder outputs of the source being decoded (set by `encodeSource`), `[Ts, 1, H]`. */
  private memory: Tensor | null = null;

  constructor(opts: AttentionSeq2SeqOptions) {
    super(opts);
    const H = opts.hiddenSize;
    const rng = opts.rng ?? new Rng(0);
    if (opts.bidirectionalEncoder !== undefined) checkBoolean("AttentionSeq2Seq", "bidirectionalEncoder", opts.bidirectionalEncoder);
    if (opts.bidirectionalEncoder && H % 2 !== 0) throw new Error(`AttentionSeq2Seq: a bidirectional encoder needs an even hiddenSize (H/2 units per direction), got ${H}`);
    this.biEncoder = opts.bidirectionalEncoder
      ? new StackedRecurrent({ kind: opts.cell, inputSize: opts.embedDim, hiddenSize: H / 2, bidirectional: true, forgetBias: opts.forgetBias, rng })
      : null;
    const k = 1 / Math.sqrt(2 * H);
    this.attention = {
      Wa: randn([H, H], { rng, std: 1 / Math.sqrt(H) }),
      Wc: uniform([H, 2 * H], { low: -k, high: k, rng }),
      bc: uniform([H], { low: -k, high: k, rng }),
    };
    this.attentionGrads = { Wa: zeros([H, H]), Wc: zeros([H, 2 * H]), bc: zeros([H]) };
  }

  /** Seq2Seq's parameters (with `biEncoder.*` in place of `encoder.*` when bidirectional), then `attention.Wa`, `attention.Wc`, `attention.bc`. */
  override parameters(): Param[] {
    const att = (["Wa", "Wc", "bc"] as const).map((n) => ({ name: `attention.${n}`, value: this.attention[n], grad: this.attentionGrads[n] }));
    const bi = this.biEncoder;
    if (!bi) return [...super.parameters(), ...att];
    const base = super.parameters().filter((p) => !p.name.startsWith("encoder."));
    return [...base, ...bi.parameters().map((p) => ({ ...p, name: `biEncoder.${p.name}` })), ...att];
  }

  override zeroGrad(): void {
    super.zeroGrad();
    this.biEncoder?.zeroGrad();
    for (const g of Object.values(this.attentionGrads)) g.data.fill(0);
  }

  /**
   * The encoder over embedded source `[Ts, B, E]`: outputs `[Ts, B, H]` and the decoder's initial state `{h [B, H], c?}`
   * (bidirectional: each row `[h→; h←]` of the two directions' final states).
   */
  private runEncoder(x: Tensor, mask: Tensor | null): { outputs: Tensor; state: CellState } {
    const bi = this.biEncoder;
    if (!bi) return this.encoder.forward(x, null, mask);
    const r = bi.forward(x, null, mask);
    const join = (t: Tensor): Tensor => {
      const [, B, h] = t.shape;
      const out = new Float64Array(B * 2 * h);
      for (let b = 0; b < B; b++) for (let d = 0; d < 2; d++) out.set(t.data.subarray((d * B + b) * h, (d * B + b + 1) * h), (b * 2 + d) * h);
      return new Tensor(out, [B, 2 * h]);
    };
    return { outputs: r.outputs, state: { h: join(r.state.h), ...(r.state.c ? { c: join(r.state.c) } : {}) } };
  }

  /** Backward of {@link runEncoder}: `dOutputs [Ts, B, H]` and ∂L/∂(initial decoder state) → dx `[Ts, B, E]`. */
  private encoderBackward(dOutputs: Tensor, dState: { h: Tensor; c?: Tensor }): Tensor {
    const bi = this.biEncoder;
    if (!bi) return this.encoder.backward(dOutputs, dState).dx;
    const split = (t: Tensor): Tensor => {
      const [B, H2] = t.shape;
      const h = H2 / 2;
      const out = new Float64Array(2 * B * h);
      for (let b = 0; b < B; b++) for (let d = 0; d < 2; d++) out.set(t.data.subarray((b * 2 + d) * h, (b * 2 + d + 1) * h), (d * B + b) * h);
      return new Tensor(out, [2, B, h]);
    };
    return bi.backward(dOutputs, { h: split(dState.h), c: dState.c ? split(dState.c) : null }).dx;
  }

  private forwardAttention(pairs: readonly Seq2SeqPair[]): { logits: Tensor; targets: number[]; tgtMask: Tensor; cache: AttentionCache; alpha: Tensor } {
    const batch = this.makeBatch(pairs);
    const enc = this.runEncoder(this.srcEmbedding.forward(batch.srcIds), batch.srcMask);
    const dec = this.decoder.forward(this.tgtEmbedding.forward(batch.decIn), enc.state, batch.tgtMask);
    const a = attentionForward(dec.outputs, enc.outputs, batch.srcMask, this.attention);
    return { logits: this.head.forward(a.hTilde), targets: batch.targets, tgtMask: batch.tgtMask, cache: a.cache, alpha: a.alpha };
  }

  private scores(logits: Tensor, targets: number[], mask: Tensor, loss: number): BatchResult {
    const V = logits.shape[2];
    let right = 0, count = 0;
    for (let n = 0; n < targets.length; n++) {
      if (mask.data[n] === 0) continue;
      let best = 0;
      for (let k = 1; k < V; k++) if (logits.data[n * V + k] > logits.data[n * V + best]) best = k;
      right += best === targets[n] ? 1 : 0;
      count++;
    }
    return { loss, metrics: { accuracy: right / Math.max(count, 1) } };
  }

  /** Teacher-forced mean token cross-entropy and token accuracy, forward only. */
  override loss(pairs: readonly Seq2SeqPair[]): BatchResult {
    const f = this.forwardAttention(pairs);
    const { loss } = softmaxCrossEntropy(f.logits, f.targets, { mask: f.tgtMask });
    return this.scores(f.logits, f.targets, f.tgtMask, loss);
  }

  /** Forward and full backward on one batch (gradients ADD), in the reverse order of the forward. */
  override lossAndGrad(pairs: readonly Seq2SeqPair[]): BatchResult {
    const f = this.forwardAttention(pairs);
    const { loss, dLogits } = softmaxCrossEntropy(f.logits, f.targets, { mask: f.tgtMask });
    const dHTilde = this.head.backward(dLogits);
    const { dS, dHenc } = attentionBackward(dHTilde, f.cache, this.attentionGrads);
    const dec = this.decoder.backward(dS);
    this.tgtEmbedding.backward(dec.dx);
    this.srcEmbedding.backward(this.encoderBackward(dHenc, dec.dState0));
    return this.scores(f.logits, f.targets, f.tgtMask, loss);
  }

  /** The encoder's final state for one sentence (repeated for `k` rows); keeps its outputs for {@link decodeStep}. */
  override encodeSource(srcIds: readonly number[], k = 1): CellState {
    if (!Array.isArray(srcIds) || srcIds.length === 0) throw new Error("AttentionSeq2Seq.encodeSource: srcIds must be a non-empty array of ids");
    const src = this.reverseSource ? srcIds.slice().reverse() : srcIds.slice();
    const enc = this.runEncoder(this.srcEmbedding.forward(new Tensor(Float64Array.from(src), [src.length, 1])), null);
    this.memory = enc.outputs;
    const rows = (t: Tensor): Tensor => {
      const out = new Float64Array(k * t.size);
      for (let r = 0; r < k; r++) out.set(t.data, r * t.size);
      return new Tensor(out, [k, t.shape[1]]);
    };
    return { h: rows(enc.state.h), ...(enc.state.c ? { c: rows(enc.state.c) } : {}) };
  }

  /** One decoder step with attention over the source last given to {@link encodeSource}; also returns the weights `alpha [N, Ts]`. */
  override decodeStep(prev: readonly number[], state: CellState): { logProbs: Tensor; state: CellState; alpha: Tensor } {
    const fn = "AttentionSeq2Seq.decodeStep";
    const mem = this.memory;
    if (!mem) throw new Error(`${fn}: call encodeSource first (attention reads its encoder outputs)`);
    const N = prev.length;
    if (state.h.shape[0] !== N) throw new Error(`${fn}: state.h must be [N, H] with N = ${N}, got ${fmtShape(state.h.shape)}`);
    const [Ts, , H] = mem.shape;
    const x = this.tgtEmbedding.forward(new Tensor(Float64Array.from(prev), [N]));
    const next = this.decoder.cell.step(x, state, this.decoder.cellParams).state;
    const Henc = new Float64Array(Ts * N * H);
    for (let j = 0; j < Ts; j++) for (let n = 0; n < N; n++) Henc.set(mem.data.subarray(j * H, (j + 1) * H), (j * N + n) * H);
    const a = attentionForward(new Tensor(next.h.data, [1, N, H]), new Tensor(Henc, [Ts, N, H]), null, this.attention);
    const logits = this.head.forward(new Tensor(a.hTilde.data, [N, H]));
    return { logProbs: logSoftmax(logits, 1), state: next, alpha: new Tensor(a.alpha.data, [N, Ts]) };
  }

  /**
   * Greedy decoding that also returns the attention weights of every output step (one row per produced word and one for
   * `<eos>` when produced), in the source order given (not reversed), for alignment heatmaps.
   * @returns `{ ids, alignment [steps, Ts], finished }`
   */
  translateWithAlignment(srcIds: readonly number[], opts: { maxLen?: number } = {}): { ids: number[]; alignment: number[][]; finished: boolean } {
    const maxLen = opts.maxLen ?? 50;
    let state = this.encodeSource(srcIds);
    let prev = this.bosId;
    const ids: number[] = [];
    const alignment: number[][] = [];
    for (let t = 0; t < maxLen; t++) {
      const step = this.decodeStep([prev], state);
      state = step.state;
      const row = Array.from(step.alpha.data);
      alignment.push(this.reverseSource ? row.reverse() : row);
      const lp = step.logProbs.data;
      let best = 0;
      for (let k = 1; k < lp.length; k++) if (lp[k] > lp[best]) best = k;
      if (best === this.eosId) return { ids, alignment, finished: true };
      ids.push(best);
      prev = best;
    }
    return { ids, alignment, finished: false };
  }
}
