// Beam-search decoding for any step-wise decoder (the Seq2Seq model): keep the k best prefixes by log-probability.
import type { CellState } from "../cells/types";
import { Tensor } from "../tensor";
import { argError } from "../args";

/** What beam search needs from a model: the encoder state, one decoder step, the special ids, and greedy decoding. */
export interface StepDecoder {
  readonly bosId: number;
  readonly eosId: number;
  /** The encoder's final state for one source, repeated for `k` rows. */
  encodeSource(srcIds: readonly number[], k?: number): CellState;
  /** `N` previous ids and a state `[N, H]` → `logProbs [N, V]` and the next state. */
  decodeStep(prev: readonly number[], state: CellState): { logProbs: Tensor; state: CellState };
  greedyDecode(srcIds: readonly number[], opts?: { maxLen?: number }): { ids: number[]; logProb: number; finished: boolean };
}

/** Options of {@link beamSearch}. */
export interface BeamSearchOptions {
  /** k, hypotheses kept per step (default 4); 1 is greedy decoding. */
  beamSize?: number;
  /** Maximum output tokens, `<eos>` excluded (default 50). */
  maxLen?: number;
  /** α of the length normalisation `score = log p / ((5 + |y|) / 6)^α` (Wu et al. 2016); default 0 = raw log-probability. */
  lengthPenalty?: number;
  /** Also score the greedy output as a candidate (default true), so the result is never worse than greedy (see below). */
  includeGreedy?: boolean;
}

/** A beam-search result: the best hypothesis, its log-probability and score, and all final candidates best first. */
export interface BeamSearchResult {
  ids: number[];
  logProb: number;
  score: number;
  finished: boolean;
  candidates: { ids: number[]; logProb: number; score: number; finished: boolean }[];
}

interface Hyp {
  ids: number[];
  logProb: number;
  row: number;
}

/**
 * Beam search: at each step, extend each of the k live prefixes by every token and keep the k best extensions by
 * `log p(y⟨1..t⟩ | x) = Σ log p(y⟨s⟩ | y⟨<s⟩, x)`; a prefix that emits `<eos>` is finished. Stops when k hypotheses
 * have finished, when no live prefix can still beat the best finished one (with α = 0 the log-probability only falls),
 * or at `maxLen`. The answer maximises `score = logProb / ((5 + |y|)/6)^α` over finished hypotheses (live ones at
 * `maxLen` when none finished).
 *
 * The plain beam can prune the greedy path (its prefix may fall out of the top k), so it can in rare cases return a
 * lower log-probability than greedy decoding; with `includeGreedy` (default) the greedy output joins the candidates,
 * so with α = 0 the result is never worse than greedy. With `beamSize: 1` the search IS greedy decoding.
 * @param model a {@link StepDecoder} (e.g. `Seq2Seq`)
 * @param srcIds one source sentence's ids
 * @example
 * const { ids, logProb } = beamSearch(model, example.srcIds, { beamSize: 4, maxLen: 20 });
 */
