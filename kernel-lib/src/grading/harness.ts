// The code the grader injects into a kernel: a first cell capturing pristine references, and test cells wrapped so each check records the observed value under a per-cell random token.
import { randomBytes } from "node:crypto";
import type { CellOutput } from "./driver";

/** One recorded check: its kind, label, hint, the observed value and the expected value the test wrote. */
export interface CheckRecord { kind: "close" | "equal" | "shape" | "ok" | "throws"; label: string; hint?: string; actual: unknown; expected: unknown; tol?: { rtol?: number; atol?: number } }

/** What a test cell reported: the checks it recorded and the error that stopped it, if any. */
export interface CellReport { records: CheckRecord[]; error?: string; emitted: boolean }

export const newNonce = (): string => randomBytes(12).toString("hex");

/**
 * The first cell, run before any student code. It captures the output writer, JSON.stringify and the
 * few built-ins the recorder uses, freezes rnnlab's modules and Math, and defines `rnnlabG_<nonce>` (a name the student cannot guess)
 * holding `begin(token)`, which switches to float64 (`rl.setPrecision`, restored by `end`) and returns a fresh recorder with
 * `close equal shape ok throws`.
 * With `keepExpected` false (grading a submission) the expected values a test computes in the kernel
 * are never recorded, so code that intercepts the output cannot copy them into the observed values:
 * the grader compares with the values the instructor's solution produced in its own kernel.
 */
export function preambleCell(nonce: string, keepExpected = true): string {
  return `const rnnlabG_${nonce}: any = (() => {
  const write = console.log.bind(console), stringify = JSON.stringify, isArray = Array.isArray, isView = ArrayBuffer.isView;
  const keys = Object.keys, from = Array.from, isNaN_ = Number.isNaN, toStr = String, ErrorC = Error;
  const LIMIT = 2000000;
  const ser = (v: any, budget: { n: number }, depth: number): any => {
    if (budget.n > LIMIT) throw new ErrorC("value too large to record");
    if (typeof v === "number") { budget.n++; return isNaN_(v) || v === Infinity || v === -Infinity ? { $num: toStr(v) } : v; }
    if (v === null || v === undefined || typeof v === "boolean" || typeof v === "string") { budget.n++; return v === undefined ? { $undefined: 1 } : v; }
    if (typeof v === "bigint") return toStr(v);
    if (typeof v === "function") return { $function: 1 };
    if (depth > 20) throw new ErrorC("value nested too deeply to record");
    if (isView(v)) return from(v as any, (x: any) => ser(Number(x), budget, depth + 1));
    if (isArray(v)) return from(v, (x: any) => ser(x, budget, depth + 1));
    if (typeof v === "object" && isArray(v.shape) && v.data && typeof v.data.length === "number") {
      return { $tensor: 1, shape: from(v.shape, (x: any) => Number(x)), data: from(v.data, (x: any) => ser(Number(x), budget, depth + 1)) };
    }
    const o: any = {};
    for (const k of keys(v)) o[k] = ser(v[k], budget, depth + 1);
    return o;
  };
  // rnnlab (every loaded module's exports, its functions and classes' prototypes, rl.check) and Math are frozen before any
  // student code runs, so a submission cannot patch what a test computes in the kernel (e.g. gradCheck's verdict)
  const freeze = Object.freeze, cache: any = require.cache, root = require("path").dirname(require.resolve("rnnlab")) + require("path").sep;
  const lib: any = require("rnnlab");
  for (const id of keys(cache)) {
    if (!id.startsWith(root) || !cache[id] || !cache[id].exports) continue;
    const ex = cache[id].exports;
    for (const k of keys(ex)) if (typeof ex[k] === "function") { if (ex[k].prototype) freeze(ex[k].prototype); freeze(ex[k]); }
    freeze(ex);
  }
  freeze(lib.check); freeze(Math);
  // every test cell runs in float64, the reference precision its expected values and finite differences assume, whatever
  // the submission chose with rl.setPrecision; the submission's own choice is restored after the cell
  const setPrecision = lib.setPrecision, getPrecision = lib.precision;
  const snap = (v: any): any => { try { return ser(v, { n: 0 }, 0); } catch (e: any) { return { $unrecordable: toStr(e && e.message) }; } };
  const msgOf = (e: any): string => { try { return toStr(e && e.message !== undefined ? e.message : e); } catch { return "(unprintable error)"; } };
  return {
    begin(token: string) {
      const precisionBefore = getPrecision();
      setPrecision("float64");
      // records are serialised as they come (string concatenation cannot be intercepted)
      let records = "", n = 0, error: string | undefined;
      const rec = (kind: string, label: any, hint: any, actual: any, expected: any, tol?: any) => {
        const r = { kind, label: toStr(label), hint: hint === undefined ? undefined : toStr(hint), actual: snap(actual), expected: ${keepExpected ? "snap(expected)" : "null"}, tol: snap(tol) };
        records += (n++ ? "," : "") + stringify(r);
      };
      return {
        check: {
          close: (label: any, actual: any, expected: any, hint?: any, tol?: any) => rec("close", label, hint, actual, expected, tol),
          equal: (label: any, actual: any, expected: any, hint?: any) => rec("equal", label, hint, actual, expected),
          shape: (label: any, t: any, dims: any, hint?: any) => rec("shape", label, hint, t && isArray(t.shape) ? t.shape : t, dims),
          ok: (label: any, cond: any, hint?: any) => rec("ok", label, hint, cond === true, true),
          throws: (label: any, fn: any, pattern?: any, hint?: any) => {
            let out: any = false;
            try { fn(); } catch (e: any) {
              const m = msgOf(e);
              out = pattern === undefined ? true : (typeof pattern === "string" ? m.includes(pattern) : pattern.test(m)) ? true : "mismatch";
            }
            rec("throws", label, hint, out, true);
          },
        },
        fail(e: any) { error = msgOf(e); },
        end() {
          setPrecision(precisionBefore);
          write("RNNLAB-RESULT " + token + ' {"records":[' + records + '],"error":' + (error === undefined ? "null" : stringify(error)) + "}");
        },
      };
    },
  };
})();`;
}

