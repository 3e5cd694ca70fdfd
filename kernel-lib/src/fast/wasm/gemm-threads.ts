// Row-parallel WebAssembly gemm: helper threads share the kernels' memory, and each runs the same kernel on its own block of C's rows.
import * as os from "os";
import { Worker } from "worker_threads";
import { describe } from "../../args";

/** The kernels as the main thread holds them: the shared memory and the product kernels of gemm-tiles.wat and gemm-tiles32.wat. */
export interface ThreadedKernels {
  colvec: (M: number, N: number, K: number, pa: number, ars: number, aks: number, pb: number, pc: number, acc: number) => void;
  dotvec: (M: number, N: number, K: number, pa: number, pb: number, pc: number, acc: number) => void;
  /** the float32 kernel of all three cases (op(B) as [K, N] rows): same arguments, f32 A and B, float64 C, 4×8 tiles */
  colvec32: ThreadedKernels["colvec"];
  /** rounds rows of f64 values to f32 rows with a padded stride: (ps, pd, rows, n, np) */
  f32rows: (ps: number, pd: number, rows: number, n: number, np: number) => void;
  /** the module importing `env.mem` and that memory (a shared `WebAssembly.Memory`), or null when memory is not shared */
  shared: { bytes: Uint8Array; memory: object } | null;
}

/** Products with fewer multiply-adds (M·N·K) than this stay on the calling thread: waking a helper costs microseconds. */
export const GEMM_THREAD_MIN_WORK = 1 << 17;

/** The most threads {@link setGemmThreads} accepts: each helper is a worker with its own engine (megabytes of memory). */
export const MAX_GEMM_THREADS = 16;

// control block of one helper (Int32 slots): the job number it should run, the last job it finished, ready flag, kernel, arguments
const SEQ = 0, DONE = 1, READY = 2, OP = 3, ARGS = 4, SLOTS = 16;
const OP_QUIT = 0, OP_COLVEC = 1, OP_DOTVEC = 2, OP_COLVEC32 = 3;
/** Busy-wait iterations before sleeping: a time loop issues its products back to back, and a futex wake-up costs more than a short spin. */
const SPIN = 20000;

// The helper thread, plain JavaScript evaluated by worker_threads (no module resolution needed): it instantiates the same
// kernels on the shared memory and runs the jobs the main thread posts, sleeping in Atomics.wait between them.
const HELPER_SOURCE = `
const { workerData } = require("worker_threads");
const ctl = new Int32Array(workerData.control);
const k = new WebAssembly.Instance(new WebAssembly.Module(workerData.bytes), { env: { mem: workerData.memory } }).exports;
Atomics.store(ctl, ${READY}, 1);
let seq = 0;
for (;;) {
  let spin = 0;
  while (Atomics.load(ctl, ${SEQ}) === seq && spin < ${SPIN}) spin++;
  Atomics.wait(ctl, ${SEQ}, seq);
  seq = Atomics.load(ctl, ${SEQ});
  const op = ctl[${OP}], a = ${ARGS};
  if (op === ${OP_QUIT}) break;
  if (op === ${OP_COLVEC} || op === ${OP_COLVEC32}) (op === ${OP_COLVEC} ? k.colvec : k.colvec32)(ctl[a], ctl[a + 1], ctl[a + 2], ctl[a + 3], ctl[a + 4], ctl[a + 5], ctl[a + 6], ctl[a + 7], ctl[a + 8]);
  else k.dotvec(ctl[a], ctl[a + 1], ctl[a + 2], ctl[a + 3], ctl[a + 4], ctl[a + 5], ctl[a + 6]);
  Atomics.store(ctl, ${DONE}, seq);
  Atomics.notify(ctl, ${DONE});
}
`;

interface Helper {
  worker: Worker;
  ctl: Int32Array;
  seq: number;
  failed: boolean;
}

