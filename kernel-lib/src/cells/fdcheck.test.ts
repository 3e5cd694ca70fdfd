// A tiny gradient checker for the cell and BPTT tests (the library's float64 central differences, a strict worst-error assertion), and a test of it.
import { strict as assert } from "node:assert";
import { Rng, Tensor, randn } from "../tensor";
import { numericGrad } from "../diagnostics/numeric-grad";

/** Worst `|a − n| / max(|a|, |n|, floor)` and where it happens. */
export function worstRelErr(a: Float64Array, n: Float64Array, floor = 1e-3): { err: number; at: number } {
  assert.equal(a.length, n.length, "gradient lengths differ");
  let err = 0;
  let at = -1;
  for (let i = 0; i < a.length; i++) {
    const e = Math.abs(a[i] - n[i]) / Math.max(Math.abs(a[i]), Math.abs(n[i]), floor);
    if (!(e <= err)) {
      err = e;
      at = i;
    }
  }
  return { err, at };
}

/** Asserts the analytic gradient of `name` matches central differences to `tol` (worst relative error). */
export function assertGradMatches(name: string, analytic: Tensor | Float64Array, f: () => number, t: Tensor, tol = 1e-6): number {
  const a = analytic instanceof Tensor ? analytic.data : analytic;
  const n = numericGrad(f, t, { eps: 1e-5 }).data;
  const { err, at } = worstRelErr(a, n);
  assert.ok(err < tol, `${name}: worst relative error ${err.toExponential(2)} at ${at} (analytic ${a[at]}, numeric ${n[at]})`);
  // a gradient check that compares zeros with zeros proves nothing
  assert.ok(n.some((v) => Math.abs(v) > 1e-8), `${name}: numeric gradient is all zero`);
  return err;
}

/** `Σ w ∗ t` — a random linear read-out, so ∂L/∂t = w. */
export function weightedSum(t: Tensor, w: Tensor): number {
  let s = 0;
  for (let i = 0; i < t.size; i++) s += t.data[i] * w.data[i];
  return s;
}

/** Normal samples of `shape` scaled by `std`. */
export function rand(shape: number[], rng: Rng, std = 1): Tensor {
  return randn(shape, { std, rng });
}

describe("fdcheck (the test helper)", () => {
  it("numericGrad of Σ x³ is 3x² and a wrong gradient is caught", () => {
    const rng = new Rng(3);
    const x = rand([5], rng);
    const f = () => x.data.reduce((s, v) => s + v * v * v, 0);
    const good = x.data.map((v) => 3 * v * v);
    assertGradMatches("x", good, f, x);
    const bad = good.slice();
    bad[2] *= 1.001;
    assert.throws(() => assertGradMatches("x", bad, f, x), /worst relative error/);
  });
});
