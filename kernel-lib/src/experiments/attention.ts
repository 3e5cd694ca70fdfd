// The protocol's attention run (notebook 10): a GRU encoder-decoder with or without attention, trained alike and
// early-stopped on validation BLEU, scored on the test split per length band.
import { Rng } from "../tensor";
import { Adam } from "../optim";
import type { History, StepRecord, EpochRecord } from "../train";
import { fitBestEpoch } from "./early-stopping";
import type { TranslationExample, Vocab } from "../data";
import { AttentionSeq2Seq, Seq2Seq } from "../models";
import { TRANSLATION_PROTOCOL, englishWords, greedyBleu } from "./translation";
import { checkArray, checkInstance, checkInt, checkNumber, checkObject, checkOneOf, checkOptions } from "../args";
import { Vocab as VocabClass } from "../data/vocab";

/**
 * The budget of one run: E = 24, H = 48 (encoder and decoder), Adam, batches of 32, clipping at 5, at most 30 epochs
 * on every training pair with early stopping on validation BLEU (patience 3), greedy outputs ≤ 24 tokens. The learning
 * rate is the protocol's choice per model (`scripts/experiments`, sweep `attention`).
 */
export const ATTENTION_RECIPE = Object.freeze({ embedDim: 24, hiddenSize: 48, batchSize: 32, clipNorm: 5, maxEpochs: 30, patience: 3, maxOut: TRANSLATION_PROTOCOL.maxOut });

/** The test sentences are scored per band of English words: `[lo, hi]`, both included. */
export const ATTENTION_BANDS: readonly (readonly [number, number])[] = Object.freeze([[3, 5], [6, 7], [8, 10], [11, 15]] as const);

/** `b` as a band `[lo, hi]` of English word counts (integers, 1 ≤ lo ≤ hi), or an error naming `fn`. */
function checkBand(fn: string, b: unknown): readonly [number, number] {
  const pair = checkArray<unknown>(fn, "b", b, 2);
  if (pair.length !== 2) throw new Error(`${fn}: b must be a band [lo, hi], got an array of ${pair.length}`);
  const lo = checkInt(fn, "b[0]", pair[0], { min: 1 });
  const hi = checkInt(fn, "b[1]", pair[1], { min: lo });
  return [lo, hi];
}

/** A band's name, `"3–5"`, and the metric under which a run records its BLEU, `"bleu 3–5"`. */
export const bandName = (b: readonly [number, number]): string => {
  const [lo, hi] = checkBand("bandName", b);
  return `${lo}–${hi}`;
};
export const bandMetric = (b: readonly [number, number]): string => `bleu ${bandName(checkBand("bandMetric", b))}`;

/** What {@link runAttentionComparison} needs: the splits and the training vocabularies. */
export interface AttentionData { train: TranslationExample[]; valid: TranslationExample[]; test: TranslationExample[]; srcVocab: Vocab; tgtVocab: Vocab }

/** A fresh model of the comparison: `"plain"` reads the source reversed (as in notebook 07), `"attention"` in order. */
export function makeAttentionModel(kind: "plain" | "attention", data: AttentionData, seed: number): Seq2Seq {
  checkOneOf("makeAttentionModel", "kind", kind, ["plain", "attention"]);
  const R = ATTENTION_RECIPE;
  const opts = { cell: "gru" as const, srcVocabSize: data.srcVocab.size, tgtVocabSize: data.tgtVocab.size, embedDim: R.embedDim, hiddenSize: R.hiddenSize, reverseSource: kind === "plain", rng: new Rng(seed) };
  return kind === "plain" ? new Seq2Seq(opts) : new AttentionSeq2Seq(opts);
}

/** The record of one run, shaped as the experiment protocol's records (`readResults`, `summarizeProtocol` read it). */
export interface AttentionRunRecord {
  config: { condition: { model: "plain" | "attention" }; lr: number; seed: number };
  /** Validation BLEU of the best epoch (the checkpoint that is tested). */
  val: number;
  /** Test BLEU (all test pairs). */
  test: number;
  bestEpoch: number;
  epochs: number;
  /** Test BLEU per band of {@link ATTENTION_BANDS}, under {@link bandMetric}. */
  metrics: Record<string, number>;
}

/**
 * Trains one model of the comparison with {@link ATTENTION_RECIPE} (weights from `Rng(seed)`, batch order from
 * `Rng(1000 + seed)`) under the protocol's early stopping: after every epoch the validation split is decoded greedily
 * and scored by corpus BLEU, the best epoch's weights are kept, and training stops after `patience` epochs without a
 * new best. That checkpoint is scored on the test split, all of it and per length band.
 * @example const { record } = runAttentionComparison(data, { condition: { model: "attention" }, lr: 0.01, seed: 0 });
 */
export function runAttentionComparison(
  data: AttentionData,
  config: AttentionRunRecord["config"],
  hooks: { onStep?: (s: StepRecord) => void | boolean; onEpoch?: (e: EpochRecord, h: History) => void | boolean } = {},
): { record: AttentionRunRecord; model: Seq2Seq; history: History } {
  const fn = "runAttentionComparison";
  checkObject(fn, "data", data, "the splits and vocabularies { train, valid, test, srcVocab, tgtVocab }");
  for (const k of ["train", "valid", "test"] as const) checkArray(fn, `data.${k}`, data[k], 1);
  checkInstance(fn, "data.srcVocab", data.srcVocab, VocabClass, "a Vocab (the source vocabulary)");
  checkInstance(fn, "data.tgtVocab", data.tgtVocab, VocabClass, "a Vocab (the target vocabulary)");
  checkObject(fn, "config", config, "a run { condition: { model }, lr, seed }");
  checkObject(fn, "config.condition", config.condition, "{ model: \"plain\" | \"attention\" }");
  checkOneOf(fn, "config.condition.model", config.condition.model, ["plain", "attention"]);
  checkNumber(fn, "config.lr", config.lr, { min: 0 });
  checkInt(fn, "config.seed", config.seed, { min: 0, max: 2 ** 32 - 1001 });
  checkOptions(fn, "hooks", hooks, ["onStep", "onEpoch"]);
  const R = ATTENTION_RECIPE;
  const model = makeAttentionModel(config.condition.model, data, config.seed);
  const r = fitBestEpoch(model, data.train, {
    ...hooks, maxEpochs: R.maxEpochs, patience: R.patience, batchSize: R.batchSize, optimizer: new Adam(model.parameters(), { lr: config.lr }),
    clipNorm: R.clipNorm, rng: new Rng(1000 + config.seed), validate: () => greedyBleu(model, data.valid, data.tgtVocab),
  });
  const metrics: Record<string, number> = {};
  for (const b of ATTENTION_BANDS) metrics[bandMetric(b)] = greedyBleu(model, data.test.filter((e) => englishWords(e) >= b[0] && englishWords(e) <= b[1]), data.tgtVocab);
  const record: AttentionRunRecord = {
    config, val: r.bestScore, test: greedyBleu(model, data.test, data.tgtVocab), bestEpoch: r.bestEpoch, epochs: r.valScores.length, metrics,
  };
  const history = r.history;
  return { record, model, history };
}
