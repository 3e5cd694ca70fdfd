// Results files of the protocol sweeps: the records as JSON (numbers round-trip exactly), read back and re-checked.
import * as fs from "fs";
import * as path from "path";
import { loadSentiment, loadTranslation } from "../data";
import type { ProtocolSpec, RunRecord } from "./protocol";
import type { SentimentSplits } from "./sentiment";
import type { TranslationSplits } from "./translation";

/** A results file: the sweep's name, its spec and every record, in the order run. */
export interface ResultsFile { sweep: string; spec: ProtocolSpec; records: RunRecord[] }

/** The text of a results file (one record per line, so diffs stay readable; JSON keeps every float64 bit). */
export function resultsJson(sweep: string, spec: ProtocolSpec, records: readonly RunRecord[]): string {
  return `{"sweep": ${JSON.stringify(sweep)}, "spec": ${JSON.stringify(spec)}, "records": [\n${records.map((r) => JSON.stringify(r)).join(",\n")}\n]}\n`;
}

/** Reads a results file written by {@link resultsJson}. */
export function readResults(file: string): ResultsFile {
  const r = JSON.parse(fs.readFileSync(file, "utf8")) as ResultsFile;
  if (!r || !Array.isArray(r.records) || !r.spec) throw new Error(`readResults: ${file} is not a results file (expected { sweep, spec, records })`);
  return r;
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
