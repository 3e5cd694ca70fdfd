// Around the character LM: stateful stream chunks, padded word batches, held-out cross-entropy, sampling, n-gram baselines.
import { Rng, Tensor } from "../tensor";
import type { CellState } from "../cells/types";
import { MAX_ELEMENTS, checkArray, checkIds, checkInstance, checkInt, checkNumber, checkObject } from "../args";
import { CharChunk, CharLM, sampleIndex } from "./char-lm";

/**
 * Cuts one long id stream into `B` contiguous streams and returns their consecutive `[T, B]` chunks:
 * column b of chunk k holds `ids[b·L + k·T + t]` (L = ⌊(N − 1) / B⌋), its targets the next ids. Chunk k + 1 continues
 * exactly where chunk k stopped in every column, which is what lets the hidden state be carried (stateful batches).
 * The tail that does not fill a whole chunk is dropped.
 * @param ids the text as ids (N ≥ B·T + 1)
 * @returns `⌊L / T⌋` chunks `{ x [T, B], targets [T·B] }`
 */
export function streamChunks(ids: readonly number[], B: number, T: number): CharChunk[] {
  const fn = "streamChunks";
  for (const [k, v] of [["B", B], ["T", T]] as const) if (!Number.isInteger(v) || v < 1) throw new Error(`${fn}: ${k} must be a positive integer, got ${v}`);
  const L = Math.floor((ids.length - 1) / B);
  const K = Math.floor(L / T);
  if (K < 1) throw new Error(`${fn}: a stream of ${ids.length} ids is too short for B = ${B} streams of T = ${T} steps (needs ≥ ${B * T + 1})`);
  const chunks: CharChunk[] = [];
  for (let k = 0; k < K; k++) {
    const x = new Float64Array(T * B);
    const targets = new Array<number>(T * B);
    for (let t = 0; t < T; t++) {
      for (let b = 0; b < B; b++) {
        const i = b * L + k * T + t;
        x[t * B + b] = ids[i];
        targets[t * B + b] = ids[i + 1];
      }
    }
    chunks.push({ x: new Tensor(x, [T, B]), targets });
  }
  return chunks;
}

/**
 * Pads words (id lists, each `<bos> c₁ … cₙ <eos>`) into one batch: inputs `<bos> c₁ … cₙ`, targets `c₁ … cₙ <eos>`,
 * mask 1 on real steps. The model learns where words start and end.
 * @param words B id lists of length ≥ 2
 * @param padId the id written at padded steps
 */
export function wordBatch(words: readonly (readonly number[])[], padId = 0): CharChunk {
  checkArray("wordBatch", "words", words).forEach((w, b) => checkIds("wordBatch", `words[${b}]`, w));
  checkInt("wordBatch", "padId", padId, { min: 0 });
  const B = words.length;
  const T = words.reduce((m, w) => Math.max(m, w.length - 1), 0);
  if (B === 0 || T < 1) throw new Error(`wordBatch: needs words of at least two ids (<bos> … <eos>), got ${B} words`);
  const x = new Float64Array(T * B).fill(padId);
  const mask = new Float64Array(T * B);
  const targets = new Array<number>(T * B).fill(padId);
  words.forEach((w, b) => {
    for (let t = 0; t < w.length - 1; t++) {
      x[t * B + b] = w[t];
      targets[t * B + b] = w[t + 1];
      mask[t * B + b] = 1;
    }
  });
  return { x: new Tensor(x, [T, B]), targets, mask: new Tensor(mask, [T, B]) };
}

/**
 * Mean cross-entropy (nats per predicted character) of a held-out stream, read like training in `[T, B]` chunks with
 * the state carried from chunk to chunk; perplexity = e^(that). Leaves `lm.carry` alone.
 */
export function streamCrossEntropy(lm: CharLM, ids: readonly number[], B: number, T: number): number {
  const fn = "streamCrossEntropy";
  checkInstance(fn, "lm", lm, CharLM, "a CharLM");
  checkIds(fn, "ids", ids, lm.vocabSize);
  checkInt(fn, "B", B, { min: 1 });
  checkInt(fn, "T", T, { min: 1 });
  if (ids.length < B * T + 1) throw new Error(`${fn}: ids holds ${ids.length} ids, too few for B = ${B} streams of T = ${T} steps (needs ≥ ${B * T + 1})`);
  let state: CellState | null = null;
  let total = 0;
  let count = 0;
  for (const chunk of streamChunks(ids, B, T)) {
    const r = lm.loss(chunk, state);
    total += r.loss * r.count;
    count += r.count;
    state = r.state;
  }
  return total / count;
}

