// Results files of the protocol sweeps: the records as JSON (numbers round-trip exactly), read back and re-checked.
import * as fs from "fs";
import * as path from "path";
import { loadSentiment, loadTranslation } from "../data";
import type { ProtocolSpec, RunRecord } from "./protocol";
import type { SentimentSplits } from "./sentiment";
import type { TranslationSplits } from "./translation";
import { getBackend, BackendName } from "../backend";
import { precision, Precision } from "../tensor/precision";
import { argError, checkInt, checkObject, checkString, parseJsonArg } from "../args";
import { checkCondition, checkRunRecord, checkRunRecords, checkSpec } from "./args";

/** What computed the records: the backend and the precision (the bits of a run depend on both, see `setBackend`). */
export interface ComputedWith { backend: BackendName; precision: Precision }

/** A results file: the sweep's name, its spec, what computed it, and every record, in the order run. */
export interface ResultsFile { sweep: string; spec: ProtocolSpec; computedWith: ComputedWith; records: RunRecord[] }

/** The backend and precision in use now. */
export function computedWithNow(): ComputedWith {
  return { backend: getBackend(), precision: precision() };
}

/**
 * The text of a results file (one record per line, so diffs stay readable; JSON keeps every float64 bit), stamped with the
 * backend and precision in use ({@link computedWithNow}).
 */
export function resultsJson(sweep: string, spec: ProtocolSpec, records: readonly RunRecord[]): string {
  const fn = "resultsJson";
  checkString(fn, "sweep", sweep, true);
  checkSpec(fn, "spec", spec);
  checkRunRecords(fn, "records", records);
  const head = `{"sweep": ${JSON.stringify(sweep)}, "spec": ${JSON.stringify(spec)}, "computedWith": ${JSON.stringify(computedWithNow())}`;
  return `${head}, "records": [\n${records.map((r) => JSON.stringify(r)).join(",\n")}\n]}\n`;
}

/** Reads a results file written by {@link resultsJson}. */
export function readResults(file: string): ResultsFile {
  const fn = "readResults";
  checkString(fn, "file", file, true);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new Error(`${fn}: cannot read ${file} (${(e as Error).message})`, { cause: e });
  }
  const r = parseJsonArg(fn, `the text of ${file}`, text);
  if (r === null || typeof r !== "object" || !Array.isArray((r as ResultsFile).records) || !(r as ResultsFile).spec || !(r as ResultsFile).computedWith) {
    throw new Error(`${fn}: ${file} is not a results file (expected { sweep, spec, computedWith, records })`);
  }
  // the contents are checked as arguments would be, the file named in each message
  checkResultsFile(`${fn} (${file})`, "results", r);
  return r as ResultsFile;
}

/** A {@link ResultsFile}: a sweep name, a spec, what computed it, and valid records. */
function checkResultsFile(fn: string, name: string, v: unknown): ResultsFile {
  const r = checkObject<ResultsFile>(fn, name, v, "{ sweep, spec, computedWith, records } (a ResultsFile from readResults)");
  checkString(fn, `${name}.sweep`, r.sweep, true);
  checkSpec(fn, `${name}.spec`, r.spec);
  const c = checkObject<ComputedWith>(fn, `${name}.computedWith`, r.computedWith, "{ backend, precision }");
  checkString(fn, `${name}.computedWith.backend`, c.backend, true);
  checkString(fn, `${name}.computedWith.precision`, c.precision, true);
  checkRunRecords(fn, `${name}.records`, r.records);
  return r;
}

/**
 * Throws unless the backend and precision in use are the ones that computed `results`: a re-run can only match a stored
 * record bit for bit under the same ones (the backends agree to round-off, not to the bit).
 */
export function assertSameComputation(results: ResultsFile): void {
  checkResultsFile("assertSameComputation", "results", results);
  const now = computedWithNow(), then = results.computedWith;
  if (now.backend !== then.backend || now.precision !== then.precision) {
    throw new Error(
      `assertSameComputation: the ${results.sweep} records were computed with backend "${then.backend}", precision "${then.precision}"; ` +
        `now in use: "${now.backend}", "${now.precision}" (call rl.setBackend("${then.backend}") and rl.setPrecision("${then.precision}") to re-run them)`,
    );
  }
}

