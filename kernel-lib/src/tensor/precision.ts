// The precision switch of the fast path: float64 (the default, the reference every check uses) or float32.
import { describe } from "../args";

/** `"float64"` (default: every number float64, the reference) or `"float32"` (the fast path, float32-accurate). */
export type Precision = "float64" | "float32";

let current: Precision = "float64";

/**
 * Sets the arithmetic of the fast path. `"float32"`: `gemm`'s WebAssembly products (≥ 8192 multiply-adds) round their
 * operands to float32 and sum `Σ_k a·b` in float32 with f32x4 SIMD (four lanes instead of two), widening each result into
 * the float64 `C`. Activations, storage, accumulation across products, small products and optimizers stay float64.
 * Like `torch.set_float32_matmul_precision` or JAX's `default_matmul_precision`: a global speed/accuracy switch (relative
 * error ≈ 1e-7·√K instead of 1e-16·√K). Deterministic either way; finite-difference checks refuse `"float32"`.
 * @param p `"float64"` or `"float32"`
 * @example
 * rl.setPrecision("float32"); // train fast …
 * rl.setPrecision("float64"); // … and check gradients exactly
 */
export function setPrecision(p: Precision): void {
  if (p !== "float64" && p !== "float32") throw new Error(`setPrecision: expected "float64" or "float32", got ${describe(p)}`);
  current = p;
}

/** The current precision (see {@link setPrecision}). */
export function precision(): Precision {
  return current;
}

/**
 * Throws (naming `fn`) unless the precision is float64: a central difference with ε = 1e-6 divides float32 round-off
 * (≈ 1e-7 relative) by 2ε, which swamps the gradient. Finite-difference checks are a float64 tool.
 */
export function requireFloat64(fn: string): void {
  if (current !== "float64") {
    throw new Error(`${fn}: precision is "${current}"; finite differences need float64 — call rl.setPrecision("float64") first`);
  }
}
