// A pure SVG drawing of an RNN unrolled in time: x_t → a_t → ŷ_t → L_t, shared weights, forward and backward edges.
import { escapeXml } from "./render";

/** Options of {@link unrolledGraphSvg}. */
export interface UnrolledGraphOptions {
  /** Time steps drawn, 1 … 12 (the nodes are numbered 1 … T; a_0 is the initial state). */
  T: number;
  /** Draw the backward pass: dashed red edges carrying ∂L/∂· against the forward arrows (default false). */
  showBackward?: boolean;
  /** Which steps read an input x_t (length T, default all): `[1, 0, 0]` draws one-to-many. */
  inputs?: readonly (boolean | number)[];
  /** Which steps emit an output ŷ_t and a loss L_t (length T, default all): `[0, 0, 1]` draws many-to-one. */
  outputs?: readonly (boolean | number)[];
  /** Draw the loss nodes L_t above the outputs (default true). */
  showLoss?: boolean;
  /** Draw the shared-weights box and its links to every step (default true). */
  showWeights?: boolean;
  /** A title above the drawing. */
  title?: string;
}

const SUB = "₀₁₂₃₄₅₆₇₈₉";
/** `t` in Unicode subscript digits, so labels need no tspan tricks: 12 → "₁₂". */
function subscript(t: number): string {
  return String(t).split("").map((d) => SUB[Number(d)]).join("");
}

const FWD = "#333";
const BWD = "#d62728";
const W_COLOR = "#4e79a7";
const R = 17;     // node radius
const DX = 92;    // column spacing
const ROW = { L: 40, y: 110, a: 190, x: 270 };

function mask(fn: string, name: string, m: readonly (boolean | number)[] | undefined, T: number): boolean[] {
  if (m === undefined) return Array.from({ length: T }, () => true);
  if (!Array.isArray(m) || m.length !== T) throw new Error(`${fn}: ${name} must have length T = ${T}, got ${Array.isArray(m) ? m.length : typeof m}`);
  return m.map((v) => Boolean(v));
}

function node(cx: number, cy: number, label: string, fill: string): string {
  return `<circle cx="${cx}" cy="${cy}" r="${R}" fill="${fill}" stroke="${FWD}" stroke-width="1.2"/>`
    + `<text x="${cx}" y="${cy + 5}" font-size="14">${escapeXml(label)}</text>`;
}

/** A straight edge between two node centres, shortened to the circles' rims, optionally shifted sideways by `off`. */
function edge(x1: number, y1: number, x2: number, y2: number, opts: { color: string; dashed?: boolean; off?: number; label?: string; labelBelow?: boolean; marker: string }): string {
  const len = Math.hypot(x2 - x1, y2 - y1);
  const ux = (x2 - x1) / len, uy = (y2 - y1) / len;
  const off = opts.off ?? 0;
  const ox = -uy * off, oy = ux * off;
  const ax = x1 + ux * (R + 2) + ox, ay = y1 + uy * (R + 2) + oy;
  const bx = x2 - ux * (R + 4) + ox, by = y2 - uy * (R + 4) + oy;
  const dash = opts.dashed ? ` stroke-dasharray="5 3"` : "";
  let s = `<line x1="${ax.toFixed(1)}" y1="${ay.toFixed(1)}" x2="${bx.toFixed(1)}" y2="${by.toFixed(1)}" stroke="${opts.color}" stroke-width="1.5"${dash} marker-end="url(#${opts.marker})"/>`;
  if (opts.label) {
    // horizontal edges: the label above (or below) the line; vertical edges: to the right
    const mx = (ax + bx) / 2 + (uy === 0 ? 0 : 16), my = (ay + by) / 2 + (uy === 0 ? (opts.labelBelow ? 13 : -5) : 4);
    s += `<text x="${mx.toFixed(1)}" y="${my.toFixed(1)}" font-size="10" fill="${opts.color}">${escapeXml(opts.label)}</text>`;
  }
  return s;
}

/**
 * Draws an RNN unrolled over `T` steps as a standalone SVG string (deterministic, no DOM needed):
 * bottom row x_t, then the hidden states a_0 → a_1 → … → a_T (edges W_aa), above them ŷ_t (edges W_ya)
 * and the losses L_t; x_t → a_t edges are labelled W_ax. A box names the shared weights (the same W at
 * every step, so their gradient is a sum over t). With `showBackward`, dashed red edges run the other way:
 * L_t → ŷ_t → a_t and a_t → a_{t−1}, the paths along which ∂L/∂a_t collects its two terms.
 * `inputs` / `outputs` select which steps have an x_t / ŷ_t, which draws the one-to-many, many-to-one and
 * many-to-many architectures with the same function.
 * @param opts `{ T, showBackward?, inputs?: [T], outputs?: [T], showLoss?, showWeights?, title? }`
 * @returns an `<svg>` string
 * @example
 * showSvg(unrolledGraphSvg({ T: 4, showBackward: true }));
 * showSvg(unrolledGraphSvg({ T: 4, outputs: [0, 0, 0, 1], showLoss: false })); // many-to-one
 */
