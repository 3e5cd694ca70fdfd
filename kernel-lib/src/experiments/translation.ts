// The protocol's translation run: an LSTM or GRU encoder-decoder, early-stopped on validation BLEU of greedy decoding.
import { Rng } from "../tensor";
import { Adam } from "../optim";
import { Seq2Seq, bleu } from "../models";
import { Vocab, type TranslationExample } from "../data";
import type { CellKind } from "../cells";
import { fitBestEpoch } from "./early-stopping";
import type { RunConfig, RunRecord, RunHooks } from "./protocol";
import type { History } from "../train";
import { argError, checkAllocation, checkArray, checkIds, checkInstance, checkInt, checkObject, checkSize, checkString } from "../args";
import { checkCell, checkConditionKeys, checkHooks, checkRunConfig } from "./args";
import { GATE_BLOCKS } from "./sizes";

/** Translation examples: objects with `en` text, source ids below `srcSize`, target tokens, and target ids below `tgtSize` when given. */
function checkExamples(fn: string, name: string, v: unknown, srcSize: number, tgtSize?: number): readonly TranslationExample[] {
  return checkArray<TranslationExample>(fn, name, v).map((e, i) => {
    checkObject(fn, `${name}[${i}]`, e, "{ en, srcIds, tgtIds, tgtTokens, … } (a TranslationExample)");
    checkString(fn, `${name}[${i}].en`, e.en);
    checkIds(fn, `${name}[${i}].srcIds`, e.srcIds, srcSize);
    if (tgtSize !== undefined) checkIds(fn, `${name}[${i}].tgtIds`, e.tgtIds, tgtSize);
    if (!Array.isArray(e.tgtTokens) || !e.tgtTokens.every((t) => typeof t === "string")) throw argError(fn, `${name}[${i}].tgtTokens`, "an array of strings", e.tgtTokens);
    return e;
  });
}

/** The translation splits: arrays of examples and the two vocabularies. */
function checkTranslationSplits(fn: string, name: string, v: unknown): TranslationSplits {
  const d = checkObject<TranslationSplits>(fn, name, v, "{ train, valid, test, srcVocab, tgtVocab } (from translationSplits)");
  checkInstance(fn, `${name}.srcVocab`, d.srcVocab, Vocab, "a Vocab");
  checkInstance(fn, `${name}.tgtVocab`, d.tgtVocab, Vocab, "a Vocab");
  for (const split of ["train", "valid", "test"] as const) checkExamples(fn, `${name}.${split}`, d[split], d.srcVocab.size, d.tgtVocab.size);
  return d;
}

/** The three splits and the two vocabularies (from `loadTranslation`). */
export interface TranslationSplits { train: TranslationExample[]; valid: TranslationExample[]; test: TranslationExample[]; srcVocab: Vocab; tgtVocab: Vocab }

/**
 * The budget of a translation run: every pair (3 to 15 English words), E = 32, H = 64, batches of 32, clipping at 5,
 * source reversed, ≤ 30 epochs, patience 3, greedy outputs ≤ 24 tokens (about 6 CPU-seconds an epoch on the fast backend).
 */
export const TRANSLATION_PROTOCOL = Object.freeze({ maxWords: 15, embedDim: 32, hiddenSize: 64, batchSize: 32, clipNorm: 5, maxEpochs: 30, patience: 3, maxOut: 24 });

/** The test sentences reported apart: up to this many English words are "short", longer ones "long". */
export const TRANSLATION_SHORT_WORDS = 7;

/** English words of a pair: whitespace-separated, punctuation not counted ("Hey Jude, don't make it bad." has 6). */
export const englishWords = (e: { en: string }): number => {
  checkObject("englishWords", "e", e, "{ en } (a TranslationExample)");
  return checkString("englishWords", "e.en", e.en).split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
};

/** The splits restricted to pairs of at most `maxWords` English words (the protocol's task). */
export function shortPairs(data: TranslationSplits, maxWords: number = TRANSLATION_PROTOCOL.maxWords): TranslationSplits {
  checkTranslationSplits("shortPairs", "data", data);
  checkInt("shortPairs", "maxWords", maxWords, { min: 1 });
  const keep = (xs: TranslationExample[]) => xs.filter((e) => englishWords(e) <= maxWords);
  return { ...data, train: keep(data.train), valid: keep(data.valid), test: keep(data.test) };
}

