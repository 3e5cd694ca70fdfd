// Tests of the display bundles: static SVG images, and plotly bundles carrying plotly.js once with a static fallback.
import { strict as assert } from "assert";
import { svgBundle, svgImgHtml } from "./bundle";
import { plotlyBundle, plotlyFigure, plotlyLibrarySource, resetPlotlyInline } from "./plotly";

const fallbackSvg = '<svg xmlns="http://www.w3.org/2000/svg"><text aria-label="title">loss</text></svg>';
const libMarker = "window.Plotly = Plotly"; // the last statement of plotly.min.js

describe("display bundles", () => {
  it("svgBundle is an <img> with the SVG base64-encoded, and no image/svg+xml", () => {
    const b = svgBundle(fallbackSvg);
    const m = /src="data:image\/svg\+xml;base64,([^"]+)"/.exec(b["text/html"] as string);
    assert.ok(m);
    assert.equal(Buffer.from(m[1], "base64").toString("utf8"), fallbackSvg);
    assert.equal(b["image/svg+xml"], undefined);
    assert.equal(b["text/plain"], "[figure: loss]");
    assert.throws(() => svgImgHtml("<div/>"), /svgImgHtml: svg must be an SVG string starting with <svg, got "<div\/>"/);
  });

  it("plotlyBundle inlines plotly.js in the first figure of a kernel only, with deterministic div ids", () => {
    resetPlotlyInline();
    const fig = plotlyFigure([{ type: "scatter", x: [1, 2], y: [3, 4] }], { title: { text: "t" } });
    const first = plotlyBundle(fig, { fallbackSvg });
    const second = plotlyBundle(fig, { fallbackSvg });
    const h1 = first["text/html"] as string;
    const h2 = second["text/html"] as string;
    assert.ok(h1.length > plotlyLibrarySource().length, "first figure carries the library");
    assert.equal(h1.split(libMarker).length - 1, 1);
    assert.ok(!h2.includes(libMarker) && h2.length < 10_000, "second figure reuses window.Plotly");
    assert.match(h1, /id="rnnlab-plotly-0"/);
    assert.match(h2, /id="rnnlab-plotly-1"/);
    assert.deepEqual(first["application/vnd.plotly.v1+json"], { data: [{ type: "scatter", x: [1, 2], y: [3, 4] }], layout: { title: { text: "t" } } });
    resetPlotlyInline();
    assert.equal(plotlyBundle(fig, { fallbackSvg })["text/html"], h1, "same calls after a reset → same bytes");
    resetPlotlyInline();
  });

  it("plotlyBundle holds the static fallback and a script that hides it, and escapes </script> in data", () => {
    const b = plotlyBundle(plotlyFigure([{ type: "bar", x: ["</script><b>"], y: [1] }]), { fallbackSvg, inline: "never" });
    const html = b["text/html"] as string;
    assert.match(html, /<div class="rnnlab-fallback"><img [^>]*src="data:image\/svg\+xml;base64,/);
    assert.match(html, /fb\.style\.display="none"/);
    assert.equal(html.split("</script>").length - 1, 1, "only the drawing script's own closing tag");
    assert.match(html, /\\u003c\/script\\u003e/);
    const noFallback = plotlyBundle(plotlyFigure([]), { inline: "never" })["text/html"] as string;
    assert.match(noFallback, /rnnlab-fallback"><pre>\[interactive figure/);
    resetPlotlyInline();
  });

  it("plotlyFigure copies its inputs", () => {
    const trace = { x: [1] };
    const { spec } = plotlyFigure([trace]);
    trace.x.push(2);
    assert.deepEqual(spec.data[0], { x: [1] });
    assert.throws(() => plotlyFigure({} as never), /traces must be an array/);
  });
});
