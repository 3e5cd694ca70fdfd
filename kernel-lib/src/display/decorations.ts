// Titles and legends drawn inside the SVG (Plot wraps its own in a <figure>, which notebook sanitisers strip).
import { escapeXml } from "./render";

/** One legend entry: a colour swatch and its label; with `dash` (an SVG stroke-dasharray, "none" solid) a short line instead. */
export interface LegendItem { label: string; color: string; dash?: string }

const CHAR_WIDTH = 6.2; // approximate advance of a 10–11 px sans-serif character
const ROW_HEIGHT = 16;

/**
 * Lays out legend entries left to right, wrapping at `width`; returns the SVG markup and the height used.
 * @param items the entries, in series order
 * @param top y of the first row's baseline area; `left` x of the first swatch
 */
export function legendSvg(items: LegendItem[], width: number, top: number, left = 40): { svg: string; height: number } {
  if (items.length === 0) return { svg: "", height: 0 };
  let x = left;
  let y = top;
  const parts: string[] = [];
  for (const { label, color, dash } of items) {
    const sw = dash ? 20 : 10; // a dashed swatch is a line long enough to show its dashes
    const w = sw + 4 + label.length * CHAR_WIDTH + 14;
    if (x > left && x + w > width - 10) { x = left; y += ROW_HEIGHT; }
    parts.push((dash
      ? `<line x1="${x}" x2="${x + sw}" y1="${y + 5}" y2="${y + 5}" stroke="${escapeXml(color)}" stroke-width="2" stroke-dasharray="${escapeXml(dash)}" />`
      : `<rect x="${x}" y="${y}" width="10" height="10" fill="${escapeXml(color)}" />`)
      + `<text x="${x + sw + 4}" y="${y + 5}" dy="0.32em" text-anchor="start">${escapeXml(label)}</text>`);
    x += w;
  }
  return { svg: `<g aria-label="legend" font-size="11">${parts.join("")}</g>`, height: y - top + ROW_HEIGHT };
}

/** A bold title centred at the top of a `width`-wide SVG. */
export function titleSvg(title: string | undefined, width: number): { svg: string; height: number } {
  if (!title) return { svg: "", height: 0 };
  return { svg: `<text aria-label="title" x="${width / 2}" y="16" font-size="14" font-weight="bold" text-anchor="middle">${escapeXml(title)}</text>`, height: 24 };
}

/** Title, legend and the y-axis label stacked at the top; returns markup and the top margin the plot needs below them. */
export function headerSvg(title: string | undefined, items: LegendItem[], width: number, yLabel?: string): { svg: string; marginTop: number } {
  const t = titleSvg(title, width);
  const l = legendSvg(items, width, t.height + 4);
  const used = t.height + (l.height ? l.height + 8 : 0);
  if (!yLabel) return { svg: t.svg + l.svg, marginTop: Math.max(20, used + 14) };
  // The y-axis label gets its own row under the title and legend (Plot would put it in the top-left corner,
  // on top of them); callers pass `label: null` to Plot's y axis.
  const y = `<text aria-label="y-axis label" x="4" y="${used + 12}" font-size="10" text-anchor="start">↑ ${escapeXml(yLabel)}</text>`;
  return { svg: t.svg + l.svg + y, marginTop: used + 26 };
}
