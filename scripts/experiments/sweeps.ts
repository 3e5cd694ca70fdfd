// The protocol sweeps behind notebooks 06–10: each one's conditions, grid, seeds and run function, and its results file.
import * as path from "path";
import { AttentionRunRecord, ProtocolSpec, RunConfig, RunRecord, runAdding, runAttentionComparison, runCopy, runSentiment, runTranslation, runCharLM, charLMSplits, CHAR_LM_PROTOCOL, matchedHiddenSize, recurrentParams, SENTIMENT_PROTOCOL, TRANSLATION_PROTOCOL, COPY_PROTOCOL, sentimentSplits, translationSplits } from "../../kernel-lib/src";

/** One sweep: what to run, and where its records are stored. */
export interface Sweep {
  name: string;
  file: string;
  spec: ProtocolSpec;
  conditions: () => Record<string, string | number>[];
  /** Runs one configuration (loads data lazily, once). */
  run: (c: RunConfig) => RunRecord;
}

const DATA = path.join(__dirname, "..", "..", "data");
const file = (name: string) => path.join(__dirname, `${name}.results.json`);
const SEEDS = [0, 1, 2, 3, 4];
const CELLS = ["rnn", "lstm", "gru"] as const;

let sentData: ReturnType<typeof sentimentSplits> | undefined;
let trData: ReturnType<typeof translationSplits> | undefined;
let lmData: ReturnType<typeof charLMSplits> | undefined;

/** The hidden sizes of the sentiment comparison: every cell at H = 32, and the RNN and GRU matched to the LSTM's recurrent parameters. */
export function sentimentConditions(): Record<string, string | number>[] {
  const E = SENTIMENT_PROTOCOL.embedDim, target = recurrentParams("lstm", E, 32);
  return [
    { model: "bow", hidden: 0 },
    ...CELLS.map((cell) => ({ model: cell, hidden: 32 })),
    ...(["rnn", "gru"] as const).map((cell) => ({ model: cell, hidden: matchedHiddenSize(cell, E, target) })),
  ];
}

/** The translation comparison: LSTM and GRU at the same H, and the GRU matched to the LSTM's recurrent parameters. */
export function translationConditions(): Record<string, string | number>[] {
  const E = TRANSLATION_PROTOCOL.embedDim, H = TRANSLATION_PROTOCOL.hiddenSize;
  return [{ model: "lstm", hidden: H }, { model: "gru", hidden: H }, { model: "gru", hidden: matchedHiddenSize("gru", E, recurrentParams("lstm", E, H)) }];
}

/** The language-model comparison: every cell at H = 64, and the RNN and GRU matched to the LSTM's recurrent parameters. */
export function charLMConditions(): Record<string, string | number>[] {
  const { embedDim: E, hiddenSize: H } = CHAR_LM_PROTOCOL;
  return [...CELLS.map((cell) => ({ model: cell, hidden: H })), ...matchedCells(E, H).map(([cell, hidden]) => ({ model: cell, hidden }))];
}

/** Inputs per step: the adding problem's (value, marker) pair, and the copy task's one-hot symbols (alphabet, blank, go). */
const ADDING_INPUT = 2;
const COPY_INPUT = COPY_PROTOCOL.alphabet + 2;

/** The RNN and the GRU at the hidden sizes whose recurrent parameters come closest to an LSTM of `H` units on `I` inputs. */
function matchedCells(I: number, H: number): ["rnn" | "gru", number][] {
  const target = recurrentParams("lstm", I, H);
  return (["rnn", "gru"] as const).map((cell) => [cell, matchedHiddenSize(cell, I, target)]);
}

export const SWEEPS: Record<string, Sweep> = {
  sentiment: {
    name: "sentiment", file: file("sentiment"), spec: { lrGrid: [0.001, 0.003, 0.01, 0.03], seeds: SEEDS },
    conditions: sentimentConditions,
    run: (c) => runSentiment((sentData ??= sentimentSplits(DATA)), c).record,
  },
  translation: {
    name: "translation", file: file("translation"), spec: { lrGrid: [0.003, 0.01, 0.03], seeds: SEEDS },
    conditions: translationConditions,
    run: (c) => runTranslation((trData ??= translationSplits(DATA)), c).record,
  },
  attention: {
    name: "attention", file: file("attention"), spec: { lrGrid: [0.003, 0.01, 0.03], seeds: SEEDS },
    conditions: () => [{ model: "plain" }, { model: "attention" }],
    run: (c) => runAttentionComparison((trData ??= translationSplits(DATA)), c as AttentionRunRecord["config"]).record,
  },
  "char-lm": {
    name: "char-lm", file: file("char-lm"), spec: { lrGrid: [0.001, 0.003, 0.01, 0.03], seeds: SEEDS, higherIsBetter: false },
    conditions: charLMConditions,
    run: (c) => runCharLM((lmData ??= charLMSplits()), c).record,
  },
  adding: {
    name: "adding", file: file("adding"), spec: { lrGrid: [0.003, 0.01, 0.03, 0.1, 0.3], seeds: SEEDS, higherIsBetter: false },
    conditions: () => [10, 25, 50, 100].flatMap((T) => CELLS.map((cell) => ({ cell, T, hidden: 16 }))),
    run: (c) => runAdding(c).record,
  },
  "adding-matched": {
    name: "adding-matched", file: file("adding-matched"), spec: { lrGrid: [0.003, 0.01, 0.03, 0.1, 0.3], seeds: SEEDS, higherIsBetter: false },
    conditions: () => [10, 25, 50, 100].flatMap((T) => matchedCells(ADDING_INPUT, 16).map(([cell, hidden]) => ({ cell, T, hidden }))),
    run: (c) => runAdding(c).record,
  },
  "copy-matched": {
    name: "copy-matched", file: file("copy-matched"), spec: { lrGrid: [0.003, 0.01, 0.03, 0.1], seeds: SEEDS },
    conditions: () => [5, 10, 20, 40].flatMap((delay) => matchedCells(COPY_INPUT, COPY_PROTOCOL.hidden).map(([cell, hidden]) => ({ cell, delay, hidden }))),
    run: (c) => runCopy(c).record,
  },
  copy: {
    name: "copy", file: file("copy"), spec: { lrGrid: [0.003, 0.01, 0.03, 0.1], seeds: SEEDS },
    conditions: () => [5, 10, 20, 40].flatMap((delay) => CELLS.map((cell) => ({ cell, delay }))),
    run: (c) => runCopy(c).record,
  },
};