/** Options of {@link sampleText}. */
export interface SampleOptions {
  /** Ids fed first (the model's state after them starts the sample); at least one. */
  prime: readonly number[];
  /** Characters to draw. */
  length: number;
  /** τ: < 1 sharpens, > 1 flattens `softmax(z / τ)` (default 1). */
  temperature?: number;
  rng: Rng;
  /** Stop after drawing this id (e.g. `<eos>` for words). */
  stopId?: number;
  /** Never draw these ids (e.g. `<pad>`, `<unk>`). */
  banned?: readonly number[];
}

/**
 * Draws characters one at a time from the model: feed the prime, then repeatedly draw `x_{t+1} ~ softmax(z_t / τ)` and
 * feed it back. Seeded by `rng`: the same seed gives the same text.
 * @returns the drawn ids (the prime excluded; the stop id included when drawn)
 */
export function sampleText(lm: CharLM, opts: SampleOptions): number[] {
  const fn = "sampleText";
  checkInstance(fn, "lm", lm, CharLM, "a CharLM");
  const { prime, length, temperature = 1, rng, stopId, banned = [] } = checkObject<SampleOptions>(fn, "opts", opts, "{ prime, length, rng, temperature?, stopId?, banned? }");
  const V = lm.vocabSize;
  checkIds(fn, "opts.prime", prime, V, 1);
  checkInt(fn, "opts.length", length, { min: 0, max: MAX_ELEMENTS });
  checkNumber(fn, "opts.temperature", temperature, { above: 0 });
  checkInstance(fn, "opts.rng", rng, Rng, "an Rng (e.g. new Rng(0))");
  if (stopId !== undefined) checkInt(fn, "opts.stopId", stopId, { min: 0, below: V });
  checkIds(fn, "opts.banned", banned, V);
  let state: CellState | null = null;
  let probs: Float64Array | null = null;
  for (const id of prime) {
    const s = lm.step([id], state, temperature);
    state = s.state;
    probs = s.probs.data;
  }
  const out: number[] = [];
  for (let n = 0; n < length; n++) {
    const p = Float64Array.from(probs as Float64Array);
    if (banned.length) {
      for (const k of banned) p[k] = 0;
      const z = p.reduce((a, v) => a + v, 0);
      for (let k = 0; k < p.length; k++) p[k] /= z;
    }
    const id = sampleIndex(p, rng);
    out.push(id);
    if (id === stopId) break;
    const s = lm.step([id], state, temperature);
    state = s.state;
    probs = s.probs.data;
  }
  return out;
}

/**
 * An add-α n-gram model of order 1 (unigram, `p(c) = (n_c + α) / (N + αV)`) or 2 (bigram,
 * `p(c | a) = (n_ac + α) / (n_a + αV)`), counted on a training stream: the baselines a language model must beat.
 * @returns `crossEntropy(ids)`: mean nats per predicted character of `ids[1…]` (the first has no predecessor)
 */
export function ngramBaseline(trainIds: readonly number[], V: number, order: 1 | 2, alpha = 1): { crossEntropy(ids: readonly number[]): number } {
  if (order !== 1 && order !== 2) throw new Error(`ngramBaseline: order must be 1 or 2, got ${order}`);
  if (!(alpha > 0)) throw new Error(`ngramBaseline: alpha must be > 0 (unseen characters would get probability 0), got ${alpha}`);
  const uni = new Float64Array(V);
  const bi = new Float64Array(order === 2 ? V * V : 0);
  const ctx = new Float64Array(V);
  for (let i = 1; i < trainIds.length; i++) {
    uni[trainIds[i]]++;
    if (order === 2) {
      bi[trainIds[i - 1] * V + trainIds[i]]++;
      ctx[trainIds[i - 1]]++;
    }
  }
  const N = trainIds.length - 1;
  return {
    crossEntropy(ids: readonly number[]): number {
      let s = 0;
      for (let i = 1; i < ids.length; i++) {
        const [a, c] = [ids[i - 1], ids[i]];
        s -= order === 1 ? Math.log((uni[c] + alpha) / (N + alpha * V)) : Math.log((bi[a * V + c] + alpha) / (ctx[a] + alpha * V));
      }
      return s / (ids.length - 1);
    },
  };
}
