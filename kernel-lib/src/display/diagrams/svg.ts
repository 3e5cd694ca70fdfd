// Drawing primitives shared by the cell and architecture diagrams: an explicit white canvas, arrows, boxes, nodes, labels.
import { escapeXml } from "../render";

/** Fixed colours (never currentColor: inside an <img> on a dark theme it would resolve to black on black). */
export const INK = "#222222";
/** Long-term path (LSTM cell state) and the encoder's weights. */
export const LONG = "#c0392b";
/** Short-term path (hidden state) and shared-weight boxes. */
export const SHORT = "#2c6fad";
/** Decoder's own weights (encoder–decoder drawings). */
export const DECODER = "#d35400";
/** Gate boxes: sigmoid gates and tanh candidates. */
export const GATE_FILL = "#fdf2d0", CAND_FILL = "#e3f1dd", OP_FILL = "#ffffff", PANEL = "#f6f8fb";

const SUB = "₀₁₂₃₄₅₆₇₈₉";
/** `t` in Unicode subscript digits (12 → "₁₂"); other characters kept (t−1 → "ₜ₋₁" is not attempted). */
export function sub(t: number): string {
  return String(t).split("").map((d) => (/\d/.test(d) ? SUB[Number(d)] : d)).join("");
}

/** Rounds a coordinate for stable, short output. */
const f = (v: number): string => String(Math.round(v * 10) / 10);

/** Opens a standalone SVG with a white background (readable on dark themes) and arrow-head markers in `colors`. */
export function canvas(width: number, height: number, colors: string[], body: string[]): string {
  const markers = colors.map((c, k) =>
    `<marker id="rl-d${k}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="${c}"/></marker>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="DejaVu Sans, system-ui, sans-serif" text-anchor="middle">`
    + `<rect x="0" y="0" width="${width}" height="${height}" fill="white"/><defs>${markers.join("")}</defs>${body.join("")}</svg>`;
}

/** A polyline arrow through `pts` (head at the last point), coloured `color`; `marker` is the index of that colour in canvas(). */
export function arrow(pts: [number, number][], color: string, marker: number, opts: { width?: number; dashed?: boolean; head?: boolean } = {}): string {
  const d = pts.map(([x, y], k) => `${k ? "L" : "M"}${f(x)},${f(y)}`).join("");
  const dash = opts.dashed ? ` stroke-dasharray="5 3"` : "";
  const head = opts.head === false ? "" : ` marker-end="url(#rl-d${marker})"`;
  return `<path d="${d}" fill="none" stroke="${color}" stroke-width="${opts.width ?? 1.6}"${dash}${head}/>`;
}

/** Text centred at (x, y) (baseline y + 4); `anchor` start/end for side labels. */
export function label(x: number, y: number, text: string, opts: { size?: number; color?: string; anchor?: "start" | "middle" | "end"; bold?: boolean; italic?: boolean } = {}): string {
  const a = opts.anchor && opts.anchor !== "middle" ? ` text-anchor="${opts.anchor}"` : "";
  const w = opts.bold ? ` font-weight="bold"` : "";
  const it = opts.italic ? ` font-style="italic"` : "";
  return `<text x="${f(x)}" y="${f(y + 4)}" font-size="${opts.size ?? 13}" fill="${opts.color ?? INK}"${a}${w}${it}>${escapeXml(text)}</text>`;
}

/** A rounded box centred at (cx, cy) with a label inside. */
export function box(cx: number, cy: number, w: number, h: number, text: string, fill: string, stroke = INK, size = 13): string {
  return `<rect x="${f(cx - w / 2)}" y="${f(cy - h / 2)}" width="${w}" height="${h}" rx="5" fill="${fill}" stroke="${stroke}" stroke-width="1.2"/>`
    + label(cx, cy, text, { size });
}

/** A circle node (state or point-wise operation) centred at (cx, cy). */
export function circle(cx: number, cy: number, r: number, text: string, fill: string, stroke = INK, size = 14): string {
  return `<circle cx="${f(cx)}" cy="${f(cy)}" r="${r}" fill="${fill}" stroke="${stroke}" stroke-width="1.2"/>` + label(cx, cy, text, { size });
}

/** A live value written beside an element: 4 significant digits, in a white-backed pill so it reads over lines. */
export function valueTag(x: number, y: number, name: string, v: number | undefined, color = INK, anchor: "start" | "middle" | "end" = "start"): string {
  if (v === undefined) return "";
  if (!Number.isFinite(v)) throw new Error(`valueTag: value of ${name} must be finite, got ${v}`);
  const text = `${name} = ${Number(v.toPrecision(4))}`;
  const w = 7 * text.length + 8;
  const x0 = anchor === "start" ? x : anchor === "end" ? x - w : x - w / 2;
  return `<rect x="${f(x0)}" y="${f(y - 9)}" width="${w}" height="17" rx="3" fill="#fffbe6" stroke="#b59b3a" stroke-width="0.8"/>`
    + label(x0 + w / 2, y - 1, text, { size: 11.5, color });
}