/**
 * Wraps a test cell: `check` inside it is the pristine recorder (shadowing any `check` the student
 * defined), the body runs in a block, a throw is recorded, and the records are written under `token`.
 * `import` lines are hoisted out of the block.
 */
export function wrapTestCell(code: string, nonce: string, token: string): string {
  const lines = code.split("\n");
  const imports = lines.filter((l) => /^\s*import\s/.test(l));
  const body = lines.filter((l) => !/^\s*import\s/.test(l));
  const g = `rnnlabG_${nonce}`;
  return [
    ...imports,
    `{ const rnnlabRec = ${g}.begin(${JSON.stringify(token)}); const check = rnnlabRec.check;`,
    `try {`,
    ...body,
    `} catch (rnnlabErr) { rnnlabRec.fail(rnnlabErr); } finally { rnnlabRec.end(); } }`,
  ].join("\n");
}

const revive = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(revive);
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    if ("$num" in o) return Number(o.$num);
    if ("$undefined" in o) return undefined;
    if ("$tensor" in o) return { shape: o.shape, data: (o.data as unknown[]).map(revive) };
    const r: Record<string, unknown> = {};
    for (const k of Object.keys(o)) r[k] = revive(o[k]);
    return r;
  }
  return v;
};

/**
 * Finds the line `RNNLAB-RESULT <token> {…}` in a cell's stdout and decodes it. Exactly one such line
 * is expected: a second one means something in the kernel forged a result, and the cell counts as failed.
 */
export function parseCellReport(outputs: CellOutput[], token: string): CellReport {
  const prefix = `RNNLAB-RESULT ${token} `;
  const found: string[] = [];
  const text = outputs.filter((o) => o.output_type === "stream" && o.name === "stdout").map((o) => o.text ?? "").join("");
  for (const line of text.split("\n")) if (line.startsWith(prefix)) found.push(line.slice(prefix.length));
  if (found.length === 0) return { records: [], emitted: false };
  if (found.length > 1) return { records: [], emitted: true, error: "the cell printed more than one result record (tampering); its checks are not counted" };
  try {
    const r = JSON.parse(found[0]!) as { records: CheckRecord[]; error?: string | null };
    return { records: r.records.map((x) => ({ ...x, actual: revive(x.actual), expected: revive(x.expected), tol: revive(x.tol) as CheckRecord["tol"] })), error: r.error ?? undefined, emitted: true };
  } catch {
    return { records: [], emitted: false };
  }
}

/** The error text of a failed cell (ename: evalue, or its stderr), trimmed to a few lines. */
export function cellErrorText(outputs: CellOutput[]): string | undefined {
  const err = outputs.find((o) => o.output_type === "error");
  const stderr = outputs.filter((o) => o.output_type === "stream" && o.name === "stderr").map((o) => o.text ?? "").join("");
  const text = err ? `${err.ename}: ${err.evalue}` : stderr;
  if (!text.trim()) return undefined;
  return text.split("\n").filter((l) => !/^\s+at /.test(l)).slice(0, 8).join("\n").trim().slice(0, 1200);
}
