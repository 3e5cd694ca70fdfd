// Encoder–decoder and the five input/output relations drawn in the notebooks' notation (the decoder has its own weights).
import { checkInt, checkOneOf, checkOptions, checkString, orDefault } from "../../args/check";
import { unrolledGraphSvg } from "../unrolled-graph";
import { DECODER, INK, SHORT, arrow, box, canvas, circle, label, sub } from "./svg";

/** What the decoder reads at each step. */
export type DecoderInputs = "teacher" | "own" | "none";

/** Options of {@link encoderDecoderSvg}. */
export interface EncoderDecoderOptions {
  /** Encoder steps T_x, 1 … 6 (default 3). */
  Tx?: number;
  /** Decoder steps T_y, 1 … 6 (default 3). */
  Ty?: number;
  /**
   * "teacher" (default): step t reads the true previous target y_{t−1} (y₀ = ⟨bos⟩), as in training with teacher forcing;
   * "own": it reads its own previous prediction ŷ_{t−1} (inference); "none": no decoder input (zeros).
   */
  decoderInputs?: DecoderInputs;
  /** A title above the drawing. */
  title?: string;
}

const R = 17, DX = 84, DD = 104; // encoder and decoder column spacing

/**
 * Draws a sequence-to-sequence RNN as a standalone SVG: the encoder a_t = tanh(W_aa a_{t−1} + W_ax x_t + b_a) over T_x
 * steps (blue), its final state a_{T_x} handed over as the context, and a decoder with **its own** weights
 * a′_t = tanh(W′_aa a′_{t−1} + W′_ax y_{t−1} + b′_a), ŷ_t = softmax(W_ya a′_t + b_y) over T_y steps (orange).
 * @param opts `{ Tx?, Ty?, decoderInputs?: "teacher" | "own" | "none", title? }`
 * @returns an `<svg>` string, deterministic
 * @example showSvg(encoderDecoderSvg({ Tx: 4, Ty: 3, decoderInputs: "teacher" }))
 */
export function encoderDecoderSvg(opts: EncoderDecoderOptions = {}): string {
  const fn = "encoderDecoderSvg";
  checkOptions(fn, "opts", opts, ["Tx", "Ty", "decoderInputs", "title"]);
  if (opts.title !== undefined) checkString(fn, "opts.title", opts.title);
  const Tx = checkInt(fn, "Tx", orDefault(opts.Tx, 3), { min: 1, max: 6 }), Ty = checkInt(fn, "Ty", orDefault(opts.Ty, 3), { min: 1, max: 6 });
  const mode = checkOneOf(fn, "decoderInputs", orDefault(opts.decoderInputs, "teacher"), ["teacher", "own", "none"] as const);
  const t0 = opts.title ? 26 : 0;
  const yOut = 40 + t0, yA = 130 + t0, yIn = 220 + t0, yBox = 262 + t0;
  const ex = (t: number) => 40 + t * DX;             // encoder column t = 0 … Tx
  const dx = (t: number) => ex(Tx) + 60 + t * DD;    // decoder column t = 1 … Ty
  const decMid = (dx(1) + dx(Ty)) / 2;
  const W = Math.max(dx(Ty) + 60, decMid + 160, 560), H = yBox + 64;
  const p: string[] = [];
  if (opts.title) p.push(label(W / 2, 16, opts.title, { size: 14, bold: true }));
  // encoder
  for (let t = 1; t <= Tx; t++) {
    p.push(arrow([[ex(t - 1) + R + 1, yA], [ex(t) - R - 3, yA]], SHORT, 0));
    p.push(label((ex(t - 1) + ex(t)) / 2, yA - 12, "W_aa", { size: 10, color: SHORT }));
    p.push(arrow([[ex(t), yIn - R - 1], [ex(t), yA + R + 3]], SHORT, 0));
    p.push(label(ex(t) + 18, (yIn + yA) / 2, "W_ax", { size: 10, color: SHORT, anchor: "start" }));
  }
  // hand-over: the encoder's final state starts the decoder
  p.push(arrow([[ex(Tx) + R + 1, yA], [dx(1) - R - 3, yA]], INK, 2, { width: 2.2 }));
  p.push(label((ex(Tx) + dx(1)) / 2, yA + 26, "context", { size: 10 }));
  // decoder
  for (let t = 1; t <= Ty; t++) {
    if (t > 1) {
      p.push(arrow([[dx(t - 1) + R + 1, yA], [dx(t) - R - 3, yA]], DECODER, 1));
      p.push(label((dx(t - 1) + dx(t)) / 2, yA - 12, "W′_aa", { size: 10, color: DECODER }));
    }
    p.push(arrow([[dx(t), yA - R - 1], [dx(t), yOut + R + 3]], DECODER, 1));
    p.push(label(dx(t) + 18, (yA + yOut) / 2, "W_ya", { size: 10, color: DECODER, anchor: "start" }));
    if (mode !== "none") {
      p.push(arrow([[dx(t), yIn - R - 1], [dx(t), yA + R + 3]], DECODER, 1));
      p.push(label(dx(t) + 18, (yIn + yA) / 2, "W′_ax", { size: 10, color: DECODER, anchor: "start" }));
    }
    if (mode === "own" && t > 1) {
      const mx = dx(t) - 32;
      p.push(arrow([[dx(t - 1) + R, yOut], [mx, yOut], [mx, yIn], [dx(t) - R - 3, yIn]], INK, 2, { dashed: true }));
    }
  }
  // nodes
  p.push(circle(ex(0), yA, R, "a₀", "#eeeeee"));
  for (let t = 1; t <= Tx; t++) p.push(circle(ex(t), yA, R, "a" + sub(t), "#dbe8f5"), circle(ex(t), yIn, R, "x" + sub(t), "#f3f3f3"));
  for (let t = 1; t <= Ty; t++) {
    p.push(circle(dx(t), yA, R, "a′" + sub(t), "#fbe5d3"), circle(dx(t), yOut, R, "ŷ" + sub(t), "#e8f3e0"));
    if (mode === "teacher") p.push(circle(dx(t), yIn, R, t === 1 ? "⟨bos⟩" : "y" + sub(t - 1), "#f3f3f3", INK, t === 1 ? 10 : 14));
    if (mode === "own") p.push(circle(dx(t), yIn, R, t === 1 ? "⟨bos⟩" : "ŷ" + sub(t - 1), "#f3f3f3", INK, t === 1 ? 10 : 14));
  }
  // the two weight sets
  const encW = ex(Tx) - ex(1) + 70, decW = dx(Ty) - dx(1) + 70;
  p.push(box((ex(1) + ex(Tx)) / 2, yBox + 14, Math.max(encW, 150), 24, "encoder: W_aa, W_ax, b_a", "#eef3fa", SHORT, 11));
  p.push(box(decMid, yBox + 14, Math.max(decW, 300), 24, "decoder (own): W′_aa, W′_ax, b′_a, W_ya, b_y", "#fdf0e6", DECODER, 11));
  const note = mode === "teacher" ? "teacher forcing: in training the decoder reads the true previous target yₜ₋₁"
    : mode === "own" ? "inference: the decoder reads its own previous prediction ŷₜ₋₁ (dashed)"
      : "the decoder reads no input: it runs on the context alone";
  p.push(label(12, yBox + 48, note, { size: 11, anchor: "start" }));
  return canvas(W, H, [SHORT, DECODER, INK], p);
}

