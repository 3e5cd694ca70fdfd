// One recipe for notebook 10's comparison: a GRU encoder-decoder with or without attention, trained alike, BLEU per length band.
import { Rng } from "../tensor";
import { Adam } from "../optim";
import { History, StepRecord, EpochRecord, fit } from "../train";
import type { TranslationExample, Vocab } from "../data";
import { Seq2Seq } from "./seq2seq";
import { AttentionSeq2Seq } from "./attention-seq2seq";
import { bleu } from "./bleu";
import { checkArray, checkInstance, checkInt, checkNumber, checkObject, checkOneOf, checkOptions } from "../args";
import { Vocab as VocabClass } from "../data/vocab";

/**
 * The budget of one run: E = 24, H = 48 (encoder and decoder), Adam 0.01, batches of 32, clipping at 5, 6 epochs on every
 * training pair, greedy outputs ≤ 24 tokens (about 30 CPU-seconds without attention and 45 with it, on the fast backend).
 */
export const ATTENTION_RECIPE = Object.freeze({ embedDim: 24, hiddenSize: 48, batchSize: 32, clipNorm: 5, epochs: 6, lr: 0.01, maxOut: 24 });

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

/** English words of a pair (whitespace-separated, punctuation not counted), as in the translation protocol. */
const wordsOf = (e: { en: string }): number => e.en.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

/** What {@link runAttentionComparison} needs: the splits and the training vocabularies. */
export interface AttentionData { train: TranslationExample[]; valid: TranslationExample[]; test: TranslationExample[]; srcVocab: Vocab; tgtVocab: Vocab }

/** Corpus BLEU-4 (in [0, 1]) of `model`'s greedy translations of `data`. */
export function greedyCorpusBleu(model: Seq2Seq, data: readonly TranslationExample[], tgtVocab: Vocab): number {
  const fn = "greedyCorpusBleu";
  checkInstance(fn, "model", model, Seq2Seq, "a Seq2Seq (or an AttentionSeq2Seq)");
  checkArray(fn, "data", data);
  checkInstance(fn, "tgtVocab", tgtVocab, VocabClass, "a Vocab (the target vocabulary)");
  const cands = data.map((e) => tgtVocab.decode(model.greedyDecode(e.srcIds, { maxLen: ATTENTION_RECIPE.maxOut }).ids));
  return bleu(cands, data.map((e) => e.tgtTokens)).bleu;
}

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
  /** Validation BLEU after the last epoch. */
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
 * `Rng(1000 + seed)`) for a fixed number of epochs (no early stopping: both models get the same budget), then scores
 * the validation and test splits by greedy corpus BLEU, and the test split per length band.
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
  const history = fit(model, data.train, {
    ...hooks, epochs: R.epochs, batchSize: R.batchSize, optimizer: new Adam(model.parameters(), { lr: config.lr }),
    clipNorm: R.clipNorm, rng: new Rng(1000 + config.seed),
  });
  const metrics: Record<string, number> = {};
  for (const b of ATTENTION_BANDS) metrics[bandMetric(b)] = greedyCorpusBleu(model, data.test.filter((e) => wordsOf(e) >= b[0] && wordsOf(e) <= b[1]), data.tgtVocab);
  const record: AttentionRunRecord = {
    config, val: greedyCorpusBleu(model, data.valid, data.tgtVocab), test: greedyCorpusBleu(model, data.test, data.tgtVocab),
    bestEpoch: history.epochs.length, epochs: history.epochs.length, metrics,
  };
  return { record, model, history };
}
