// Results files of the protocol sweeps: the records as JSON (numbers round-trip exactly), read back and re-checked.
import * as fs from "fs";
import * as path from "path";
import { loadSentiment, loadTranslation } from "../data";
import type { ProtocolSpec, RunRecord } from "./protocol";
import type { SentimentSplits } from "./sentiment";
import type { TranslationSplits } from "./translation";
import { getBackend, BackendName } from "../backend";
import { precision, Precision } from "../tensor/precision";

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
  const head = `{"sweep": ${JSON.stringify(sweep)}, "spec": ${JSON.stringify(spec)}, "computedWith": ${JSON.stringify(computedWithNow())}`;
  return `${head}, "records": [\n${records.map((r) => JSON.stringify(r)).join(",\n")}\n]}\n`;
}

/** Reads a results file written by {@link resultsJson}. */
export function readResults(file: string): ResultsFile {
  const r = JSON.parse(fs.readFileSync(file, "utf8")) as ResultsFile;
  if (!r || !Array.isArray(r.records) || !r.spec || !r.computedWith) {
    throw new Error(`readResults: ${file} is not a results file (expected { sweep, spec, computedWith, records })`);
  }
  return r;
}

/**
 * Throws unless the backend and precision in use are the ones that computed `results`: a re-run can only match a stored
 * record bit for bit under the same ones (the backends agree to round-off, not to the bit).
 */
export function assertSameComputation(results: ResultsFile): void {
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
  return path.join(dataDir, "..", "scripts", "experiments", `${sweep}.results.json`);
}

/** True when two records are equal bit for bit (every number, the config, the epochs). */
export function sameRecord(a: RunRecord, b: RunRecord): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The sentiment splits of `dataDir` with the training vocabulary, as the protocol uses them. */
export function sentimentSplits(dataDir: string): SentimentSplits {
  const tr = loadSentiment(dataDir, "train");
  const opt = { vocab: tr.vocab };
  return { train: tr.examples, valid: loadSentiment(dataDir, "valid", opt).examples, test: loadSentiment(dataDir, "test", opt).examples, vocabSize: tr.vocab.size };
}

/** The translation splits of `dataDir` with the training vocabularies, as the protocol uses them. */
export function translationSplits(dataDir: string): TranslationSplits {
  const tr = loadTranslation(dataDir, "train");
  const opt = { srcVocab: tr.srcVocab, tgtVocab: tr.tgtVocab };
  return { train: tr.examples, valid: loadTranslation(dataDir, "valid", opt).examples, test: loadTranslation(dataDir, "test", opt).examples, srcVocab: tr.srcVocab, tgtVocab: tr.tgtVocab };
}
