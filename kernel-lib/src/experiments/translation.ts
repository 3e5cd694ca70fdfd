// The protocol's translation run: an LSTM or GRU encoder-decoder, early-stopped on validation BLEU of greedy decoding.
import { Rng } from "../tensor";
import { Adam } from "../optim";
import { Seq2Seq, bleu } from "../models";
import type { Vocab, TranslationExample } from "../data";
import type { CellKind } from "../cells";
import { fitBestEpoch } from "./early-stopping";
import type { RunConfig, RunRecord } from "./protocol";

/** The three splits and the two vocabularies (from `loadTranslation`). */
export interface TranslationSplits { train: TranslationExample[]; valid: TranslationExample[]; test: TranslationExample[]; srcVocab: Vocab; tgtVocab: Vocab }

/** The budget of a translation run: E = 32, H = 64, batches of 32, clipping at 5, source reversed, ≤ 12 epochs, patience 3, greedy outputs ≤ 24 tokens. */
export const TRANSLATION_PROTOCOL = Object.freeze({ embedDim: 32, hiddenSize: 64, batchSize: 32, clipNorm: 5, maxEpochs: 12, patience: 3, maxOut: 24 });

/** Corpus BLEU-4 of greedy translations of `data` by `model` (tokens from the target vocabulary). */
export function greedyBleu(model: Seq2Seq, data: readonly TranslationExample[], tgtVocab: Vocab): number {
  const cands = data.map((e) => tgtVocab.decode(model.greedyDecode(e.srcIds, { maxLen: TRANSLATION_PROTOCOL.maxOut }).ids));
  return bleu(cands, data.map((e) => e.tgtTokens)).bleu;
}

/**
 * Trains a {@link Seq2Seq} with `config.condition = { model: "lstm" | "gru", hidden: H }` (weights from `Rng(seed)`,
 * batch order from `Rng(1000 + seed)`), keeps the epoch with the best validation BLEU (greedy), and reports its test
 * BLEU (`test`, corpus BLEU-4 in [0, 1]) and, in `metrics`, BLEU on short (≤ 8 English tokens) and long test sentences.
 */
export function runTranslation(data: TranslationSplits, config: RunConfig): { record: RunRecord; model: Seq2Seq } {
  const P = TRANSLATION_PROTOCOL;
  const model = new Seq2Seq({
    cell: config.condition.model as CellKind, srcVocabSize: data.srcVocab.size, tgtVocabSize: data.tgtVocab.size,
    embedDim: P.embedDim, hiddenSize: Number(config.condition.hidden), reverseSource: true, rng: new Rng(config.seed),
  });
  const r = fitBestEpoch(model, data.train, {
    maxEpochs: P.maxEpochs, patience: P.patience, batchSize: P.batchSize, optimizer: new Adam(model.parameters(), { lr: config.lr }),
    clipNorm: P.clipNorm, rng: new Rng(1000 + config.seed), validate: () => greedyBleu(model, data.valid, data.tgtVocab),
  });
  const short = data.test.filter((e) => e.srcIds.length <= 8), long = data.test.filter((e) => e.srcIds.length > 8);
  const metrics = { short: greedyBleu(model, short, data.tgtVocab), long: greedyBleu(model, long, data.tgtVocab) };
  return { record: { config, val: r.bestScore, test: greedyBleu(model, data.test, data.tgtVocab), bestEpoch: r.bestEpoch, epochs: r.valScores.length, metrics }, model };
}