export function beamSearch(model: StepDecoder, srcIds: readonly number[], opts: BeamSearchOptions = {}): BeamSearchResult {
  const fn = "beamSearch";
  if (!model || typeof (model as StepDecoder).encodeSource !== "function") throw argError(fn, "model", "a step decoder (e.g. a Seq2Seq) with encodeSource and decodeStep", model);
  const { beamSize = 4, maxLen = 50, lengthPenalty = 0, includeGreedy = true } = opts;
  if (!Number.isInteger(beamSize) || beamSize <= 0) throw new Error(`${fn}: beamSize must be a positive integer, got ${beamSize}`);
  if (!Number.isInteger(maxLen) || maxLen <= 0) throw new Error(`${fn}: maxLen must be a positive integer, got ${maxLen}`);
  if (!Number.isFinite(lengthPenalty) || lengthPenalty < 0) throw new Error(`${fn}: lengthPenalty must be a number ≥ 0, got ${lengthPenalty}`);
  const score = (logProb: number, len: number) => (lengthPenalty === 0 ? logProb : logProb / Math.pow((5 + len) / 6, lengthPenalty));
  const finished: { ids: number[]; logProb: number; finished: boolean }[] = [];
  let live: Hyp[] = [{ ids: [], logProb: 0, row: 0 }];
  let state = model.encodeSource(srcIds, 1);
  for (let t = 0; t < maxLen && live.length > 0; t++) {
    const prev = live.map((h) => (h.ids.length ? h.ids[h.ids.length - 1] : model.bosId));
    const step = model.decodeStep(prev, state);
    const V = step.logProbs.shape[1];
    const lp = step.logProbs.data;
    // the best extensions (hypothesis i, token k), best first; ties keep the lower (i, k) first, so results are deterministic.
    // Only each hypothesis' own top-k tokens can enter the global top k, so k·k candidates are enough to sort.
    const ext: { i: number; k: number; logProb: number }[] = [];
    live.forEach((h, i) => {
      for (const k of topK(lp, i * V, V, beamSize)) ext.push({ i, k, logProb: h.logProb + lp[i * V + k] });
    });
    ext.sort((a, b) => b.logProb - a.logProb || a.i - b.i || a.k - b.k);
    const want = beamSize - finished.length;
    const next: Hyp[] = [];
    for (const e of ext) {
      if (next.length >= want) break;
      const ids = live[e.i].ids;
      if (e.k === model.eosId) {
        finished.push({ ids: ids.slice(), logProb: e.logProb, finished: true });
        if (finished.length >= beamSize) break;
      } else {
        next.push({ ids: [...ids, e.k], logProb: e.logProb, row: e.i });
      }
    }
    if (finished.length >= beamSize) {
      live = [];
      break;
    }
    live = next.slice(0, beamSize - finished.length);
    state = gatherState(step.state, live.map((h) => h.row));
    live.forEach((h, i) => (h.row = i));
    if (lengthPenalty === 0 && finished.length > 0 && live.length > 0) {
      const bestDone = Math.max(...finished.map((f) => f.logProb));
      if (live.every((h) => h.logProb <= bestDone)) break;
    }
  }
  const pool = finished.length > 0 ? finished.slice() : live.map((h) => ({ ids: h.ids, logProb: h.logProb, finished: false }));
  if (includeGreedy && beamSize > 1) {
    const g = model.greedyDecode(srcIds, { maxLen });
    if (!pool.some((c) => sameIds(c.ids, g.ids) && c.finished === g.finished)) pool.push(g);
  }
  const candidates = pool
    .map((c) => ({ ...c, score: score(c.logProb, c.ids.length + (c.finished ? 1 : 0)) }))
    .sort((a, b) => b.score - a.score);
  const best = candidates[0];
  return { ids: best.ids, logProb: best.logProb, score: best.score, finished: best.finished, candidates };
}

/** Indices of the `k` largest of `row[off .. off+V)`, largest first (ties: lower index first). */
function topK(row: Float64Array, off: number, V: number, k: number): number[] {
  const best: number[] = [];
  for (let j = 0; j < V; j++) {
    const v = row[off + j];
    if (best.length === k && v <= row[off + best[k - 1]]) continue;
    let pos = best.length < k ? best.length : k - 1;
    while (pos > 0 && row[off + best[pos - 1]] < v) pos--;
    best.splice(pos, 0, j);
    if (best.length > k) best.pop();
  }
  return best;
}

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** The rows `rows` of every tensor of a state (`{h [N, H], c?}` → `{h [rows.length, H], c?}`), e.g. to reorder beams. */
export function gatherState(s: CellState, rows: readonly number[]): CellState {
  if (!s || !(s.h instanceof Tensor)) throw argError("gatherState", "s", "a state { h [B, H], c? [B, H] }", s);
  if (!Array.isArray(rows)) throw argError("gatherState", "rows", "an array of row indices", rows);
  const pick = (t: Tensor): Tensor => {
    const H = t.shape[1];
    const out = new Float64Array(rows.length * H);
    rows.forEach((r, i) => out.set(t.data.subarray(r * H, r * H + H), i * H));
    return new Tensor(out, [rows.length, H]);
  };
  return s.c ? { h: pick(s.h), c: pick(s.c) } : { h: pick(s.h) };
}
