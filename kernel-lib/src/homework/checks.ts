// The homework helpers' argument checks: parameter records and "columns are examples" tensors, named by the function called.
import { argError, checkObject } from "../args";
import { Tensor, checkRank, checkShape } from "../tensor";

/** A record's sizes: `n_a` hidden units, `n_x` inputs (every W is `[n_a, n_a + n_x]`, every b `[n_a, 1]`). */
export interface RecordSizes { n_a: number; n_x: number }

/**
 * Checks a parameter record `{ W<g>, b<g> }` for the gates `gates` (e.g. `["u", "r", "c"]` for a GRU, prefix `"W"`/`"b"`;
 * `"dW"`/`"db"` for gradients): every W `[n_a, n_a + n_x]`, every b `[n_a, 1]`, the sizes read off the first W.
 * @example checkRecord("gruToTorch", "p", p, ["u", "r", "c"]) // gruToTorch: p.Wr must be [n_a, n_a + n_x] = [3, 5], got [3, 4]
 */
export function checkRecord(fn: string, name: string, p: unknown, gates: readonly string[], prefix: "" | "d" = ""): RecordSizes {
  const keys = gates.flatMap((g) => [`${prefix}W${g}`, `${prefix}b${g}`]);
  const r = checkObject<Record<string, Tensor>>(fn, name, p, `{ ${keys.join(", ")} } of Tensors`);
  const first = `${prefix}W${gates[0]}`;
  checkRank(fn, `${name}.${first}`, r[first], 2, "n_a, n_a + n_x");
  const [n_a, cols] = r[first].shape;
  if (cols < n_a) throw argError(fn, `${name}.${first}`, `[n_a, n_a + n_x] with n_a + n_x ≥ n_a`, r[first]);
  for (const g of gates) {
    checkShape(fn, `${name}.${prefix}W${g}`, r[`${prefix}W${g}`], [n_a, cols], "n_a, n_a + n_x");
    checkShape(fn, `${name}.${prefix}b${g}`, r[`${prefix}b${g}`], [n_a, 1], "n_a, 1");
  }
  return { n_a, n_x: cols - n_a };
}

/** Checks a `[rows, m]` tensor of columns (one example per column), `m` any unless given; returns m. */
export function checkColumns(fn: string, name: string, t: unknown, rows: number, legend: string, m = -1): number {
  checkShape(fn, name, t as Tensor, [rows, m], `${legend}, m`);
  return (t as Tensor).shape[1];
}

/** Checks an array of `[rows, m]` column tensors (a sequence); returns its length. */
export function checkColumnList(fn: string, name: string, v: unknown, rows: number, legend: string, m: number): number {
  if (!Array.isArray(v)) throw argError(fn, name, `an array of Tensors [${legend}, m]`, v);
  v.forEach((t, i) => checkColumns(fn, `${name}[${i}]`, t, rows, legend, m));
  return v.length;
}
