// Seeded random numbers: one seed makes every run bit-identical (xoroshiro128+ from pure-rand).
import { xoroshiro128plus } from "pure-rand";
import { Tensor, sizeOf } from "./tensor";
import { argError, checkInstance, checkInt, checkNumber, checkOptions, checkShapeArg } from "../args";

type Gen = ReturnType<typeof xoroshiro128plus>;

/**
 * A seeded generator of uniform and normal numbers.
 * Uniforms take 53 random bits from two 32-bit draws; normals use the Box–Muller transform
 * `z = sqrt(-2 ln u1) cos(2π u2)` (one draw pair per normal, so the stream never depends on caching).
 * @example
 * const rng = new Rng(42);
 * rng.uniform(); // the same number on every machine
 */
export class Rng {
  private gen: Gen;
  /** The seed this generator started from. */
  readonly seed: number;

  /** @param seed an integer in [0, 2³²) (distinct seeds give distinct streams, so larger or negative ones are refused) */
  constructor(seed: number) {
    checkInt("Rng", "seed", seed, { min: 0, max: 0xffffffff });
    this.seed = seed;
    this.gen = xoroshiro128plus.fromState(seedState(seed | 0));
  }

  /** A uniform number in [0, 1) with 53 random bits. */
  uniform(): number {
    const a = this.gen.unsafeNext() >>> 5;
    const b = this.gen.unsafeNext() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** A standard normal number (mean 0, variance 1). */
  normal(): number {
    let u1 = this.uniform();
    while (u1 === 0) u1 = this.uniform();
    const u2 = this.uniform();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** A uniform integer in [0, n), `n` a positive integer. */
  int(n: number): number {
    checkInt("Rng.int", "n", n, { min: 1, max: 2 ** 53 });
    return Math.floor(this.uniform() * n);
  }

  /** Shuffles `xs` in place (Fisher–Yates) and returns it. */
  shuffle<T>(xs: T[]): T[] {
    if (!Array.isArray(xs)) throw argError("Rng.shuffle", "xs", "an array", xs);
    for (let i = xs.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = xs[i];
      xs[i] = xs[j];
      xs[j] = tmp;
    }
    return xs;
  }

  /** A permutation of 0..n-1. */
  permutation(n: number): number[] {
    checkInt("Rng.permutation", "n", n, { min: 0, max: 2 ** 31 - 1 });
    return this.shuffle(Array.from({ length: n }, (_, i) => i));
  }

  /** An independent generator derived from this one (for a sub-task that must not shift this stream). */
  fork(): Rng {
    return new Rng(this.gen.unsafeNext() >>> 0);
  }
}

/**
 * The 128-bit xoroshiro state for a 32-bit seed, spread by SplitMix32 (Steele et al. 2014's finaliser).
 * Seeding xoroshiro128+ with the bare seed leaves most state bits equal for nearby seeds, and then the first
 * draws of every seed are alike (≈ 0.99999, 0.996, …); the mixing makes each seed's stream look independent.
 */
export function seedState(seed: number): number[] {
  let x = seed | 0;
  const next = (): number => {
    x = (x + 0x9e3779b9) | 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) | 0;
  };
  const state = [next(), next(), next(), next()];
  return state.every((w) => w === 0) ? [1, 0, 0, 0] : state; // the all-zero state is xoroshiro's one fixed point
}

let globalRng = new Rng(0);

/**
 * Seeds the global generator used when no `rng` is passed. Call once in a notebook's set-up cell.
 * @example
 * rl.seed(42);
 */
export function seed(s: number): Rng {
  checkInt("seed", "s", s, { min: 0, max: 0xffffffff });
  globalRng = new Rng(s);
  return globalRng;
}

/** The global generator (seeded by {@link seed}, 0 until then). */
export function getRng(): Rng {
  return globalRng;
}

/**
 * Normal samples `N(mean, std²)` of the given shape.
 * @param shape e.g. `[H, I]`
 * @example
 * randn([2, 3], { std: 0.1, rng: new Rng(1) });
 */
export function randn(shape: readonly number[], opts: { mean?: number; std?: number; rng?: Rng } = {}): Tensor {
  checkShapeArg("randn", "shape", shape);
  const { mean = 0, std = 1, rng = globalRng } = checkOptions("randn", "opts", opts, ["mean", "std", "rng"]);
  checkNumber("randn", "mean", mean);
  checkNumber("randn", "std", std, { min: 0 });
  checkInstance("randn", "rng", rng, Rng, "an Rng (e.g. new Rng(0))");
  const d = new Float64Array(sizeOf(shape));
  for (let i = 0; i < d.length; i++) d[i] = mean + std * rng.normal();
  return new Tensor(d, shape);
}

/**
 * Uniform samples in [low, high) of the given shape.
 * @param shape e.g. `[G*H, I]`
 * @example
 * uniform([4, 4], { low: -0.5, high: 0.5 });
 */
export function uniform(shape: readonly number[], opts: { low?: number; high?: number; rng?: Rng } = {}): Tensor {
  checkShapeArg("uniform", "shape", shape);
  const { low = 0, high = 1, rng = globalRng } = checkOptions("uniform", "opts", opts, ["low", "high", "rng"]);
  checkNumber("uniform", "low", low);
  checkNumber("uniform", "high", high);
  if (high < low) throw argError("uniform", "high", `≥ low = ${low}`, high);
  checkInstance("uniform", "rng", rng, Rng, "an Rng (e.g. new Rng(0))");
  const d = new Float64Array(sizeOf(shape));
  for (let i = 0; i < d.length; i++) d[i] = low + (high - low) * rng.uniform();
  return new Tensor(d, shape);
}
