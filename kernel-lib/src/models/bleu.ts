// BLEU (Papineni et al. 2002): clipped n-gram precisions and the brevity penalty, corpus-level and smoothed sentence-level.
import { argError } from "../args";

/** Options of {@link bleu} and {@link sentenceBleu}. */
export interface BleuOptions {
  /** N, the longest n-gram (default 4); the weights are uniform 1/N. */
  maxN?: number;
  /** Add-one smoothing of the precisions for n ≥ 2 (Lin & Och 2004), so one missing 4-gram does not zero the score. */
  smooth?: boolean;
}

/** A BLEU score with its parts. */
export interface BleuResult {
  /** The score in [0, 1]. */
  bleu: number;
  /** `precisions[n−1] = p_n`, the (clipped, possibly smoothed) n-gram precision. */
  precisions: number[];
  /** BP = 1 if c > r else exp(1 − r/c). */
  brevityPenalty: number;
  /** c, the total candidate length. */
  candidateLength: number;
  /** r, the total reference length. */
  referenceLength: number;
}

function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join("\u0001");
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function checkTokenLists(fn: string, name: string, lists: unknown): void {
  if (!Array.isArray(lists) || lists.some((l) => !Array.isArray(l))) throw new Error(`${fn}: ${name} must be an array of token arrays (string[][])`);
}

/**
 * Corpus BLEU with one reference per candidate (Papineni et al. 2002):
 * `BLEU = BP · exp(Σ_{n=1..N} (1/N) log p_n)`, where `p_n = Σ_s Σ_g min(count_cand(g), count_ref(g)) / Σ_s Σ_g count_cand(g)`
 * sums clipped n-gram matches over the whole corpus before dividing, and `BP = 1` if `c > r`, else `exp(1 − r/c)`
 * with c, r the total candidate and reference lengths. Any `p_n = 0` gives 0 unless `smooth` (add one to the numerator
 * and denominator of `p_n` for n ≥ 2). Tokens are compared exactly (tokenize both sides the same way).
 * @param candidates S system outputs, each a token list
 * @param references S references, `references[s]` for `candidates[s]`
 * @example
 * bleu([["il", "gatto", "dorme"]], [["il", "gatto", "dorme"]], { maxN: 2 }).bleu; // 1
 */
export function bleu(candidates: readonly (readonly string[])[], references: readonly (readonly string[])[], opts: BleuOptions = {}): BleuResult {
  const fn = "bleu";
  checkTokenLists(fn, "candidates", candidates);
  checkTokenLists(fn, "references", references);
  if (candidates.length !== references.length) throw new Error(`${fn}: candidates and references must have the same length [S], got ${candidates.length} and ${references.length}`);
  const { maxN = 4, smooth = false } = opts;
  if (!Number.isInteger(maxN) || maxN <= 0) throw new Error(`${fn}: maxN must be a positive integer, got ${maxN}`);
  const matches = new Array(maxN).fill(0);
  const totals = new Array(maxN).fill(0);
  let c = 0;
  let r = 0;
  candidates.forEach((cand, s) => {
    const ref = references[s];
    c += cand.length;
    r += ref.length;
    for (let n = 1; n <= maxN; n++) {
      const refCounts = ngramCounts(ref, n);
      for (const [g, k] of ngramCounts(cand, n)) {
        matches[n - 1] += Math.min(k, refCounts.get(g) ?? 0);
        totals[n - 1] += k;
      }
    }
  });
  const precisions = matches.map((m, i) => {
    const add = smooth && i > 0 ? 1 : 0;
    return totals[i] + add === 0 ? 0 : (m + add) / (totals[i] + add);
  });
  const brevityPenalty = c === 0 ? 0 : c > r ? 1 : Math.exp(1 - r / c);
  const logMean = precisions.some((p) => p === 0) ? -Infinity : precisions.reduce((s, p) => s + Math.log(p), 0) / maxN;
  return { bleu: brevityPenalty * Math.exp(logMean), precisions, brevityPenalty, candidateLength: c, referenceLength: r };
}

/**
 * Sentence-level BLEU of one candidate against one reference, smoothed by default (add-one for n ≥ 2, Lin & Och 2004),
 * because short sentences often share no 4-gram. The same as `bleu([candidate], [reference], opts)`.
 * @example
 * sentenceBleu(["il", "gatto", "dorme"], ["il", "gatto", "mangia"]).bleu;
 */
export function sentenceBleu(candidate: readonly string[], reference: readonly string[], opts: BleuOptions = {}): BleuResult {
  if (!Array.isArray(candidate)) throw argError("sentenceBleu", "candidate", "an array of tokens (string[])", candidate);
  if (!Array.isArray(reference)) throw argError("sentenceBleu", "reference", "an array of tokens (string[])", reference);
  return bleu([candidate], [reference], { smooth: true, ...opts });
}
