// The GRU cell drawn in notebook 05's u-form: reset gate r, update gate u, candidate ã, a_t = (1 − u) ∗ a_{t−1} + u ∗ ã_t.
import { checkBoolean, checkNumber, checkOptions, checkString } from "../../args/check";
import { CAND_FILL, GATE_FILL, INK, LONG, OP_FILL, PANEL, SHORT, arrow, box, canvas, circle, label, valueTag } from "./svg";

/** Values written on the drawing (a scalar cell, H = 1). */
export interface GruCellValues { x?: number; aPrev?: number; r?: number; u?: number; aTilde?: number; a?: number }

/** Options of {@link gruCellSvg}. */
export interface GruCellOptions {
  /** Live values to write beside the gates and states. */
  values?: GruCellValues;
  /** Draw the output y_t = φ(a_t) leaving the cell (default true). */
  showOutput?: boolean;
  /** A caption drawn under the cell. */
  caption?: string;
}

/**
 * Draws one GRU step (u-form of Cho et al. 2014, notebook 05's notation) as a standalone SVG:
 * r = σ(W_r[a_{t−1}, x_t] + b_r), u = σ(W_u[a_{t−1}, x_t] + b_u), ã_t = tanh(W_a[r ∗ a_{t−1}, x_t] + b_a),
 * a_t = (1 − u) ∗ a_{t−1} + u ∗ ã_t along the top (where u ≈ 0 the old state passes unchanged), y_t = φ(a_t).
 * (PyTorch's z-form has z = 1 − u.)
 * @param opts `{ values?: {x, aPrev, r, u, aTilde, a}, showOutput?, caption? }` — scalar values (H = 1)
 * @returns an `<svg>` string, deterministic
 * @example showSvg(gruCellSvg({ values: { x: 1, aPrev: 0.5, r: 0.9, u: 0.2, aTilde: 0.7, a: 0.54 } }))
 */
