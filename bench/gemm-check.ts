// Every native product beside the kernel it replaces: native, WebAssembly and (float64) naive GFLOP/s per shape, and a
// loud line wherever native is slower. `npm run bench` prints it under its table (and exits 1 on a loss); bench/kernels.ts
// prints it alone.
import * as rl from "../kernel-lib/src";
import { simdSized } from "../kernel-lib/src/fast/products";
import { nativeRunsTransB } from "../kernel-lib/src/fast/native/gemm-native";
import { wasmPin, wasmUnpin } from "../kernel-lib/src/fast/wasm/pin";

/**
 * The three products of a W1 LSTM step (z = h·W_hhᵀ, dW += dzᵀ·h, dh = dz·W_hh), W3's gate product, and a tiny one. `pin`:
 * B is pinned while timed, as the time loops pin W_hh (its converted or packed copy is made once, not per call); the others
 * pay for converting and packing B on every call.
 */
export const GEMM_CASES: readonly { name: string; M: number; N: number; K: number; transA: boolean; transB: boolean; acc: boolean; pin: boolean }[] = [
  { name: "NT z=h·Whhᵀ   [32,512,128], Whh pinned", M: 32, N: 512, K: 128, transA: false, transB: true, acc: false, pin: true },
  { name: "TN dW+=dzᵀ·h  [512,128,32]", M: 512, N: 128, K: 32, transA: true, transB: false, acc: true, pin: false },
  { name: "NN dh=dz·Whh  [32,128,512], Whh pinned", M: 32, N: 128, K: 512, transA: false, transB: false, acc: false, pin: true },
  { name: "NT W3 [64,2048,640]", M: 64, N: 2048, K: 640, transA: false, transB: true, acc: false, pin: false },
  { name: "NT tiny [1,64,16]", M: 1, N: 64, K: 16, transA: false, transB: true, acc: false, pin: false },
];

/** One product's rates, GFLOP/s (`naive` only in float64, where `gemmNaive` is the reference). */
export interface GemmRates {
  precision: "float64" | "float32"; name: string; native?: number; wasm: number; naive?: number;
  /** whether gemm sends this product to the add-on (else it runs in JS, or WebAssembly, with the add-on on or off) */
  nativeSized: boolean;
  /** native ran under 95 % of WebAssembly on a product the add-on takes */
  loses: boolean;
}

/**
 * Times every case of {@link GEMM_CASES} in both precisions with the add-on on (its current ISA) and off, and the naive loop.
 * `rate(f)` returns calls per second of `f`. A native product counts as a loss when it runs under 95 % of WebAssembly's rate
 * (5 % for timing noise) on a size the add-on takes (smaller products run in JS on both sides, and `A·Bᵀ` stays in
 * WebAssembly where the add-on has 128-bit vectors only).
 * @returns the rates, one printable line per product, and one `!!! NATIVE LOSES` line per loss
 */
export function compareGemm(rate: (f: () => void) => number): { rates: GemmRates[]; lines: string[]; losses: string[] } {
  const rng = new rl.Rng(3);
  const nk = rl.nativeKernels();
  const isa = nk.isa as "avx512f" | "avx2" | "128-bit";
  const on = nk.available && nk.enabled;
  const gf = (M: number, N: number, K: number, r: number): number => (2 * M * N * K * r) / 1e9;
  const rates: GemmRates[] = [];
  const lines: string[] = [];
  const losses: string[] = [];
  const before = rl.precision();
  try {
    for (const precision of ["float64", "float32"] as const) {
      rl.setPrecision(precision);
      for (const { name, M, N, K, transA, transB, acc, pin } of GEMM_CASES) {
        const A = rl.randn([M * K], { rng }).data;
        const B = rl.randn([K * N], { rng }).data;
        const C = new Float64Array(M * N);
        const run = (): void => rl.gemm(C, A, B, M, N, K, transA, transB, acc);
        // pinned under the kernels that run (the WebAssembly pin is skipped where native products keep their own copy)
        const timed = (): number => {
          if (pin) wasmPin(B);
          try {
            return gf(M, N, K, rate(run));
          } finally {
            if (pin) wasmUnpin();
          }
        };
        const native = on ? timed() : undefined;
        if (on) rl.setNativeKernels(false);
        const wasm = timed();
        if (on) rl.setNativeKernels(true, isa);
        const naive = precision === "float64" ? gf(M, N, K, rate(() => rl.gemmNaive(C, A, B, M, N, K, transA, transB, acc))) : undefined;
        const nativeSized = on && simdSized(M, N, K) && (!transB || nativeRunsTransB()); // fastGemm's routing
        const loses = native !== undefined && nativeSized && native < 0.95 * wasm;
        rates.push({ precision, name, native, wasm, naive, nativeSized, loses });
        lines.push(`gemm ${precision} ${name}: ${native !== undefined ? `${native.toFixed(2)} GFLOP/s native ${isa}` : "(native add-on off)"}, ` +
          `WebAssembly ${wasm.toFixed(2)}${naive !== undefined ? `, naive ${naive.toFixed(2)}` : ""}`);
        if (loses) {
          losses.push(`!!! NATIVE LOSES to the kernel it replaces: ${precision} ${name}: native ${isa} ${native.toFixed(2)} < WebAssembly ${wasm.toFixed(2)} GFLOP/s`);
        }
      }
    }
  } finally {
    rl.setPrecision(before);
  }
  if (on && losses.length === 0) lines.push(`native ${isa} is at least as fast as WebAssembly on every product measured`);
  return { rates, lines, losses };
}