/** The path of a stored sweep's results file (`scripts/experiments/<sweep>.results.json`), from the data folder. */
export function resultsPath(dataDir: string, sweep: string): string {
  checkString("resultsPath", "dataDir", dataDir, true);
  if (typeof sweep !== "string" || !/^[A-Za-z0-9_-]+$/.test(sweep)) throw argError("resultsPath", "sweep", 'a sweep name of letters, digits, "_" and "-" (e.g. "sentiment")', sweep);
  return path.join(dataDir, "..", "scripts", "experiments", `${sweep}.results.json`);
}

/**
 * The path of a stored checkpoint: the weights of one stored run, written by `scripts/experiments/checkpoints.ts` as a
 * model file (`rl.saveModel`), `scripts/experiments/checkpoints/<sweep>-<key><value>-…-seed<seed>.json` (keys sorted).
 * A notebook loads it instead of re-training that run, and checks it against the run's record (its BLEU, bit for bit).
 * @example rl.checkpointPath(dataDir, "translation", { model: "lstm", hidden: 64 }, 0)
 */
export function checkpointPath(dataDir: string, sweep: string, condition: Record<string, string | number>, seed: number): string {
  const fn = "checkpointPath";
  checkString(fn, "dataDir", dataDir, true);
  if (typeof sweep !== "string" || !/^[A-Za-z0-9_-]+$/.test(sweep)) throw argError(fn, "sweep", 'a sweep name of letters, digits, "_" and "-" (e.g. "translation")', sweep);
  checkCondition(fn, "condition", condition);
  const values = Object.keys(condition).sort().map((k) => `${k}${condition[k]}`);
  if (!values.every((v) => /^[A-Za-z0-9_.]+$/.test(v))) throw argError(fn, "condition", "values of letters, digits, \"_\" and \".\"", condition);
  checkInt(fn, "seed", seed, { min: 0 });
  return path.join(dataDir, "..", "scripts", "experiments", "checkpoints", `${sweep}-${values.join("-")}-seed${seed}.json`);
}

/** True when two records are equal bit for bit (every number, the config, the epochs). */
export function sameRecord(a: RunRecord, b: RunRecord): boolean {
  checkRunRecord("sameRecord", "a", a);
  checkRunRecord("sameRecord", "b", b);
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The sentiment splits of `dataDir` with the training vocabulary, as the protocol uses them. */
export function sentimentSplits(dataDir: string): SentimentSplits {
  return loading("sentimentSplits", dataDir, () => {
    const tr = loadSentiment(dataDir, "train");
    const opt = { vocab: tr.vocab };
    return { train: tr.examples, valid: loadSentiment(dataDir, "valid", opt).examples, test: loadSentiment(dataDir, "test", opt).examples, vocabSize: tr.vocab.size };
  });
}

/** The translation splits of `dataDir` with the training vocabularies, as the protocol uses them. */
export function translationSplits(dataDir: string): TranslationSplits {
  return loading("translationSplits", dataDir, () => {
    const tr = loadTranslation(dataDir, "train");
    const opt = { srcVocab: tr.srcVocab, tgtVocab: tr.tgtVocab };
    return { train: tr.examples, valid: loadTranslation(dataDir, "valid", opt).examples, test: loadTranslation(dataDir, "test", opt).examples, srcVocab: tr.srcVocab, tgtVocab: tr.tgtVocab };
  });
}

/** Runs `load` on a checked data folder; a loader's error is reported as this function's, the loader's message kept. */
function loading<T>(fn: string, dataDir: unknown, load: () => T): T {
  const dir = checkString(fn, "dataDir", dataDir, true);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw argError(fn, "dataDir", "the data folder (with sentiment/ and translation/ inside)", dataDir);
  try {
    return load();
  } catch (e) {
    throw new Error(`${fn}: cannot load the splits from ${dataDir}: ${(e as Error).message}`, { cause: e });
  }
}