let helpers: Helper[] = [];
let requested = defaultThreads();
/** Row blocks handed to helper threads since the process started (a diagnostic: shows the helpers are used). */
let jobsPosted = 0;
/** Helper threads started since the process began (they are kept, asleep, when fewer threads are requested). */
let helpersStarted = 0;

/**
 * `RNNLAB_THREADS` if set, else 1: helper threads are opt-in. On the 2-vCPU machines this was measured on, two threads
 * together did only ≈ 1.2× one thread's SIMD work (two processes side by side), and a notebook run beside another lost more
 * to the contention than it gained — so the default is the calling thread alone. {@link machineThreads} is the cores.
 */
function defaultThreads(): number {
  const env = Number(process.env.RNNLAB_THREADS);
  return Number.isInteger(env) && env >= 1 ? Math.min(env, MAX_GEMM_THREADS) : 1;
}

/** The machine's cores (at most 4), a sensible argument for {@link setGemmThreads} on an otherwise idle machine. */
export function machineThreads(): number {
  const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(4, cores));
}

/**
 * Sets how many threads large products use (the caller plus `n − 1` helper threads, started on the next large product and
 * kept, asleep, when `n` is lowered again, so switching back and forth starts no new ones). Each thread computes whole rows
 * of C with the same kernel in the same order, so the results are bit-identical for every `n`: threads change the speed,
 * never the numbers. Default: `RNNLAB_THREADS`, else 1.
 * @param n threads, an integer in 1 … {@link MAX_GEMM_THREADS} (1 = only the calling thread)
 */
export function setGemmThreads(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > MAX_GEMM_THREADS) {
    throw new Error(`setGemmThreads: n must be an integer in 1 … ${MAX_GEMM_THREADS}, got ${describe(n)}`);
  }
  requested = n;
}

/** The number of threads large products use: the requested count (see {@link setGemmThreads}). */
export function gemmThreads(): number {
  return requested;
}

/**
 * What the threaded gemm is doing: threads requested, helper threads ready (including ones kept asleep after `n` was
 * lowered), helper threads started since the process began, row blocks handed to helpers so far.
 */
export function gemmThreadStats(): { threads: number; helpersReady: number; helpersStarted: number; helperJobs: number } {
  return { threads: requested, helpersReady: helpers.filter(ready).length, helpersStarted, helperJobs: jobsPosted };
}

/** Resolves once the requested helper threads have started (or failed: then products run on fewer threads), at most `timeoutMs`. */
export async function gemmThreadsReady(k: ThreadedKernels, timeoutMs = 10000): Promise<number> {
  ensureHelpers(k);
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs && helpers.some((h) => !h.failed && Atomics.load(h.ctl, READY) !== 1)) {
    await new Promise((r) => setTimeout(r, 5));
  }
  return 1 + helpers.filter(ready).length;
}

function ready(h: Helper): boolean {
  return !h.failed && Atomics.load(h.ctl, READY) === 1;
}

/** Starts the missing helpers (they load in the background; until they are ready products run without them). */
function ensureHelpers(k: ThreadedKernels): void {
  if (k.shared === null) return;
  while (helpers.length < requested - 1) {
    const control = new SharedArrayBuffer(SLOTS * 4);
    let h: Helper;
    try {
      const worker = new Worker(HELPER_SOURCE, { eval: true, workerData: { bytes: k.shared.bytes, memory: k.shared.memory, control } });
      h = { worker, ctl: new Int32Array(control), seq: 0, failed: false };
    } catch {
      requested = 1 + helpers.length; // threads unavailable here (e.g. a sandbox): carry on with what runs
      return;
    }
    h.worker.on("error", () => { h.failed = true; });
    h.worker.on("exit", () => { h.failed = true; });
    h.worker.unref(); // an idle helper must not keep the process (or a notebook kernel) alive
    helpers.push(h);
    helpersStarted++;
  }
}

/** Waits until helper `h` has finished its current job (spinning briefly, then sleeping). */
function join(h: Helper): void {
  let spin = 0;
  for (;;) {
    const done = Atomics.load(h.ctl, DONE);
    if (done === h.seq) return;
    if (h.failed) throw new Error("gemm: a helper thread died during a product");
    if (spin++ < SPIN) continue;
    Atomics.wait(h.ctl, DONE, done, 100);
  }
}