export function gruCellSvg(opts: GruCellOptions = {}): string {
  const fn = "gruCellSvg";
  checkOptions(fn, "opts", opts, ["values", "showOutput", "caption"]);
  if (opts.showOutput !== undefined) checkBoolean(fn, "opts.showOutput", opts.showOutput);
  if (opts.caption !== undefined) checkString(fn, "opts.caption", opts.caption);
  const v = checkOptions<GruCellValues>(fn, "opts.values", opts.values, ["x", "aPrev", "r", "u", "aTilde", "a"]);
  for (const [k, x] of Object.entries(v)) if (x !== undefined) checkNumber(fn, `opts.values.${k}`, x);
  const out = opts.showOutput ?? true;
  const W = 720, H = opts.caption ? 402 : 380;
  const top = 100, bus = 315, gy = 230;
  const rx = 330, ux = 470, cx = 600; // r, u, candidate columns
  const p: string[] = [];
  p.push(`<rect x="70" y="62" width="570" height="282" rx="10" fill="${PANEL}" stroke="#9aa5b1"/>`);
  // the state path: a_{t-1} → × (1 − u) → + u ∗ ã → a_t
  p.push(arrow([[10, top], [ux - 13, top]], LONG, 0, { width: 3 }));
  p.push(arrow([[ux + 13, top], [cx - 13, top]], LONG, 0, { width: 3 }));
  p.push(arrow([[cx + 13, top], [708, top]], LONG, 0, { width: 3 }));
  p.push(label(14, top - 14, "aₜ₋₁", { anchor: "start", color: LONG }));
  p.push(label(706, top - 14, "aₜ", { anchor: "end", color: LONG }));
  p.push(label(270, 80, "kept where u ≈ 0: aₜ = (1 − u) ∗ aₜ₋₁ + u ∗ ãₜ", { size: 12, color: LONG }));
  if (out) {
    p.push(arrow([[676, top], [676, 22]], INK, 2));
    p.push(label(668, 20, "yₜ = φ(aₜ)", { anchor: "end" }));
  }
  // a_{t-1} down to the bus, x_t joins; the bus feeds r and u; the candidate reads x_t and r ∗ a_{t-1}
  p.push(arrow([[110, top], [110, bus], [ux, bus]], SHORT, 1, { width: 2.2, head: false }));
  p.push(arrow([[ux, bus], [cx + 14, bus], [cx + 14, gy + 17]], INK, 2));
  p.push(label(cx + 22, 290, "xₜ", { anchor: "start" }));
  p.push(arrow([[150, 372], [150, bus + 2]], INK, 2));
  p.push(label(142, 370, "xₜ", { anchor: "end" }));
  p.push(label(220, bus + 16, "[aₜ₋₁, xₜ]", { size: 11, color: SHORT }));
  p.push(arrow([[rx, bus], [rx, gy + 17]], SHORT, 1));
  // reset: r ∗ a_{t-1} (a_{t-1} tapped from the top line before the update), into the candidate
  p.push(arrow([[rx, top], [rx, 147]], LONG, 0));
  p.push(arrow([[rx, gy - 15], [rx, 173]], INK, 2));
  // r ∗ a_{t-1} hops over u's input wire (a bridge, not a junction) and is labelled on its own wire, past the hop
  const ry = 287, hop = 7;
  p.push(`<path d="M${rx + 13},160L400,160L400,${ry}L${ux - hop},${ry}A${hop},${hop} 0 0 1 ${ux + hop},${ry}`
    + `L${cx - 16},${ry}L${cx - 16},${gy + 17}" fill="none" stroke="${INK}" stroke-width="1.6" marker-end="url(#rl-d2)"/>`);
  p.push(label(540, ry - 9, "r ∗ aₜ₋₁", { size: 11 }));
  // update gate: 1 − u on the kept path, u on the candidate
  p.push(arrow([[ux, bus], [ux, gy + 17]], SHORT, 1));
  p.push(arrow([[ux, gy - 15], [ux, 190], [cx - 13, 190]], INK, 2));
  p.push(arrow([[ux, 190], [ux, 156]], INK, 2));
  p.push(arrow([[ux, 130], [ux, top + 14]], INK, 2));
  p.push(`<circle cx="${ux}" cy="190" r="3" fill="${INK}"/>`);
  p.push(arrow([[cx, gy - 15], [cx, 204]], INK, 2));
  p.push(arrow([[cx, 176], [cx, top + 14]], INK, 2));
  p.push(box(rx, gy, 64, 30, "σ", GATE_FILL), box(ux, gy, 64, 30, "σ", GATE_FILL), box(cx, gy, 64, 30, "tanh", CAND_FILL));
  p.push(label(rx + 6, gy + 30, "reset r", { size: 11, anchor: "start" }), label(ux + 6, gy + 30, "update u", { size: 11, anchor: "start" }));
  p.push(label(cx + 38, gy - 24, "candidate ã", { size: 11, anchor: "start" }));
  p.push(circle(ux, 143, 13, "1−", OP_FILL, INK, 12), circle(ux, top, 13, "×", OP_FILL), circle(cx, top, 13, "+", OP_FILL));
  p.push(circle(rx, 160, 13, "×", OP_FILL), circle(cx, 190, 13, "×", OP_FILL));
  // live values
  p.push(valueTag(322, 200, "r", v.r, INK, "end"), valueTag(478, 168, "u", v.u), valueTag(636, 230, "ã", v.aTilde));
  p.push(valueTag(14, 122, "aₜ₋₁", v.aPrev, LONG), valueTag(706, 122, "aₜ", v.a, LONG, "end"), valueTag(158, 356, "xₜ", v.x));
  p.push(label(706, 368, "× element-wise product · + sum · σ sigmoid gate ∈ (0, 1)", { size: 11, anchor: "end" }));
  if (opts.caption) p.push(label(W / 2, 392, opts.caption, { size: 13, bold: true }));
  return canvas(W, H, [LONG, SHORT, INK], p);
}
