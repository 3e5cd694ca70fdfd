// A section's claims checked in one cell: one compact ✔/✘ table, and an error (which fails the build) when a claim does not hold.
import { argError } from "../args/check";
import type { MimeBundle } from "./bundle";
import { CLAIM_FAILED } from "./claim";
import { escapeXml } from "./render";
import { showBundle } from "./tslab";

/** One claim: `[sentence the prose relies on, whether the run shows it, the numbers behind it]`. */
export type CheckRow = readonly [claim: string, ok: boolean, detail?: string];

/** Validates rows, naming the function and the offending row. */
function validate(fn: string, title: string, rows: readonly CheckRow[]): void {
  if (typeof title !== "string" || title.length === 0) throw argError(fn, "title", "a non-empty string", title);
  if (!Array.isArray(rows) || rows.length === 0) throw argError(fn, "rows", "a non-empty array of [claim, ok, detail?]", rows);
  rows.forEach((r, k) => {
    if (!Array.isArray(r) || typeof r[0] !== "string" || r[0].length === 0) throw argError(fn, `rows[${k}] of "${title}"`, "[claim, ok, detail?] starting with the claim as a sentence", r);
    if (typeof r[1] !== "boolean") throw new Error(`${fn}: row ${k} ("${r[0]}") of "${title}": ok must be a boolean, got ${typeof r[1]} (${String(r[1])})`);
    if (r[2] !== undefined && typeof r[2] !== "string") throw new Error(`${fn}: row ${k} ("${r[0]}") of "${title}": detail must be a string, got ${typeof r[2]}`);
  });
}

/** Text form: a title line, then `✔ claim  (detail)` or `✘ CLAIM FAILED: claim  (detail)` per row. */
export function checksText(title: string, rows: readonly CheckRow[]): string {
  validate("checksText", title, rows);
  const lines = rows.map(([c, ok, d]) => `${ok ? "✔" : `${CLAIM_FAILED}:`} ${c}${d ? `  (${d})` : ""}`);
  return [`checks: ${title} (${rows.filter((r) => r[1]).length}/${rows.length} hold)`, ...lines].join("\n");
}

/** HTML form: one compact table (fixed colours, readable on light and dark themes) with a ✔/✘ column. */
export function checksHtml(title: string, rows: readonly CheckRow[]): string {
  validate("checksHtml", title, rows);
  const td = "padding:1px 8px;border:none;text-align:left;vertical-align:top";
  const body = rows.map(([c, ok, d]) => `<tr><td style="${td};color:${ok ? "#2e7d32" : "#c62828"};font-weight:bold">${ok ? "✔" : "✘"}</td>`
    + `<td style="${td}">${escapeXml(c)}${ok ? "" : ` <b style="color:#c62828">(${CLAIM_FAILED.slice(2)})</b>`}</td>`
    + `<td style="${td};font-family:monospace;font-size:90%;opacity:0.8">${escapeXml(d ?? "")}</td></tr>`);
  return `<table class="rnnlab-checks" style="border-collapse:collapse;font-size:90%;margin:0">`
    + `<caption style="caption-side:top;text-align:left;font-weight:bold;padding:0 8px">checks: ${escapeXml(title)}</caption>${body.join("")}</table>`;
}

/** Display bundle of a checks table (text/html + text/plain, the latter holding `✘ CLAIM FAILED` lines for the tests). */
export function checksBundle(title: string, rows: readonly CheckRow[]): MimeBundle {
  validate("checksBundle", title, rows);
  return { "text/html": checksHtml(title, rows), "text/plain": checksText(title, rows) };
}

/**
 * Shows a section's claims as one ✔/✘ table, then throws if any claim failed (so the handout build and the notebook
 * tests fail, naming the claims). Returns nothing, so the cell shows only the table. Put it alone in a code cell tagged `checks` at the end of the section: the HTML
 * handout folds that cell's code, the PDF shows only the table.
 * @param title the section, e.g. "§3 unrolling"
 * @param rows `[claim, ok, detail?]` per claim; phrase `claim` as the sentence the prose relies on
 * @example checks("§2 one step", [["the softmax sums to 1", Math.abs(s - 1) < 1e-15, `sum = ${s}`]])
 */
export function checks(title: string, rows: readonly CheckRow[]): void {
  validate("checks", title, rows);
  const bundle = checksBundle(title, rows);
  showBundle(bundle);
  const failed = rows.filter((r) => !r[1]);
  if (failed.length > 0) {
    throw new Error(`checks: ${failed.length} of ${rows.length} claims of "${title}" failed: ${failed.map((r) => `"${r[0]}"${r[2] ? ` (${r[2]})` : ""}`).join("; ")}`);
  }
}
