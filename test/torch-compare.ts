// The comparison every PyTorch fixture test uses: elementwise, a named tolerance, the worst element named on failure.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { Tensor, fmtShape, tensor, unravel, type NestedArray } from "../kernel-lib/src";

/** Named tolerance: |actual − expected| ≤ TOL · max(1, |expected|), float64 against float64. */
export const TOL = 1e-9;

/** A fixture of test/fixtures/torch/ by name (without `.json`). */
export function loadTorchFixture(name: string): any {
  return JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", "torch", `${name}.json`), "utf8"));
}

/** Asserts `actual` matches `expected` elementwise; on failure names the worst element, its index and both values. */
export function expectClose(what: string, actual: Tensor | number | undefined, expected: NestedArray, tol = TOL): void {
  const want = tensor(expected);
  assert.ok(actual !== undefined && actual !== null, `${what}: missing (undefined)`);
  const got = typeof actual === "number" ? tensor(actual) : actual;
  assert.ok(got instanceof Tensor, `${what}: expected a Tensor, got ${typeof got}`);
  assert.deepEqual(got.shape, want.shape, `${what}: shape ${fmtShape(got.shape)}, PyTorch has ${fmtShape(want.shape)}`);
  let worst = -1;
  let worstErr = 0;
  for (let i = 0; i < want.size; i++) {
    const err = Math.abs(got.data[i] - want.data[i]) / Math.max(1, Math.abs(want.data[i]));
    if (!(err <= worstErr)) [worst, worstErr] = [i, err]; // also catches NaN
  }
  if (worst >= 0 && !(worstErr <= tol)) {
    assert.fail(`${what}: worst error ${worstErr.toExponential(2)} > ${tol} at ${fmtShape(unravel(worst, want.shape))}: rnnlab ${got.data[worst]}, PyTorch ${want.data[worst]}`);
  }
}
