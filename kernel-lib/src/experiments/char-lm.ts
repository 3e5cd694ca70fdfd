// The protocol's language-model run: a character RNN, LSTM or GRU on Italian quotations, early-stopped on validation perplexity.
import { Rng } from "../tensor";
import { Adam, clipGradNorm } from "../optim";
import { CharLM, streamChunks, streamCrossEntropy } from "../models";
import { Vocab, loadItalianFortunes } from "../data";
import type { CellKind } from "../cells";
import type { RunConfig, RunRecord, RunHooks } from "./protocol";
import type { History } from "../train";
import { argError, checkAllocation, checkIds, checkInstance, checkObject, checkSize, checkString } from "../args";
import { checkCell, checkConditionKeys, checkHooks, checkRunConfig } from "./args";
import { GATE_BLOCKS } from "./sizes";

/** Character ids of the three streams of quotations and the character vocabulary (from {@link charLMSplits}). */
export interface CharLMSplits { train: number[]; valid: number[]; test: number[]; vocab: Vocab }

/**
 * The budget of a language-model run: E = 16, H = 64, B = 32 streams of T = 32 steps, Adam, clipping at 5. Training
 * reads the stream in rounds of 256 chunks (a quarter of a pass); after each round the perplexity of the whole
 * validation stream (64 streams of chunks of 100, state carried) is measured; at most 12 rounds (three passes),
 * patience 3. About 30 CPU-seconds for the LSTM on the fast backend.
 */
export const CHAR_LM_PROTOCOL = Object.freeze({
  embedDim: 16, hiddenSize: 64, batchSize: 32, chunkLength: 32, clipNorm: 5,
  roundChunks: 256, maxRounds: 12, patience: 3, evalStreams: 64, evalChunk: 100, minCount: 20,
});

/**
 * The fortunes-it quotations as the protocol reads them: each split's quotations joined by a blank line into one
 * stream, characters seen fewer than `CHAR_LM_PROTOCOL.minCount` times in training mapped to `<unk>`.
 * @param dir the fortunes folder (default Debian's `/usr/share/games/fortunes/it`)
 */
export function charLMSplits(dir?: string): CharLMSplits {
  const fn = "charLMSplits";
  if (dir !== undefined) checkString(fn, "dir", dir, true);
  let f: ReturnType<typeof loadItalianFortunes>;
  try {
    f = loadItalianFortunes(dir === undefined ? {} : { dir });
  } catch (e) {
    throw new Error(`${fn}: ${(e as Error).message}`, { cause: e });
  }
  const text = { train: f.train.join("\n\n"), valid: f.valid.join("\n\n"), test: f.test.join("\n\n") };
  const vocab = Vocab.build([[...text.train]], { minCount: CHAR_LM_PROTOCOL.minCount });
  const ids = (s: string) => [...s].map((c) => vocab.id(c));
  return { train: ids(text.train), valid: ids(text.valid), test: ids(text.test), vocab };
}

/** The splits: a Vocab and three id streams long enough for one training chunk and one evaluation chunk. */
function checkSplits(fn: string, v: unknown): CharLMSplits {
  const P = CHAR_LM_PROTOCOL;
  const d = checkObject<CharLMSplits>(fn, "data", v, "{ train, valid, test, vocab } (from charLMSplits)");
  checkInstance(fn, "data.vocab", d.vocab, Vocab, "a Vocab");
  const need = { train: P.batchSize * P.chunkLength + 1, valid: P.evalStreams * P.evalChunk + 1, test: P.evalStreams * P.evalChunk + 1 };
  for (const split of ["train", "valid", "test"] as const) {
    checkIds(fn, `data.${split}`, d[split], d.vocab.size);
    if (d[split].length < need[split]) throw argError(fn, `data.${split}`, `at least ${need[split]} character ids`, `${d[split].length} ids`);
  }
  return d;
}

/**
 * Trains a {@link CharLM} with `config.condition = { model: "rnn" | "lstm" | "gru", hidden: H }` (weights from
 * `Rng(seed)`; the stream is read from a chunk drawn by `Rng(1000 + seed)`, the carried state reset where it wraps) by
 * truncated BPTT on stateful chunks, keeps the round with the lowest validation perplexity
 * `exp(−(1/N) Σ log p(x_{t+1} | x_{≤t}))`, and reports that checkpoint's test perplexity (`test`); `metrics` holds the
 * test cross-entropy in bits per character (`bpc` = log₂ perplexity). `bestEpoch`/`epochs` count rounds.
 * One config gives the same record, bit for bit, on every run.
 * @example runCharLM(charLMSplits(), { condition: { model: "gru", hidden: 64 }, lr: 0.01, seed: 0 })
 */
export function runCharLM(data: CharLMSplits, config: RunConfig, hooks: RunHooks = {}): { record: RunRecord; model: CharLM; history: History } {
  const fn = "runCharLM";
  checkSplits(fn, data);
  checkRunConfig(fn, "config", config);
  checkConditionKeys(fn, "config.condition", config.condition, ["model", "hidden"]);
  const cell = checkCell(fn, "config.condition.model", config.condition.model) as CellKind;
  const H = checkSize(fn, "config.condition.hidden", config.condition.hidden);
  checkAllocation(fn, `config.condition.hidden = ${H}`, { weight_hh: [GATE_BLOCKS[cell] * H, H] });
  checkHooks(fn, hooks);
  const P = CHAR_LM_PROTOCOL;
  const model = new CharLM({ cell, vocabSize: data.vocab.size, embedDim: P.embedDim, hiddenSize: H, rng: new Rng(config.seed) });
  const opt = new Adam(model.parameters(), { lr: config.lr });
  const chunks = streamChunks(data.train, P.batchSize, P.chunkLength);
  let at = new Rng(1000 + config.seed).int(chunks.length);
  const perplexity = (ids: number[]) => Math.exp(streamCrossEntropy(model, ids, P.evalStreams, P.evalChunk));
  const history: History = { epochs: [], steps: [] };
  const valScores: number[] = [];
  let best: Float64Array[] = [];
  let bestRound = 0;
  for (let round = 1; round <= P.maxRounds && round - bestRound <= P.patience; round++) {
    let sum = 0;
    for (let i = 0; i < P.roundChunks; i++, at++) {
      // column b of chunk 0 does not continue column b of the last chunk: the state starts again from zeros
      if (at === chunks.length) [at, model.carry] = [0, null];
      model.zeroGrad();
      const { loss } = model.trainChunk(chunks[at]);
      const gradNorm = clipGradNorm(model.parameters(), P.clipNorm);
      opt.step();
      sum += loss;
      const s = { step: history.steps.length + 1, epoch: round, loss, gradNorm };
      history.steps.push(s);
      hooks.onStep?.(s);
    }
    const val = perplexity(data.valid);
    if (!Number.isFinite(val)) throw new Error(`${fn}: the validation perplexity is ${val} after round ${round} of ${JSON.stringify(config)}`);
    valScores.push(val);
    if (bestRound === 0 || val < valScores[bestRound - 1]) [bestRound, best] = [round, model.parameters().map((p) => Float64Array.from(p.value.data))];
    const e = { epoch: round, loss: sum / P.roundChunks, valScore: val };
    history.epochs.push(e);
    hooks.onEpoch?.(e, history);
  }
  model.parameters().forEach((p, i) => p.value.data.set(best[i]));
  model.carry = null;
  const test = perplexity(data.test);
  return {
    record: { config, val: valScores[bestRound - 1], test, bestEpoch: bestRound, epochs: valScores.length, metrics: { bpc: Math.log2(test) } },
    model, history,
  };
}
