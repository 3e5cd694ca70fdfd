// Real-browser check: classic Notebook runs the display demo in headless Chromium and draws its plots; so does its HTML handout.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { JUPYTER_PYTHON, jupyterEnv } from "../kernel-lib/src/jupyter";
import { buildHandout, CHROMIUM } from "../kernel-lib/src/handouts";

const ROOT = join(__dirname, "..");
// Engineer D's demo when present, else this suite's own fixture with the same three kinds of output.
const DEMO = [join(__dirname, "fixtures", "display-demo.ipynb"), join(__dirname, "fixtures", "browser-fallback.ipynb")].find(existsSync)!;
const NAME = basename(DEMO, ".ipynb");
const SHOTS = join(ROOT, "handouts", "test-screenshots");
// Inside the repository (git-ignored), so `import "rnnlab"` resolves from the kernel's working directory.
const WORK = join(ROOT, "handouts", `test-tmp-browser-${process.pid}`);

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.on("error", rej);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
  });
}

async function waitForHttp(url: string, server: ChildProcess, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`notebook server exited with ${server.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`notebook server did not answer ${url} within ${ms} ms`);
}

/** What the plots in a page look like: static SVG figures (as images or inline) and drawn plotly charts. */
async function figuresIn(page: Page): Promise<{ svgFigures: number; plotly: number }> {
  // Runs in the page; the test files compile without DOM types, hence `any`.
  return page.evaluate(() => {
    const doc = (globalThis as any).document;
    const imgs: number = doc.querySelectorAll('img[src^="data:image/svg+xml"]').length;
    const svgs: any[] = Array.from(doc.querySelectorAll("svg"));
    const inline = svgs.filter((s) => !s.closest(".js-plotly-plot") && s.querySelector("path, polyline, line, rect")).length;
    return { svgFigures: imgs + inline, plotly: doc.querySelectorAll(".js-plotly-plot .main-svg").length as number };
  });
}

describe("plots render in a real browser", function () {
  this.timeout(180_000);
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  let base = "";
  const token = randomBytes(16).toString("hex");

  before(async () => {
    mkdirSync(WORK, { recursive: true });
    mkdirSync(SHOTS, { recursive: true });
    copyFileSync(DEMO, join(WORK, `${NAME}.ipynb`)); // the server autosaves: never let it write the fixture
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = spawn(JUPYTER_PYTHON, [
      "-m", "notebook", "--no-browser", "--allow-root", "--ip=127.0.0.1", `--port=${port}`,
      `--NotebookApp.token=${token}`, `--notebook-dir=${WORK}`,
    ], { env: jupyterEnv(), stdio: "ignore", detached: true });
    await waitForHttp(`${base}/api/status?token=${token}`, server, 60_000);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
  });

  after(async () => {
    await browser?.close();
    if (server && server.exitCode === null) {
      try {
        const kernels = (await (await fetch(`${base}/api/kernels?token=${token}`)).json()) as { id: string }[];
        await Promise.all(kernels.map((k) => fetch(`${base}/api/kernels/${k.id}?token=${token}`, { method: "DELETE" })));
      } catch {
        // the server is going down anyway
      }
      process.kill(-server.pid!, "SIGTERM");
    }
    rmSync(WORK, { recursive: true, force: true });
  });

  it(`classic Notebook runs ${NAME}.ipynb and draws an SVG figure and a plotly chart`, async () => {
    const page = await browser!.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(`${base}/notebooks/${NAME}.ipynb?token=${token}`);
    // Wait until the kernel has answered kernel_info, then Run All.
    await page.waitForFunction(() => {
      const nb = (globalThis as any).Jupyter?.notebook;
      return nb?.kernel?.is_connected?.() && Object.keys(nb.kernel.info_reply ?? {}).length > 0;
    }, undefined, { timeout: 60_000 });
    await page.evaluate(() => (globalThis as any).Jupyter.notebook.execute_all_cells());
    await page.waitForFunction(() => {
      const nb = (globalThis as any).Jupyter.notebook;
      const code = nb.get_cells().filter((c: any) => c.cell_type === "code");
      return code.every((c: any) => typeof c.input_prompt_number === "number") && !nb.kernel_busy;
    }, undefined, { timeout: 120_000, polling: 500 });
    const errors = await page.locator(".output_error, .output_stderr").allTextContents();
    assert.deepEqual(errors, [], "no cell wrote an error");
    await page.waitForSelector(".js-plotly-plot .main-svg", { timeout: 30_000 });
    const figs = await figuresIn(page);
    await page.screenshot({ path: join(SHOTS, `${NAME}-notebook.png`), fullPage: true });
    assert.ok(figs.svgFigures >= 1, `an SVG figure is in the page (found ${JSON.stringify(figs)})`);
    assert.ok(figs.plotly >= 1, `a plotly chart is drawn (found ${JSON.stringify(figs)})`);
    await page.close();
  });

  it(`the HTML handout of ${NAME} shows the same figures offline`, async () => {
    const out = join(WORK, "handout");
    const entry = await buildHandout(DEMO, out, { pdf: false, cellTimeout: 120 });
    const page = await browser!.newPage({ viewport: { width: 1200, height: 900 } });
    const requests: string[] = [];
    page.on("request", (r) => {
      if (!r.url().startsWith("file:") && !r.url().startsWith("data:")) requests.push(r.url());
    });
    await page.goto(pathToFileURL(join(out, `${entry.name}.html`)).href);
    await page.waitForSelector(".js-plotly-plot .main-svg", { timeout: 30_000 });
    const figs = await figuresIn(page);
    await page.screenshot({ path: join(SHOTS, `${NAME}-handout.png`), fullPage: true });
    assert.ok(figs.svgFigures >= 1, `an SVG figure is in the handout (found ${JSON.stringify(figs)})`);
    assert.ok(figs.plotly >= 1, `a plotly chart is drawn in the handout (found ${JSON.stringify(figs)})`);
    assert.deepEqual(requests, [], "the handout loads nothing from the network");
    await page.close();
  });
});
