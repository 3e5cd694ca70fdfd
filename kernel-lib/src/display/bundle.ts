// Display bundles (MIME type → content) for static figures: SVG as a base64 <img> in text/html, which renders everywhere.
import { argError, checkString } from "../args/check";
import { escapeXml } from "./render";

/** A Jupyter display bundle: MIME type → content (strings; JSON types may hold objects). */
export type MimeBundle = Record<string, unknown>;

/** Throws unless `svg` is SVG markup (a string starting with `<svg`), naming `fn`. */
export function checkSvg(fn: string, svg: unknown, name = "svg"): string {
  if (typeof svg !== "string" || !/^<svg[\s>]/.test(svg.trimStart())) throw argError(fn, name, "an SVG string starting with <svg", svg);
  return svg;
}

/** `<img src="data:image/svg+xml;base64,…">`: shown by every front end, nbconvert export and untrusted notebook. */
export function svgImgHtml(svg: string, alt = "figure"): string {
  checkSvg("svgImgHtml", svg);
  checkString("svgImgHtml", "alt", alt);
  const b64 = Buffer.from(svg, "utf8").toString("base64");
  return `<img alt="${escapeXml(alt)}" style="max-width:100%" src="data:image/svg+xml;base64,${b64}" />`;
}

/** A readable text/plain stand-in for a figure: its title or aria labels. */
function svgAltText(svg: string): string {
  const m = /aria-label="title"[^>]*>([^<]*)</.exec(svg);
  return m ? m[1] : "figure";
}

/**
 * Static figure bundle: `text/html` with the SVG as a base64 image, `text/plain` with its title.
 * (No `image/svg+xml`: nbconvert 6.5 sanitises it to text, untrusted classic Notebook ignores it.)
 */
export function svgBundle(svg: string): MimeBundle {
  checkSvg("svgBundle", svg);
  const alt = svgAltText(svg);
  return { "text/html": svgImgHtml(svg, alt), "text/plain": `[figure: ${alt}]` };
}
