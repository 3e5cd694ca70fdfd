// The in-kernel recorder of a test cell: `check.close/equal/shape/ok/throws` record the observed (and, for the reference or a student's own validate run, the expected) values and write them to a result file the driver reads.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { encode } from "./codec";

/** One check as the test cell recorded it; values encoded by `codec.encode`. */
export interface RawCheck { kind: "close" | "equal" | "shape" | "ok" | "throws"; label: string; hint?: string; actual: unknown; expected?: unknown; tol?: unknown }

const snap = (v: unknown): unknown => { try { return encode(v); } catch (e) { return { $o: [["$unrecordable", String((e as Error).message)]] }; } };
const msgOf = (e: unknown): string => { try { return String(e instanceof Error ? e.message : e); } catch { return "(unprintable error)"; } };

/**
 * Starts recording a test cell: switches rnnlab to float64 (restored by `end`), returns the recorder. `end` writes
 * `{records, error}` as JSON to `file` (in the kernel's working dir).
 * @param keepExpected record the expected values too (the reference run and `validate` compare with them)
 */
export function begin(file: string, keepExpected: boolean) {
  const rl = require(require.resolve("rnnlab", { paths: [process.cwd()] }));
  const precisionBefore = rl.precision();
  rl.setPrecision("float64");
  const records: RawCheck[] = [];
  let error: string | undefined;
  const rec = (kind: RawCheck["kind"], label: unknown, hint: unknown, actual: unknown, expected: unknown, tol?: unknown) => {
    records.push({ kind, label: String(label), hint: hint === undefined ? undefined : String(hint), actual: snap(actual), expected: keepExpected ? snap(expected) : undefined, tol: tol === undefined ? undefined : snap(tol) });
  };
  return {
    check: {
      close: (label: string, actual: unknown, expected: unknown, hint?: string, tol?: { rtol?: number; atol?: number }) => rec("close", label, hint, actual, expected, tol),
      equal: (label: string, actual: unknown, expected: unknown, hint?: string) => rec("equal", label, hint, actual, expected),
      shape: (label: string, t: unknown, dims: number[], hint?: string) => rec("shape", label, hint, t && Array.isArray((t as { shape?: unknown }).shape) ? (t as { shape: number[] }).shape : t, dims),
      ok: (label: string, cond: unknown, hint?: string) => rec("ok", label, hint, cond === true, true),
      throws: (label: string, fn: () => unknown, pattern?: string | RegExp, hint?: string) => {
        let out: unknown = false;
        try { fn(); } catch (e) {
          const m = msgOf(e);
          out = pattern === undefined ? true : (typeof pattern === "string" ? m.includes(pattern) : pattern.test(m)) ? true : "mismatch";
        }
        rec("throws", label, hint, out, true);
      },
    },
    fail(e: unknown) { error = msgOf(e); },
    end() {
      rl.setPrecision(precisionBefore);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify({ records, error: error ?? null }));
    },
  };
}
