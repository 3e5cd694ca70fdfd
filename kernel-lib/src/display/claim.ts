// A notebook's claims, printed as checks: "✔ LSTM beats the RNN at T = 50" or "✘ CLAIM FAILED: …", which the notebook tests reject.

/** The text the notebook tests look for: a claim that did not hold fails the build of the handouts' tests. */
export const CLAIM_FAILED = "✘ CLAIM FAILED";

/**
 * Prints a claim the prose makes, with the evidence (it returns nothing, so a notebook cell ending with a claim
 * shows only the check, not a stray `true`):
 * `✔ label  (detail)` when `ok`, else `✘ CLAIM FAILED: label  (detail)`. Phrase `label` as the statement
 * that the prose relies on ("the gradient vanishes for ρ < 1"), so the output reads as its proof.
 * @param label the claim, as a sentence
 * @param ok whether the run shows it
 * @param detail the numbers behind it, e.g. `RNN 0.162 vs LSTM 0.0036`
 * @example claim("clipping keeps the loss finite", Number.isFinite(lastLoss), `last loss ${lastLoss.toFixed(3)}`)
 */
export function claim(label: string, ok: boolean, detail?: string): void {
  if (typeof label !== "string" || label.length === 0) throw new Error("claim: label must be a non-empty sentence");
  if (typeof ok !== "boolean") throw new Error(`claim: ok must be a boolean, got ${typeof ok} (${String(ok)}) for "${label}"`);
  const tail = detail ? `  (${detail})` : "";
  console.log(ok ? `✔ ${label}${tail}` : `${CLAIM_FAILED}: ${label}${tail}`);
}
