// Tests of the handout export: a notebook through nbconvert and Chromium's print, read back page by page.
import { strict as assert } from "assert";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exportHtml, printPdf } from "./export";

/** The text of each page of a PDF (pdftotext separates pages with form feeds). */
function pdfPages(pdf: string): string[] {
  const r = spawnSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr}`);
  return r.stdout.split("\f");
}

describe("handout export (nbconvert HTML printed by Chromium)", function () {
  this.timeout(180_000);
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), "rnnlab-export-"))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("a heading is never the last line of a page: neither one followed by text in its cell nor one ending its cell", async () => {
    // 08's "The same number of recurrent parameters" sat alone at the bottom of a page. Blocks of growing height put
    // some heading near every position on the page, the bottom among them; half the headings end their markdown
    // cell and are followed by a code cell, as in notebook 08.
    const cells: Record<string, unknown>[] = [];
    for (let k = 0; k < 40; k++) {
      const md = (source: string) => ({ cell_type: "markdown", id: `m${k}-${cells.length}`, metadata: {}, source });
      cells.push(md(`<div style="height:${20 + 23 * k}px"></div>\n\nfiller ${k}`));
      if (k % 2 === 0) cells.push(md(`### Heading ${k}\nText ${k} follows its heading.`));
      else {
        cells.push(md(`### Heading ${k}`));
        cells.push({ cell_type: "code", id: `c${k}`, metadata: {}, source: `const code${k} = 1;`, outputs: [], execution_count: null });
      }
    }
    const ipynb = join(dir, "headings.ipynb");
    writeFileSync(ipynb, JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" }, language_info: { name: "typescript" } }, cells }));
    const pdf = await printPdf(await exportHtml(ipynb, dir), join(dir, "headings.pdf"));
    const pages = pdfPages(pdf);
    assert.ok(pages.filter((p) => p.trim()).length >= 8, `${pages.length} pages`);
    const pageOf = (s: string) => pages.findIndex((p) => new RegExp(`${s}\\b`).test(p));
    const alone: string[] = [];
    for (let k = 0; k < 40; k++) {
      const next = k % 2 === 0 ? `Text ${k} follows` : `code${k}`;
      if (pageOf(`Heading ${k}`) !== pageOf(next)) alone.push(`Heading ${k} on page ${pageOf(`Heading ${k}`) + 1}, "${next}" on ${pageOf(next) + 1}`);
    }
    assert.deepEqual(alone, []);
  });
});
