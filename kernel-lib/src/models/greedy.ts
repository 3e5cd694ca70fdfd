// Greedy decoding for any step-wise decoder (the Seq2Seq models): at each step the single most probable next token.
import type { StepDecoder } from "./beam";

/** A decoded sentence: target ids (no `<bos>`/`<eos>`), its total log-probability, and whether it ended with `<eos>`. */
export interface DecodeResult {
  ids: number[];
  logProb: number;
  finished: boolean;
}

/** @internal Checks a maximum output length: a positive integer, else an error naming `fn`. */
export function checkMaxLen(fn: string, maxLen: number): number {
  if (!Number.isInteger(maxLen) || maxLen <= 0) throw new Error(`${fn}: maxLen must be a positive integer, got ${maxLen}`);
  return maxLen;
}

/**
 * Greedy decoding: `y⟨t⟩ = argmax_k log p(k | y⟨<t⟩, x)`, one step at a time from `<bos>`, until `<eos>` or `maxLen`
 * tokens. `maxLen` is checked by the caller (`checkMaxLen`), which names itself in the error.
 * @param model the encoder state and one decoder step (a {@link StepDecoder} without its own greedy decoding)
 * @param srcIds one source sentence's ids (no padding)
 * @returns `ids` (without `<bos>`/`<eos>`), `logProb = Σ_t log p(y⟨t⟩ | …)` (including `<eos>` when produced), `finished`
 */
export function greedyDecode(model: Omit<StepDecoder, "greedyDecode">, srcIds: readonly number[], maxLen: number): DecodeResult {
  let state = model.encodeSource(srcIds);
  let prev = model.bosId;
  const ids: number[] = [];
  let logProb = 0;
  for (let t = 0; t < maxLen; t++) {
    const step = model.decodeStep([prev], state); // logProbs [1, V]
    state = step.state;
    const row = step.logProbs.data;
    let best = 0;
    for (let k = 1; k < row.length; k++) if (row[k] > row[best]) best = k;
    logProb += row[best];
    if (best === model.eosId) return { ids, logProb, finished: true };
    ids.push(best);
    prev = best;
  }
  return { ids, logProb, finished: false };
}
