// The README's "A first model" block is real code: extract it, run it, and check it prints what the README says it prints.
import { strict as assert } from "node:assert";
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";

const root = join(__dirname, "..");

/** The first fenced block of `lang` after the heading `heading` in the README. */
function block(readme: string, heading: string, lang: string): string {
  const at = readme.indexOf(heading);
  assert.ok(at >= 0, `README has no heading ${heading}`);
  const m = new RegExp("```" + lang + "\\n([\\s\\S]*?)```").exec(readme.slice(at));
  assert.ok(m, `README: no \`\`\`${lang} block after ${heading}`);
  return m[1];
}

describe("README example", () => {
  it("the 'A first model' code runs and prints exactly the output the README shows", function () {
    this.timeout(120_000);
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const code = block(readme, "## A first model", "ts");
    const shown = block(readme, "It prints", "").trim();
    // The file must sit inside the workspace so that "rnnlab" resolves to the built package.
    const dir = mkdtempSync(join(root, "test", ".readme-"));
    try {
      const file = join(dir, "example.ts");
      writeFileSync(file, code);
      const out = execFileSync(process.execPath, ["--import", "tsx", file], { cwd: root, encoding: "utf8" }).trim();
      assert.equal(out, shown);
      const last = Number(/mse ([0-9.]+)/.exec(out.split("\n").pop()!)![1]);
      assert.ok(last < 0.05, `the LSTM should beat the mean-prediction baseline (1/6) clearly, got ${last}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