/**
 * Row blocks for `parts` threads: boundaries at multiples of `tile` rows (the kernel's tile height), the last block
 * taking the remainder (including the ragged rows the kernel leaves to the JS edge loop).
 */
function rowSplit(M: number, tile: number, parts: number): number[] {
  const tiles = Math.floor(M / tile);
  const cuts = [0];
  for (let p = 1; p < parts; p++) cuts.push(Math.round((tiles * p) / parts) * tile);
  cuts.push(M);
  return cuts;
}

/** The ready helpers a product of `M` rows of `tile` and `work` multiply-adds should use (none for small products). */
function helpersFor(k: ThreadedKernels, M: number, tile: number, work: number): Helper[] {
  if (k.shared === null || requested < 2 || work < GEMM_THREAD_MIN_WORK || M < 2 * tile) return [];
  if (helpers.length < requested - 1) ensureHelpers(k);
  const on = helpers.slice(0, requested - 1).filter(ready);
  return on.slice(0, Math.min(on.length, Math.floor(M / tile) - 1));
}

/**
 * `colvec` (C (+)= op(A)·B over 4×4 tiles; `colvec32` with `f32`) with its rows spread over the threads: block
 * `[r0, r1)` runs the kernel on `A` from row r0 and `C` from row r0. Same arguments as the kernel (byte offsets into the shared memory;
 * A's elements are f32 with `f32`, C's always f64).
 */
export function colvecThreaded(
  k: ThreadedKernels, f32: boolean, M: number, N: number, K: number, pa: number, ars: number, aks: number, pb: number, pc: number, acc: number,
): void {
  const run = f32 ? k.colvec32 : k.colvec;
  const hs = helpersFor(k, M, 4, M * N * K);
  if (hs.length === 0) return run(M, N, K, pa, ars, aks, pb, pc, acc);
  const e = f32 ? 4 : 8;
  const cuts = rowSplit(M, 4, hs.length + 1);
  hs.forEach((h, p) => post(h, f32 ? OP_COLVEC32 : OP_COLVEC, [cuts[p + 1] - cuts[p], N, K, pa + e * cuts[p] * ars, ars, aks, pb, pc + 8 * cuts[p] * N, acc]));
  const r0 = cuts[hs.length];
  run(M - r0, N, K, pa + e * r0 * ars, ars, aks, pb, pc + 8 * r0 * N, acc);
  for (const h of hs) join(h);
}

/** `dotvec` (float64 C (+)= A·Bᵀ over 2×4 tiles) with its rows spread over the threads, like {@link colvecThreaded}. */
export function dotvecThreaded(k: ThreadedKernels, M: number, N: number, K: number, pa: number, pb: number, pc: number, acc: number): void {
  const hs = helpersFor(k, M, 2, M * N * K);
  if (hs.length === 0) return k.dotvec(M, N, K, pa, pb, pc, acc);
  const cuts = rowSplit(M, 2, hs.length + 1);
  hs.forEach((h, p) => post(h, OP_DOTVEC, [cuts[p + 1] - cuts[p], N, K, pa + 8 * cuts[p] * K, pb, pc + 8 * cuts[p] * N, acc]));
  const r0 = cuts[hs.length];
  k.dotvec(M - r0, N, K, pa + 8 * r0 * K, pb, pc + 8 * r0 * N, acc);
  for (const h of hs) join(h);
}

/** Hands helper `h` one job: arguments first, then the job number (the store the helper waits on publishes them). */
function post(h: Helper, op: number, args: number[]): void {
  h.ctl[OP] = op;
  for (let i = 0; i < args.length; i++) h.ctl[ARGS + i] = args[i];
  Atomics.store(h.ctl, SEQ, ++h.seq);
  Atomics.notify(h.ctl, SEQ);
  jobsPosted++;
}