export function unrolledGraphSvg(opts: UnrolledGraphOptions): string {
  const fn = "unrolledGraphSvg";
  const T = opts?.T;
  if (!Number.isInteger(T) || T < 1 || T > 12) throw new Error(`${fn}: T must be an integer in 1 … 12, got ${T}`);
  const ins = mask(fn, "inputs", opts.inputs, T);
  const outs = mask(fn, "outputs", opts.outputs, T);
  const back = opts.showBackward ?? false;
  const loss = opts.showLoss ?? true;
  const weights = opts.showWeights ?? true;
  const titleH = opts.title ? 24 : 0;
  const left = 40;
  const colX = (t: number) => left + t * DX; // t = 0 is a_0
  const boxW = Math.max(colX(T) - colX(1) + 60, 280);
  const width = Math.max(colX(T) + 60, colX(1) - 30 + boxW + 20);
  const anyOut = outs.some((o) => o);
  const contentTop = anyOut ? (loss ? ROW.L : ROW.y) - R - 8 : ROW.a - R - 24;
  const y0 = contentTop - titleH; // top of the viewBox
  const bottom = ROW.x + 30 + (weights ? 46 : 0) + 22;
  const height = bottom - y0;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 ${y0} ${width} ${height}" width="${width}" height="${height}" font-family="system-ui, sans-serif" text-anchor="middle">`);
  parts.push(`<rect x="0" y="${y0}" width="${width}" height="${height}" fill="white"/>`);
  parts.push("<defs>");
  for (const [id, color] of [["rl-fwd", FWD], ["rl-bwd", BWD], ["rl-w", W_COLOR]]) {
    parts.push(`<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="${color}"/></marker>`);
  }
  parts.push("</defs>");
  if (opts.title) parts.push(`<text x="${width / 2}" y="${y0 + 17}" font-size="14" font-weight="bold">${escapeXml(opts.title)}</text>`);
  const off = back ? 5 : 0;
  // forward edges, and their backward twins just beside them
  for (let t = 1; t <= T; t++) {
    const cx = colX(t);
    parts.push(edge(colX(t - 1), ROW.a, cx, ROW.a, { color: FWD, off: -off, marker: "rl-fwd", label: "W_aa" }));
    if (back) parts.push(edge(cx, ROW.a, colX(t - 1), ROW.a, { color: BWD, dashed: true, off: -off, marker: "rl-bwd", label: `∂L/∂a${subscript(t - 1)}`, labelBelow: true }));
    if (ins[t - 1]) parts.push(edge(cx, ROW.x, cx, ROW.a, { color: FWD, marker: "rl-fwd", label: "W_ax" }));
    if (outs[t - 1]) {
      parts.push(edge(cx, ROW.a, cx, ROW.y, { color: FWD, off, marker: "rl-fwd", label: back ? undefined : "W_ya" }));
      if (back) parts.push(edge(cx, ROW.y, cx, ROW.a, { color: BWD, dashed: true, off, marker: "rl-bwd" }));
      if (loss) {
        parts.push(edge(cx, ROW.y, cx, ROW.L, { color: FWD, off, marker: "rl-fwd" }));
        if (back) parts.push(edge(cx, ROW.L, cx, ROW.y, { color: BWD, dashed: true, off, marker: "rl-bwd" }));
      }
    }
  }
  // nodes
  parts.push(node(colX(0), ROW.a, "a" + subscript(0), "#eeeeee"));
  for (let t = 1; t <= T; t++) {
    const cx = colX(t);
    parts.push(node(cx, ROW.a, "a" + subscript(t), "#dbe8f5"));
    if (ins[t - 1]) parts.push(node(cx, ROW.x, "x" + subscript(t), "#f3f3f3"));
    if (outs[t - 1]) {
      parts.push(node(cx, ROW.y, "ŷ" + subscript(t), "#e8f3e0"));
      if (loss) parts.push(node(cx, ROW.L, "L" + subscript(t), "#fbe3d6"));
    }
  }
  let y = ROW.x + 30;
  // the shared weights: one box, a thin link to every step that uses it
  if (weights) {
    const bx = colX(1) - 30, bw = boxW;
    parts.push(`<rect x="${bx}" y="${y + 10}" width="${bw}" height="26" rx="5" fill="#eef3fa" stroke="${W_COLOR}"/>`);
    parts.push(`<text x="${bx + bw / 2}" y="${y + 27}" font-size="11" fill="${W_COLOR}">shared weights: W_aa, W_ax, b_a, W_ya, b_y</text>`);
    for (let t = 1; t <= T; t++) {
      const lx = colX(t) + 24;
      parts.push(`<line x1="${lx}" y1="${y + 10}" x2="${lx}" y2="${ROW.a + 14}" stroke="${W_COLOR}" stroke-width="0.8" stroke-dasharray="1 2"/>`);
    }
    y += 46;
  }
  // legend
  const legend = back
    ? `<line x1="${left}" y1="${y + 8}" x2="${left + 28}" y2="${y + 8}" stroke="${FWD}" stroke-width="1.5"/><text x="${left + 34}" y="${y + 12}" font-size="11" text-anchor="start">forward</text>`
      + `<line x1="${left + 110}" y1="${y + 8}" x2="${left + 138}" y2="${y + 8}" stroke="${BWD}" stroke-width="1.5" stroke-dasharray="5 3"/><text x="${left + 144}" y="${y + 12}" font-size="11" text-anchor="start">backward: gradients (∂L/∂W sums over t)</text>`
    : `<text x="${left}" y="${y + 12}" font-size="11" text-anchor="start">arrows: the forward computation</text>`;
  parts.push(legend);
  parts.push("</svg>");
  return parts.join("");
}
