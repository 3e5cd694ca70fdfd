// What a protocol's stored runs do not settle: rates chosen at an end of the grid, and runs stopped by the budget.
import type { ConditionSummary, ProtocolSpec } from "./types";
import { checkFunction, checkInt, checkOptions, checkString } from "../args";
import { checkSpec, checkSummaries } from "./args";

/**
 * The summaries whose chosen rate is the smallest or the largest of `spec.lrGrid`: a rate beyond the grid might have
 * scored better on validation, so their numbers are the best of this grid, not of the model.
 * @example gridEdge(summarizeProtocol(records, spec), spec).map((s) => s.condition)
 */
export function gridEdge(summaries: readonly ConditionSummary[], spec: ProtocolSpec): ConditionSummary[] {
  checkSummaries("gridEdge", "summaries", summaries);
  checkSpec("gridEdge", "spec", spec);
  const lo = Math.min(...spec.lrGrid), hi = Math.max(...spec.lrGrid);
  return summaries.filter((s) => s.lr === lo || s.lr === hi);
}

/** Options of {@link protocolCaveats}. */
export interface CaveatOptions {
  /** The most epochs (or rounds) a run may train: a run whose best one is the last was still improving. */
  maxEpochs: number;
  /** A condition's name in a sentence (default: its entries, `model lstm, hidden 64`). */
  label?: (condition: Record<string, string | number>) => string;
  /** What an epoch is called in this sweep (default "epoch"; e.g. "round"). */
  epochWord?: string;
}

/**
 * Two sentences a report of the protocol owes its reader: how many of the summarised runs (seeds at the chosen rates)
 * had their best epoch at `maxEpochs`, the budget's end, or trained up to it with an earlier best (stopped by the budget,
 * not by the patience), and which conditions chose a rate at an end of the grid
 * ({@link gridEdge}). Each sentence also says what that means for reading the numbers.
 * @example rl.markdown(protocolCaveats(sums, results.spec, { maxEpochs: 30 }).map((s) => `- ${s}`).join("\n"))
 */
export function protocolCaveats(summaries: readonly ConditionSummary[], spec: ProtocolSpec, opts: CaveatOptions): [string, string] {
  const fn = "protocolCaveats";
  checkSummaries(fn, "summaries", summaries);
  checkSpec(fn, "spec", spec);
  const { maxEpochs, label = (c: Record<string, string | number>) => Object.entries(c).map(([k, v]) => `${k} ${v}`).join(", "), epochWord = "epoch" } = checkOptions(fn, "opts", opts, ["maxEpochs", "label", "epochWord"]);
  checkInt(fn, "opts.maxEpochs", maxEpochs, { min: 1 });
  checkFunction(fn, "opts.label", label);
  checkString(fn, "opts.epochWord", epochWord, true);
  const runs = summaries.flatMap((s) => s.runs);
  const atCap = runs.filter((r) => r.bestEpoch === maxEpochs).length;
  // runs the budget stopped although their best came earlier (the patience had not run out)
  const full = runs.filter((r) => r.epochs === maxEpochs && r.bestEpoch < maxEpochs).length;
  const E = (n: number) => `${epochWord}${n === 1 ? "" : "s"}`;
  const parts: string[] = [];
  // sentences open with words, never a numeral: "Of the 25 runs, 22 …", "Another 3 …"
  if (atCap > 0) {
    parts.push(`Of the ${runs.length} runs, ${atCap} had ${atCap === 1 ? "its" : "their"} best ${epochWord} at the last one allowed (${maxEpochs}): ` +
      `${atCap === 1 ? "it was" : "they were"} still improving when the budget ended, so ${atCap === runs.length ? "the comparison is one of models trained for this budget, not of fully trained ones" : `${atCap === 1 ? "its score" : "their scores"} might still improve with a larger budget`}.`);
  }
  if (full > 0) {
    parts.push(`${atCap > 0 ? `Another ${full}` : `Of the ${runs.length} runs, ${full}`} trained all ${maxEpochs} ${E(maxEpochs)} with an earlier best: the budget, not the patience, stopped ${full === 1 ? "it" : "them"}.`);
  }
  const cap = parts.length ? parts.join(" ") : `No run reached the last ${epochWord} allowed (${maxEpochs}): every run stopped on its own.`;
  const edge = gridEdge(summaries, spec);
  const grid = spec.lrGrid.join(", ");
  const rates = edge.length === 0
    ? `Every chosen rate lies inside the grid (${grid}).`
    : `The chosen rate is at an end of the grid (${grid}) for ${edge.map((s) => `${label(s.condition)} (${s.lr})`).join(", ")}: ` +
      "a rate beyond it might score higher, so read those rows as the best of this grid, not of the model.";
  return [cap, rates];
}
