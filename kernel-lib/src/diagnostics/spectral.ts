// Spectral radius of a recurrent weight matrix by power iteration (complex pairs included), and a naive Jacobi reference.
import { Rng, Tensor, checkRank, checkShape, getRng, matmul, scale, tensor, checkTensor } from "../tensor";
import { argError, checkNumber } from "../args";

function checkSquare(fn: string, W: Tensor): number {
  checkRank(fn, "W", W, 2, "H, H");
  checkShape(fn, "W", W, [W.shape[0], W.shape[0]], "H, H");
  return W.shape[0];
}

function matVec(W: Tensor, v: Float64Array): Float64Array {
  const n = v.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += W.data[i * n + j] * v[j];
    out[i] = s;
  }
  return out;
}

function dotArr(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * The spectral radius `ρ(W) = max |λ_i|` of a square (not necessarily symmetric) matrix, e.g. `W_hh`,
 * which decides whether `∂h_T/∂h_0 ≈ ∏ diag(φ') W` vanishes (ρ < 1) or may explode (ρ > 1).
 * Power iteration `v ← W v / ‖W v‖` from a seeded random start, then a fit on the last Krylov triple:
 * `W² v ≈ a W v + b v`, whose roots `λ² − aλ − b = 0` are the dominant eigenvalue(s) — this resolves a
 * dominant complex pair `r e^{±iθ}` (where the plain ratio `‖W v‖/‖v‖` oscillates forever) as `ρ = √(−b)`.
 * When `W v ∥ v` (a single dominant real eigenvalue) `ρ = ‖W v‖`.
 * Convergence is geometric in `|λ_2|/|λ_1|` (for the pair, in the third-largest modulus over ρ).
 * @param W [H, H]
 * @param opts `iters` (default 500), `rng` for the start vector
 * @example
 * spectralRadius(tensor([[0, -0.9], [0.9, 0]])); // 0.9 (eigenvalues ±0.9i)
 */
export function spectralRadius(W: Tensor, opts: { iters?: number; rng?: Rng } = {}): number {
  const n = checkSquare("spectralRadius", W);
  if (n === 0) return 0;
  const rng = opts.rng ?? getRng();
  const iters = opts.iters ?? 500;
  let v = Float64Array.from({ length: n }, () => rng.normal());
  for (let k = 0; k <= iters; k++) {
    const nv = Math.sqrt(dotArr(v, v));
    if (nv === 0 || !Number.isFinite(nv)) return nv === 0 ? 0 : NaN;
    for (let i = 0; i < n; i++) v[i] /= nv;
    if (k < iters) v = matVec(W, v);
  }
  const u1 = matVec(W, v);
  const u2 = matVec(W, u1);
  const g00 = 1;
  const g01 = dotArr(v, u1);
  const g11 = dotArr(u1, u1);
  if (g11 === 0) return 0;
  const det = g00 * g11 - g01 * g01;
  if (det <= 1e-12 * g00 * g11) return Math.sqrt(g11);
  const r0 = dotArr(v, u2);
  const r1 = dotArr(u1, u2);
  // [g00 g01; g01 g11] [b; a] = [r0; r1]
  const b = (r0 * g11 - g01 * r1) / det;
  const a = (g00 * r1 - g01 * r0) / det;
  const disc = a * a + 4 * b;
  if (disc < 0) return Math.sqrt(-b);
  const s = Math.sqrt(disc);
  return Math.max(Math.abs((a + s) / 2), Math.abs((a - s) / 2));
}

/**
 * `W · ρ_target / ρ(W)`: the matrix rescaled to a chosen spectral radius (echo-state style initialisation,
 * or the vanishing/exploding demos). Throws for ρ(W) = 0.
 * @param W [H, H]
 * @param rho the target spectral radius
 */
export function scaleToSpectralRadius(W: Tensor, rho: number, opts: { iters?: number; rng?: Rng } = {}): Tensor {
  checkTensor("scaleToSpectralRadius", "W", W);
  checkNumber("scaleToSpectralRadius", "rho", rho, { min: 0 });
  const current = spectralRadius(W, opts);
  if (!(current > 0)) throw new Error(`scaleToSpectralRadius: W has spectral radius ${current}, cannot rescale`);
  return scale(W, rho / current);
}

/**
 * The eigenvalues of a symmetric matrix by the cyclic Jacobi method (naive reference, O(n³) per sweep):
 * rotations zero each off-diagonal pair until the off-diagonal mass is below `tol`; returns them ascending.
 * @param A [n, n], symmetric
 */
export function symmetricEigenvalues(A: Tensor, opts: { tol?: number; maxSweeps?: number } = {}): number[] {
  const n = checkSquare("symmetricEigenvalues", A);
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) {
    const x = A.data[i * n + j];
    const y = A.data[j * n + i];
    if (Math.abs(x - y) > 1e-12 * (Math.abs(x) + Math.abs(y) + 1)) throw new Error(`symmetricEigenvalues: A is not symmetric at [${i}, ${j}] (${x} vs ${y})`);
  }
  const a = A.data.slice();
  const tol = opts.tol ?? 1e-14;
  const maxSweeps = opts.maxSweeps ?? 100;
  const scaleA = Math.sqrt(a.reduce((s, x) => s + x * x, 0)) || 1;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += a[i * n + j] ** 2;
    if (Math.sqrt(off) <= tol * scaleA) break;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) {
      const apq = a[p * n + q];
      if (apq === 0) continue;
      const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
      const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
      const c = 1 / Math.sqrt(t * t + 1);
      const s = t * c;
      // A ← Jᵀ A J with the rotation J in the (p, q) plane
      for (let k = 0; k < n; k++) {
        const akp = a[k * n + p];
        const akq = a[k * n + q];
        a[k * n + p] = c * akp - s * akq;
        a[k * n + q] = s * akp + c * akq;
      }
      for (let k = 0; k < n; k++) {
        const apk = a[p * n + k];
        const aqk = a[q * n + k];
        a[p * n + k] = c * apk - s * aqk;
        a[q * n + k] = s * apk + c * aqk;
      }
    }
  }
  return Array.from({ length: n }, (_, i) => a[i * n + i]).sort((x, y) => x - y);
}

/** `Q D Qᵀ`-style helper for tests and demos: a matrix `[n, n]` with the 2×2 block `r·R(θ)` then `diag(rest)`, conjugated by `Q`. */
export function matrixWithSpectrum(Q: Tensor, r: number, theta: number, rest: number[]): Tensor {
  checkTensor("matrixWithSpectrum", "Q", Q);
  if (!Array.isArray(rest)) throw argError("matrixWithSpectrum", "rest", "an array of numbers (the other eigenvalues)", rest);
  const n = 2 + rest.length;
  checkShape("matrixWithSpectrum", "Q", Q, [n, n], "n, n");
  const D = tensor(Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => {
    if (i < 2 && j < 2) return i === j ? r * Math.cos(theta) : (i === 0 ? -1 : 1) * r * Math.sin(theta);
    return i === j ? rest[i - 2] : 0;
  })));
  const Qt = tensor(Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => Q.data[j * n + i])));
  return matmul(matmul(Q, D), Qt);
}