/** Corpus BLEU-4 of greedy translations of `data` by `model` (tokens from the target vocabulary). */
export function greedyBleu(model: Seq2Seq, data: readonly TranslationExample[], tgtVocab: Vocab): number {
  const fn = "greedyBleu";
  checkInstance(fn, "model", model, Seq2Seq, "a Seq2Seq (or an AttentionSeq2Seq)");
  checkExamples(fn, "data", data, model.srcEmbedding.numEmbeddings);
  checkInstance(fn, "tgtVocab", tgtVocab, Vocab, "a Vocab (the target vocabulary)");
  const V = model.tgtEmbedding.numEmbeddings;
  if (tgtVocab.size !== V) throw new Error(`${fn}: tgtVocab must be the model's target vocabulary of ${V} tokens, got one of ${tgtVocab.size}`);
  const cands = data.map((e) => tgtVocab.decode(model.greedyDecode(e.srcIds, { maxLen: TRANSLATION_PROTOCOL.maxOut }).ids));
  return bleu(cands, data.map((e) => e.tgtTokens)).bleu;
}

/**
 * Trains a {@link Seq2Seq} with `config.condition = { model: "lstm" | "gru", hidden: H }` (weights from `Rng(seed)`,
 * batch order from `Rng(1000 + seed)`), keeps the epoch with the best validation BLEU (greedy), and reports its test
 * BLEU (`test`, corpus BLEU-4 in [0, 1]) and, in `metrics`, BLEU on test sentences of ≤ 7 (`short`) and of 8–15 (`long`) English words.
 * Every split is first restricted to pairs of at most `TRANSLATION_PROTOCOL.maxWords` English words.
 */
export function runTranslation(all: TranslationSplits, config: RunConfig, hooks: RunHooks = {}): { record: RunRecord; model: Seq2Seq; history: History } {
  const fn = "runTranslation";
  checkTranslationSplits(fn, "all", all);
  checkRunConfig(fn, "config", config);
  checkConditionKeys(fn, "config.condition", config.condition, ["model", "hidden"]);
  const cell = checkCell(fn, "config.condition.model", config.condition.model);
  const H = checkSize(fn, "config.condition.hidden", config.condition.hidden);
  checkAllocation(fn, `config.condition.hidden = ${H}`, { weight_hh: [GATE_BLOCKS[cell] * H, H] });
  checkHooks(fn, hooks);
  const P = TRANSLATION_PROTOCOL;
  const data = shortPairs(all, P.maxWords);
  if (data.train.length === 0 || data.valid.length === 0 || data.test.length === 0) {
    throw new Error(`${fn}: all must hold pairs of at most ${P.maxWords} English words in every split, got ${data.train.length}, ${data.valid.length} and ${data.test.length}`);
  }
  const model = new Seq2Seq({
    cell: config.condition.model as CellKind, srcVocabSize: data.srcVocab.size, tgtVocabSize: data.tgtVocab.size,
    embedDim: P.embedDim, hiddenSize: Number(config.condition.hidden), reverseSource: true, rng: new Rng(config.seed),
  });
  const r = fitBestEpoch(model, data.train, {
    ...hooks, maxEpochs: P.maxEpochs, patience: P.patience, batchSize: P.batchSize, optimizer: new Adam(model.parameters(), { lr: config.lr }),
    clipNorm: P.clipNorm, rng: new Rng(1000 + config.seed), validate: () => greedyBleu(model, data.valid, data.tgtVocab),
  });
  const short = data.test.filter((e) => englishWords(e) <= TRANSLATION_SHORT_WORDS);
  const long = data.test.filter((e) => englishWords(e) > TRANSLATION_SHORT_WORDS);
  const metrics = { short: greedyBleu(model, short, data.tgtVocab), long: greedyBleu(model, long, data.tgtVocab) };
  return { record: { config, val: r.bestScore, test: greedyBleu(model, data.test, data.tgtVocab), bestEpoch: r.bestEpoch, epochs: r.valScores.length, metrics }, model, history: r.history };
}