/** The input/output relations of notebook 01. */
export type Relation = "one-to-one" | "one-to-many" | "many-to-one" | "many-to-many" | "encoder-decoder";

/**
 * Draws one input/output relation: one-to-one, one-to-many, many-to-one, many-to-many (aligned, T_x = T_y = `T`)
 * with one shared set of weights (unrolledGraphSvg), or encoder–decoder (T_x ≠ T_y) with the decoder's own weights.
 * @param kind the relation
 * @param opts `{ T?: steps of the aligned kinds (default 4), Tx?, Ty?, decoderInputs? }`
 * @returns an `<svg>` string
 * @example for (const k of ["one-to-one", "many-to-one"] as const) showSvg(relationSvg(k))
 */
export function relationSvg(kind: Relation, opts: { T?: number; Tx?: number; Ty?: number; decoderInputs?: DecoderInputs } = {}): string {
  const T = opts.T ?? 4;
  const ones = (n: number, on: (t: number) => boolean) => Array.from({ length: n }, (_, t) => (on(t) ? 1 : 0));
  const g = (title: string, n: number, ins: number[], outs: number[]) =>
    unrolledGraphSvg({ T: n, inputs: ins, outputs: outs, showLoss: false, showWeights: true, title });
  switch (kind) {
    case "one-to-one": return g("one-to-one", 1, [1], [1]);
    case "one-to-many": return g("one-to-many", T, ones(T, (t) => t === 0), ones(T, () => true));
    case "many-to-one": return g("many-to-one", T, ones(T, () => true), ones(T, (t) => t === T - 1));
    case "many-to-many": return g("many-to-many, aligned (T_x = T_y)", T, ones(T, () => true), ones(T, () => true));
    case "encoder-decoder":
      return encoderDecoderSvg({ Tx: opts.Tx ?? 3, Ty: opts.Ty ?? 2, decoderInputs: opts.decoderInputs ?? "none", title: "many-to-many, T_x ≠ T_y: encoder–decoder" });
    default: throw new Error(`relationSvg: kind must be one of one-to-one, one-to-many, many-to-one, many-to-many, encoder-decoder, got ${String(kind)}`);
  }
}
