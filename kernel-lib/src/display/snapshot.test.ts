// Snapshot files for the pure figure builders: compare with __snapshots__/<name>; write only with UPDATE_SNAPSHOTS=1.
import { strict as assert } from "assert";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

/** Asserts `actual` equals the stored snapshot `name` in `dir`; a missing or different one is written only if UPDATE_SNAPSHOTS=1. */
export function matchSnapshot(name: string, actual: string, dir = join(__dirname, "__snapshots__")): void {
  const file = join(dir, name);
  const update = process.env.UPDATE_SNAPSHOTS === "1";
  if (!existsSync(file)) {
    if (!update) throw new Error(`matchSnapshot: no snapshot ${file}; run with UPDATE_SNAPSHOTS=1 to write it`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  const expected = readFileSync(file, "utf8");
  if (expected !== actual && update) {
    writeFileSync(file, actual);
    return;
  }
  if (expected !== actual) {
    let i = 0;
    while (i < expected.length && expected[i] === actual[i]) i++;
    assert.fail(`snapshot ${name} differs at character ${i}: expected "${expected.slice(i, i + 60)}", got "${actual.slice(i, i + 60)}" (UPDATE_SNAPSHOTS=1 rewrites it)`);
  }
}

describe("matchSnapshot", () => {
  it("matchSnapshot fails on a missing snapshot unless UPDATE_SNAPSHOTS=1, and on a different one", () => {
    const dir = mkdtempSync(join(tmpdir(), "snap-"));
    const saved = process.env.UPDATE_SNAPSHOTS;
    try {
      delete process.env.UPDATE_SNAPSHOTS;
      assert.throws(() => matchSnapshot("a.svg", "<svg/>", dir), /no snapshot/);
      assert.equal(existsSync(join(dir, "a.svg")), false);
      process.env.UPDATE_SNAPSHOTS = "1";
      matchSnapshot("a.svg", "<svg/>", dir);
      delete process.env.UPDATE_SNAPSHOTS;
      matchSnapshot("a.svg", "<svg/>", dir);
      assert.throws(() => matchSnapshot("a.svg", "<svg />", dir), /differs at character 4/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      if (saved === undefined) delete process.env.UPDATE_SNAPSHOTS;
      else process.env.UPDATE_SNAPSHOTS = saved;
    }
  });
});
