// The LSTM cell drawn in the notebooks' notation: gates f, i, g, o, the long-term path (cell state c) and the short-term path (hidden state a).
import { checkNumber, checkOptions, checkString } from "../../args/check";
import { CAND_FILL, GATE_FILL, INK, LONG, OP_FILL, PANEL, SHORT, arrow, box, canvas, circle, label, valueTag } from "./svg";

/** Values written on the drawing (a scalar cell, H = 1): inputs, gate values and the new states. */
export interface LstmCellValues { x?: number; aPrev?: number; cPrev?: number; f?: number; i?: number; g?: number; o?: number; c?: number; a?: number }

/** Options of {@link lstmCellSvg}. */
export interface LstmCellOptions {
  /** Live values to write beside the gates and states (e.g. one step of the scalar example). */
  values?: LstmCellValues;
  /** A caption drawn under the cell. */
  caption?: string;
}

/**
 * Draws one LSTM step as a standalone SVG (white background, fixed colours):
 * f = σ(·), i = σ(·), g = tanh(·), o = σ(·) from [a_{t−1}, x_t];
 * the long-term path c_t = f ∗ c_{t−1} + i ∗ g along the top (no weight matrix on it),
 * the short-term path a_t = o ∗ tanh(c_t) along the bottom.
 * @param opts `{ values?: {x, aPrev, cPrev, f, i, g, o, c, a}, caption? }` — values are scalars (H = 1)
 * @returns an `<svg>` string, deterministic
 * @example showSvg(lstmCellSvg({ values: { x: 1, cPrev: 1, aPrev: 0, f: 0.0067, i: 0.9933, g: 0.964, o: 0.9933, c: 0.964, a: 0.74 } }))
 */
export function lstmCellSvg(opts: LstmCellOptions = {}): string {
  const fn = "lstmCellSvg";
  checkOptions(fn, "opts", opts, ["values", "caption"]);
  if (opts.caption !== undefined) checkString(fn, "opts.caption", opts.caption);
  const v = checkOptions<LstmCellValues>(fn, "opts.values", opts.values, ["x", "aPrev", "cPrev", "f", "i", "g", "o", "c", "a"]);
  for (const [k, x] of Object.entries(v)) if (x !== undefined) checkNumber(fn, `opts.values.${k}`, x);
  const W = 720, H = opts.caption ? 372 : 350;
  const top = 75, bus = 262, gy = 200;
  const gx = { f: 180, i: 270, g: 360, o: 450 };
  const ox = 560; // tanh(c) and the output product
  const p: string[] = [];
  p.push(`<rect x="70" y="35" width="570" height="262" rx="10" fill="${PANEL}" stroke="#9aa5b1"/>`);
  // long-term path: c_{t-1} → ⊗ f → ⊕ i∗g → c_t
  p.push(arrow([[10, top], [167, top]], LONG, 0, { width: 3 }));
  p.push(arrow([[193, top], [347, top]], LONG, 0, { width: 3 }));
  p.push(arrow([[373, top], [708, top]], LONG, 0, { width: 3 }));
  p.push(label(400, 52, "long-term memory: cell state c (additive, no weight matrix)", { size: 12, color: LONG }));
  p.push(label(14, top - 14, "cₜ₋₁", { anchor: "start", color: LONG }));
  p.push(label(706, top - 14, "cₜ", { anchor: "end", color: LONG }));
  // short-term path in: a_{t-1} and x_t join the bus that feeds the four gates
  p.push(arrow([[10, bus], [130, bus], [gx.o, bus]], SHORT, 1, { width: 2.2, head: false }));
  p.push(arrow([[130, 332], [130, bus + 2]], INK, 2));
  p.push(label(14, bus - 14, "aₜ₋₁", { anchor: "start", color: SHORT }));
  p.push(label(122, 330, "xₜ", { anchor: "end" }));
  for (const k of ["f", "i", "g", "o"] as const) p.push(arrow([[gx[k], bus], [gx[k], gy + 17]], SHORT, 1));
  // gates
  p.push(arrow([[gx.f, gy - 15], [gx.f, top + 14]], INK, 2));
  p.push(arrow([[gx.i, gy - 15], [gx.i, 140], [gx.g - 14, 140]], INK, 2));
  p.push(arrow([[gx.g, gy - 15], [gx.g, 154]], INK, 2));
  p.push(arrow([[gx.g, 126], [gx.g, top + 14]], INK, 2));
  p.push(arrow([[gx.o + 32, gy], [ox - 14, gy]], INK, 2));
  // tanh(c) and the output product: a_t = o ∗ tanh(c_t)
  p.push(arrow([[ox, top], [ox, 118]], LONG, 0));
  p.push(arrow([[ox, 146], [ox, gy - 14]], INK, 2));
  p.push(arrow([[ox, gy + 14], [ox, bus], [708, bus]], SHORT, 1, { width: 2.2 }));
  p.push(label(706, bus - 14, "aₜ", { anchor: "end", color: SHORT }));
  p.push(label(300, 284, "short-term memory: hidden state a = o ∗ tanh(c)", { size: 12, color: SHORT }));
  p.push(box(gx.f, gy, 64, 30, "σ", GATE_FILL), box(gx.i, gy, 64, 30, "σ", GATE_FILL), box(gx.g, gy, 64, 30, "tanh", CAND_FILL), box(gx.o, gy, 64, 30, "σ", GATE_FILL));
  p.push(box(ox, 132, 52, 26, "tanh", CAND_FILL));
  const names: [number, string][] = [[gx.f, "forget f"], [gx.i, "input i"], [gx.g, "candidate g"], [gx.o, "output o"]];
  for (const [x, n] of names) p.push(label(x + 6, 232, n, { size: 11, anchor: "start" }));
  p.push(circle(gx.f, top, 13, "×", OP_FILL), circle(gx.g, top, 13, "+", OP_FILL), circle(gx.g, 140, 13, "×", OP_FILL), circle(ox, gy, 13, "×", OP_FILL));
  // live values
  p.push(valueTag(188, 112, "f", v.f), valueTag(278, 166, "i", v.i), valueTag(368, 166, "g", v.g), valueTag(458, 166, "o", v.o));
  p.push(valueTag(14, 96, "cₜ₋₁", v.cPrev, LONG), valueTag(706, 96, "cₜ", v.c, LONG, "end"));
  p.push(valueTag(14, 283, "aₜ₋₁", v.aPrev, SHORT), valueTag(706, 283, "aₜ", v.a, SHORT, "end"), valueTag(138, 322, "xₜ", v.x));
  p.push(label(706, 338, "× element-wise product · + sum · σ sigmoid gate ∈ (0, 1)", { size: 11, anchor: "end" }));
  if (opts.caption) p.push(label(W / 2, 360, opts.caption, { size: 13, bold: true }));
  return canvas(W, H, [LONG, SHORT, INK], p);
}
