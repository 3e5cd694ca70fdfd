// Server-side rendering for Observable Plot: one linkedom document, and SVG serialisation that is standalone and deterministic.
import { escapeUTF8 } from "entities";
import { checkOneOf, checkString } from "../args/check";
import { parseHTML } from "linkedom";

/** The subset of Observable Plot this module uses (Plot is ESM-only; Node ≥ 20.19 loads it with require()). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PlotModule = any;

let plotModule: PlotModule | undefined;
let documentCache: unknown;

/** Loads `@observablehq/plot` once (≈ 0.5 s the first time). */
export function loadPlot(): PlotModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (!plotModule) plotModule = require("@observablehq/plot");
  return plotModule;
}

/** A fresh linkedom `document` for Plot's `document` option (Plot needs no browser). */
export function svgDocument(): unknown {
  if (!documentCache) documentCache = (parseHTML("<!DOCTYPE html><html><head></head><body></body></html>") as unknown as { document: unknown }).document;
  return documentCache;
}

/** Palette used for series and bars; fixed so that the hand-drawn legend matches Plot's colours (Tableau 10). */
export const PALETTE = ["#4e79a7", "#f28e2c", "#e15759", "#76b7b2", "#59a14f", "#edc949", "#af7aa1", "#ff9da7", "#9c755f", "#bab0ab"];

/** Escapes text for XML/HTML content and attribute values (& < > " ' → entities), with the `entities` package. */
export function escapeXml(s: string): string {
  return escapeUTF8(s);
}

/**
 * Colours of a chart's own background and of its ink (text, axes, ticks, grid, error bars). Charts are shown as
 * `<img>`, where `currentColor` is always black whatever the page: on JupyterLab's or VS Code's dark themes that
 * was black on black. Every chart now paints its own background, so either theme reads on any page.
 */
export const CHART_THEMES = {
  light: { background: "#ffffff", foreground: "#222222" },
  dark: { background: "#1e1e1e", foreground: "#e0e0e0" },
} as const;
/** A chart theme's name: "light" (white card, the default) or "dark" (for dark notebook themes). */
export type ChartTheme = keyof typeof CHART_THEMES;

let currentTheme: ChartTheme = "light";
/**
 * Sets the theme of the charts made after this call (per chart: the `theme` option).
 * @example rl.setChartTheme("dark"); // in a notebook opened with a dark theme
 */
export function setChartTheme(theme: ChartTheme): void {
  checkOneOf("setChartTheme", "theme", theme, Object.keys(CHART_THEMES));
  currentTheme = theme;
}
/** The theme charts use when they are given none. */
export function chartTheme(): ChartTheme {
  return currentTheme;
}

/** A theme's background and ink colours (default: the current theme); throws, naming `fn` and `name`, for an unknown theme. */
export function themeColours(theme: ChartTheme = currentTheme, fn = "themeColours", name = "theme"): { background: string; foreground: string } {
  return CHART_THEMES[checkOneOf(fn, name, theme, Object.keys(CHART_THEMES) as ChartTheme[])];
}

/** Applies a theme to standalone SVG markup: a background rectangle first, `currentColor` replaced by the ink colour. */
export function themeSvg(svg: string, theme: ChartTheme = currentTheme): string {
  checkString("themeSvg", "svg", svg);
  const t = themeColours(theme, "themeSvg");
  return svg
    .replace(/currentColor/g, t.foreground)
    .replace(/^(<svg[^>]*>)/, `$1<rect aria-label="background" width="100%" height="100%" fill="${t.background}"/>`);
}

/**
 * Serialises a Plot SVG element so that it stands alone and is byte-identical for identical data:
 * adds `xmlns`, renames every `id` (Plot numbers clip paths and gradients with a process-wide counter)
 * to `rl-0, rl-1, …` in order of appearance, and rewrites the `url(#…)`/`href="#…"` references.
 * @param svg a Plot-made `<svg>` element (not a `<figure>`: callers pass no `title`/`legend` to Plot)
 * @param extra SVG markup inserted just before `</svg>` (titles, legends)
 * @param theme the colours (default: `chartTheme()`), see {@link themeSvg}
 */
export function serializeSvg(svg: { outerHTML: string; tagName?: string }, extra = "", theme: ChartTheme = currentTheme): string {
  let s = svg.outerHTML;
  if (!/^<svg[\s>]/.test(s)) throw new Error(`serializeSvg: expected an <svg> element, got <${String(svg.tagName).toLowerCase()}>`);
  if (!/^<svg[^>]*\sxmlns=/.test(s)) s = s.replace(/^<svg/, '<svg xmlns="http://www.w3.org/2000/svg"');
  const ids = new Map<string, string>();
  s = s.replace(/\sid="([^"]+)"/g, (_m, id: string) => {
    if (!ids.has(id)) ids.set(id, `rl-${ids.size}`);
    return ` id="${ids.get(id)}"`;
  });
  s = s.replace(/url\(#([^)]+)\)|href="#([^"]+)"/g, (m, a?: string, b?: string) => {
    const id = (a ?? b) as string;
    const to = ids.get(id);
    if (!to) return m;
    return a !== undefined ? `url(#${to})` : `href="#${to}"`;
  });
  return themeSvg(extra ? s.replace(/<\/svg>$/, `${extra}</svg>`) : s, theme);
}

/** Short, stable number text: `digits` significant digits, exponent form for very large/small values. */
export function formatNumber(v: number, digits = 4): string {
  if (!Number.isFinite(v)) return String(v);
  if (v !== 0 && (Math.abs(v) >= 1e6 || Math.abs(v) < 1e-3)) return v.toExponential(digits - 1);
  return String(Number(v.toPrecision(digits)));
}
