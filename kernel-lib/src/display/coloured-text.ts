// Text with one number per character shown as its background colour (Karpathy's interpretable-unit pictures), as an HTML string.
import { checkArray, checkNumber, checkOptions, checkString } from "../args/check";
import { escapeXml } from "./render";

/** Options of {@link colouredTextHtml}. */
export interface ColouredTextOptions {
  /** Values map to colours over [−range, range] (default: the largest |value|). */
  range?: number;
  /** Caption above the text. */
  caption?: string;
}

/** Blue (−1) → white (0) → red (+1), as an `rgb()` string; v is clipped to [−1, 1]. */
export function divergingColour(v: number): string {
  checkNumber("divergingColour", "v", v);
  const t = Math.max(-1, Math.min(1, v));
  const [r, g, b] = t >= 0 ? [255, Math.round(255 - 180 * t), Math.round(255 - 200 * t)] : [Math.round(255 + 200 * t), Math.round(255 + 140 * t), 255];
  return `rgb(${r},${g},${b})`;
}

/**
 * One `<span>` per character, its background the character's value on a blue–white–red scale (fixed colours, dark
 * text: readable on light and dark themes); line breaks kept, each character's value in its `title`.
 * @param text the characters
 * @param values one number per character (e.g. a hidden unit's activation after reading it)
 * @example colouredTextHtml("ciao", [0.1, -0.5, 0.9, 0])
 */
export function colouredTextHtml(text: string | readonly string[], values: readonly number[], opts: ColouredTextOptions = {}): string {
  const fn = "colouredTextHtml";
  const chars = typeof text === "string" ? [...text] : checkArray<string>(fn, "text", text);
  checkArray(fn, "values", values).forEach((v, i) => checkNumber(fn, `values[${i}]`, v));
  checkOptions(fn, "opts", opts, ["range", "caption"]);
  if (opts.range !== undefined) checkNumber(fn, "opts.range", opts.range, { above: 0 });
  if (opts.caption !== undefined) checkString(fn, "opts.caption", opts.caption);
  if (chars.length !== values.length) throw new Error(`colouredTextHtml: text has ${chars.length} characters but values has ${values.length} numbers`);
  const range = opts.range ?? Math.max(1e-12, ...values.map((v) => Math.abs(v)));
  const spans = chars.map((c, i) => {
    const shown = c === "\n" ? "↵<br>" : c === " " ? "&nbsp;" : escapeXml(c);
    return `<span title="${values[i].toFixed(3)}" style="background:${divergingColour(values[i] / range)};color:#111">${shown}</span>`;
  });
  const caption = opts.caption ? `<div style="font-weight:bold;margin-bottom:4px">${escapeXml(opts.caption)}</div>` : "";
  return `<div class="rnnlab-coloured-text" style="font-family:monospace;font-size:90%;line-height:1.6;background:#fff;color:#111;padding:6px">${caption}${spans.join("")}</div>`;
}
