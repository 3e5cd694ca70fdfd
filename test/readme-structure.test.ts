// The README's first screen is for a newcomer: the two commands first, what it is, how to open the notebooks; the speed
// tables live in docs/speed.md; no references to how the project was built (work sessions, ticket numbers).
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(__dirname, "..");
const readme = readFileSync(join(ROOT, "README.md"), "utf8");

describe("README", () => {
  it("starts with the set-up/handouts and test commands", () => {
    const lines = readme.split("\n");
    assert.equal(lines[0], "# rnnlab");
    assert.equal(lines[2], "```bash");
    assert.match(lines[3], /^npm run setup && npm run handouts\s+#/);
    assert.match(lines[4], /^npm test\s+#/);
  });

  it("its first screen (30 lines) says what it is and how to open the notebooks, with the kernel's name", () => {
    const first = readme.split("\n").slice(0, 30).join("\n");
    assert.match(first, /TypeScript Jupyter notebooks/);
    assert.match(first, /npm run lab/);
    assert.match(first, /TypeScript \(rnnlab\)/);
    assert.match(first, /dev container|Dockerfile/);
  });

  it("has no speed tables (they are in docs/speed.md, which it links) and no internal references", () => {
    assert.doesNotMatch(readme, /^\| work \| rnnlab \|/m);
    assert.match(readme, /\(docs\/speed\.md\)/);
    assert.ok(existsSync(join(ROOT, "docs", "speed.md")));
    for (const [name, text] of [["README.md", readme], ["docs/speed.md", readFileSync(join(ROOT, "docs", "speed.md"), "utf8")]]) {
      assert.doesNotMatch(text, /\bsession \d|\bsessions? of (this|the) (project|work)|\bissue #?\d|\bticket #?\d|this session/i, name);
    }
  });

  it("every notebook in notebooks/ is in its table", () => {
    for (const f of readdirSync(join(ROOT, "notebooks")).filter((n) => /^(\d\d|A\d)-.*\.ipynb$/.test(n))) {
      assert.match(readme, new RegExp("\\| `" + f.replace(/\.ipynb$/, "") + "` \\|"), f);
    }
  });
});
