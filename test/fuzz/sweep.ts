// The argument fuzz: every public callable (functions, constructors, static and instance methods, options) × bad-argument kinds, classified.
import * as rl from "../../kernel-lib/src/index";
import type { Family, TypeTable } from "./param-types";

/** The bad-argument kinds: a label, a fresh value, and the type family it belongs to (for "is this a wrong type?"). */
export const KINDS: readonly [string, () => unknown, Family][] = [
  ["undefined", () => undefined, "undefined"],
  ["null", () => null, "null"],
  ["string", () => "abc", "string"],
  ["numeric string", () => "3", "string"],
  ["empty string", () => "", "string"],
  ["NaN", () => NaN, "number"],
  ["Infinity", () => Infinity, "number"],
  ["-1", () => -1, "number"],
  ["1.5", () => 1.5, "number"],
  ["0", () => 0, "number"],
  ["1e12", () => 1e12, "number"],
  ["true", () => true, "boolean"],
  ["empty object", () => ({}), "object-empty"],
  ["empty array", () => [], "array-number"],
  ["ragged array", () => [[1, 2], [3]], "array"],
  ["function", () => () => 1, "function"],
  ["symbol", () => Symbol("bad"), "symbol"],
  ["bigint", () => 3n, "bigint"],
  ["Float32Array", () => new Float32Array(3), "typedarray"],
];

/** How one call ended. `silent-wrong` (a wrong-type argument accepted), `raw` and `other` are failures unless allow-listed. */
export type Verdict = "clear" | "raw" | "other" | "silent-wrong" | "accepted" | "ignored" | "hang";

export interface Outcome {
  label: string;
  folder: string;
  arg: string;
  kind: string;
  verdict: Verdict;
  message: string;
  /** Milliseconds the call took. */
  ms?: number;
}

const params = () => new rl.Dense({ inputSize: 2, outputSize: 2, rng: new rl.Rng(0) }).parameters();
const layerOpts = () => ({ inputSize: 2, hiddenSize: 3, rng: new rl.Rng(0) });

/** Valid instances, so every method can be called with a bad first argument. */
const INSTANCES: Record<string, () => object> = {
  Tensor: () => rl.tensor([[1, 2], [3, 4]]),
  Rng: () => new rl.Rng(0),
  Var: () => new rl.Var(rl.tensor([1, 2])),
  LSTM: () => new rl.LSTM(layerOpts()),
  GRU: () => new rl.GRU(layerOpts()),
  RNN: () => new rl.RNN(layerOpts()),
  StackedRecurrent: () => new rl.StackedRecurrent({ kind: "lstm", ...layerOpts(), numLayers: 2 }),
  Dense: () => new rl.Dense({ inputSize: 2, outputSize: 2, rng: new rl.Rng(0) }),
  Embedding: () => new rl.Embedding({ numEmbeddings: 5, dim: 2, rng: new rl.Rng(0) }),
  SGD: () => new rl.SGD(params(), { lr: 0.1 }),
  Adam: () => new rl.Adam(params()),
  Adagrad: () => new rl.Adagrad(params()),
  RMSProp: () => new rl.RMSProp(params()),
  Vocab: () => rl.Vocab.build([["a", "b"], ["b"]]),
  SequenceClassifier: () => new rl.SequenceClassifier({ cell: "gru", vocabSize: 5, embedDim: 2, hiddenSize: 3, numClasses: 2, rng: new rl.Rng(0) }),
  BagOfWordsClassifier: () => new rl.BagOfWordsClassifier({ vocabSize: 5, numClasses: 2, rng: new rl.Rng(0) }),
  SequenceRegressor: () => new rl.SequenceRegressor({ cell: "rnn", inputSize: 2, hiddenSize: 3, rng: new rl.Rng(0) }),
  Seq2Seq: () => new rl.Seq2Seq({ cell: "gru", srcVocabSize: 6, tgtVocabSize: 6, embedDim: 2, hiddenSize: 3, rng: new rl.Rng(0) }),
  CharLM: () => new rl.CharLM({ cell: "lstm", vocabSize: 5, embedDim: 2, hiddenSize: 3, rng: new rl.Rng(0) }),
  CopyTagger: () => new rl.CopyTagger("gru", 4, 3, new rl.Rng(0)),
};

/** Valid arguments of calls whose options object is fuzzed one property at a time. */
const BASE_ARGS: Record<string, () => unknown[]> = {
  "new LSTM": () => [layerOpts()],
  "new GRU": () => [layerOpts()],
  "new RNN": () => [layerOpts()],
  "new StackedRecurrent": () => [{ kind: "gru", ...layerOpts(), numLayers: 2 }],
  "new Dense": () => [{ inputSize: 2, outputSize: 2 }],
  "new Embedding": () => [{ numEmbeddings: 5, dim: 2 }],
  "new SGD": () => [params(), { lr: 0.1 }],
  "new Adam": () => [params(), {}],
  "new Adagrad": () => [params(), {}],
  "new RMSProp": () => [params(), {}],
  "new SequenceClassifier": () => [{ cell: "lstm", vocabSize: 5, embedDim: 2, hiddenSize: 3, numClasses: 2 }],
  "new BagOfWordsClassifier": () => [{ vocabSize: 5, numClasses: 2 }],
  "new SequenceRegressor": () => [{ cell: "rnn", inputSize: 2, hiddenSize: 3 }],
  "new Seq2Seq": () => [{ cell: "gru", srcVocabSize: 6, tgtVocabSize: 6, embedDim: 2, hiddenSize: 3 }],
  "new CharLM": () => [{ cell: "gru", vocabSize: 5, embedDim: 2, hiddenSize: 3 }],
  randn: () => [[2], {}],
  uniform: () => [[2], {}],
  padSequences: () => [[[1, 2], [3]], {}],
  clipGradNorm: () => [params(), 1, {}],
  softmaxCrossEntropy: () => [rl.tensor([[1, 2]]), [0], {}],
  "new AttentionSeq2Seq": () => [{ cell: "gru", srcVocabSize: 6, tgtVocabSize: 6, embedDim: 2, hiddenSize: 4 }],
  liveProgress: () => [{ mode: "silent" }],
  encoderDecoderSvg: () => [{}],
  gruCellSvg: () => [{}],
  lstmCellSvg: () => [{}],
  sampleText: () => [new rl.CharLM({ cell: "gru", vocabSize: 5, embedDim: 2, hiddenSize: 3, rng: new rl.Rng(0) }), { prime: [1], length: 2, rng: new rl.Rng(0) }],
  colouredTextHtml: () => ["ab", [0.1, -0.2], {}],
  table: () => [[{ a: 1 }], {}],
  tableText: () => [[{ a: 1 }], {}],
  showTable: () => [[{ a: 1 }], {}],
  plotlyBundle: () => [{ data: [], layout: {} }, {}],
  heatmap: () => [[[1, 2]], { xLabel: "x", yLabel: "y" }],
  lineChart: () => [[{ name: "a", x: [1, 2], y: [3, 4] }], { xLabel: "x", yLabel: "y" }],
  barChart: () => [[{ label: "a", value: 1 }], { yLabel: "y" }],
  intervalPlot: () => [[{ label: "a", values: [1, 2], mean: 1.5, lo: 1, hi: 2 }], { yLabel: "y" }],
  colorOf: () => ["LSTM"],
  modelOf: () => ["GRU, H = 38"],
  seriesColors: () => [["LSTM", "GRU", "baseline"]],
  normaliseItalian: () => ["perche'", {}],
  parseFortunes: () => ["uno\n%\ndue\n", {}],
  parseTable: () => ["a,b\n1,2\n", {}],
  serializeModel: () => [new rl.Dense({ inputSize: 2, outputSize: 2, rng: new rl.Rng(0) }), {}],
  attentionForward: () => [rl.randn([2, 1, 2]), rl.randn([3, 1, 2]), null, { Wa: rl.zeros([2, 2]), Wc: rl.zeros([2, 4]), bc: rl.zeros([2]) }],
  streamCrossEntropy: () => [new rl.CharLM({ cell: "rnn", vocabSize: 5, embedDim: 2, hiddenSize: 3, rng: new rl.Rng(0) }), [1, 2, 3, 4, 1, 2, 3], 2, 2],
  wordBatch: () => [[[1, 2, 3], [1, 4]], 0],
  sampleIndex: () => [[0.5, 0.5], new rl.Rng(0)],
  concatFeatures: () => [rl.zeros([2, 1, 2]), rl.zeros([2, 1, 3])],
  featureSlice: () => [rl.zeros([2, 1, 4]), 1, 2],
  reverseSequences: () => [rl.zeros([2, 1, 2]), new Int32Array([1, 0])],
  splitEvery: () => [[1, 2, 3, 4], 3],
  progressBundle: () => [{ title: "t", steps: [], epochs: [] }, false, "ETA 1s"],
  progressCurve: () => [{ title: "t", steps: [], epochs: [] }, 100, 100],
  svgImgHtml: () => ['<svg xmlns="http://www.w3.org/2000/svg"></svg>', "alt"],
  showHtml: () => ["<b>x</b>", "x"],
  themeSvg: () => ['<svg xmlns="http://www.w3.org/2000/svg"></svg>', "dark"],
  "check.close": () => ["label", 1, 1, "hint", {}],
  "check.equal": () => ["label", 1, 1, "hint"],
  "check.shape": () => ["label", rl.zeros([2, 2]), [2, 2], "hint"],
  "check.throws": () => ["label", () => { throw new Error("x"); }, /x/, "hint"],
  "hw.gruReferenceForward": () => [rl.zeros([2, 3]), rl.zeros([4, 3]), rl.hw.zeroGruParams(2, 4)],
  "hw.gruReferenceBackward": () => [rl.zeros([4, 3]), rl.zeros([2, 3]), rl.zeros([4, 3]), rl.hw.zeroGruParams(2, 4)],
  "hw.lstmReferenceForward": () => [rl.zeros([2, 3]), rl.zeros([4, 3]), rl.zeros([4, 3]), rl.hw.zeroLstmParams(2, 4)],
  "hw.lstmStepLoss": () => [rl.zeros([2, 3]), rl.zeros([4, 3]), rl.zeros([4, 3]), rl.hw.zeroLstmParams(2, 4), rl.zeros([4, 3]), rl.zeros([4, 3])],
  "hw.gruSequenceLoss": () => [[rl.zeros([2, 1])], rl.zeros([4, 1]), rl.hw.zeroGruParams(2, 4), [rl.zeros([4, 1])], 0, 1, 0],
  "hw.gruStateAt": () => [[rl.zeros([2, 1])], rl.zeros([4, 1]), rl.hw.zeroGruParams(2, 4), 1],
  "hw.addGruGrads": () => [rl.hw.zeroGruGrads(rl.hw.zeroGruParams(2, 4)), rl.hw.zeroGruGrads(rl.hw.zeroGruParams(2, 4))],
  "hw.randomGruParams": () => [2, 4, 1],
  "hw.lstmBackwardCase": () => [2, 3, 2],
  "CharLM#step": () => [[1, 2], null, 1],
  "hw.copyAccuracy": () => [new rl.hw.CopyModel({ cell: "gru", hiddenSize: 3, rng: new rl.Rng(0) }), { delay: 1, seed: 0, n: 4 }],
};

// valid arguments of the experiment entries: an interval, records of a two-seed protocol and their summaries, a tiny trainable
const iv = () => rl.summarize([0.5, 0.6, 0.7]);
const expSpec = () => ({ lrGrid: [0.01, 0.03], seeds: [0, 1] });
const expRun = (c: rl.RunConfig): rl.RunRecord => ({ config: c, val: c.lr, test: c.lr + c.seed, bestEpoch: 1, epochs: 1, metrics: { m: c.seed } });
const expRecords = () => rl.runProtocol([{ model: "a" }], expSpec(), expRun);
const expSums = () => rl.summarizeProtocol(expRecords(), expSpec());
const copyData = () => rl.copyTask(2, 4, { delay: 1, alphabet: 3, rng: new rl.Rng(0) });
const tagger = () => new rl.CopyTagger("gru", copyData().V, 3, new rl.Rng(0));
const trSplits = () => {
  const ex = { id: "0", en: "a b", it: "a b", srcTokens: ["a", "b"], tgtTokens: ["a", "b"], srcIds: [4, 5], tgtIds: [1, 4, 5, 2] };
  const v = rl.Vocab.build([["a", "b"]]);
  return { train: [ex], valid: [ex], test: [ex], srcVocab: v, tgtVocab: v };
};
const EXPERIMENT_ARGS: Record<string, () => unknown[]> = {
  compareIntervals: () => [iv(), iv()],
  formatInterval: () => [iv(), 3],
  formatSig: () => [0.00046, 2],
  verdict: () => ["A", iv(), "B", iv(), {}],
  recurrentParams: () => ["lstm", 4, 8],
  matchedHiddenSize: () => ["gru", 4, 600],
  stepFlops: () => ["lstm", 4, 8, 2, 3],
  timeTrainingStep: () => ["rnn", 3, { inputSize: 2, batch: 2, steps: 2, repeats: 1 }],
  chooseLearningRates: () => [expRecords(), expSpec()],
  runProtocol: () => [[{ model: "a" }], expSpec(), expRun, undefined],
  summarizeProtocol: () => [expRecords(), expSpec()],
  findCondition: () => [expSums(), { model: "a" }],
  intervalRows: () => [expSums(), (c: Record<string, string | number>) => String(c.model), {}],
  summaryRows: () => [expSums(), {}],
  firstFailure: () => [[1], [iv()], () => true],
  describeSummary: () => [expSums()[0], "m", 3],
  fitBestEpoch: () => {
    const m = tagger();
    return [m, rl.copyBatcher(copyData()), { maxEpochs: 1, patience: 1, batchSize: 2, optimizer: new rl.SGD(m.parameters(), { lr: 0.1 }), validate: () => 0 }];
  },
  resultsJson: () => ["demo", expSpec(), expRecords()],
  resultsPath: () => ["data", "sentiment"],
  checkpointPath: () => ["data", "translation", { model: "lstm", hidden: 64 }, 0],
  sameRecord: () => [expRecords()[0], expRecords()[0]],
  "new CopyTagger": () => ["gru", 4, 3, new rl.Rng(0)],
  prefixPositive: () => [new rl.SequenceClassifier({ cell: "gru", vocabSize: 5, embedDim: 2, hiddenSize: 3, numClasses: 2, rng: new rl.Rng(0) }), [1, 2]],
  greedyBleu: () => {
    const d = trSplits();
    return [new rl.Seq2Seq({ cell: "gru", srcVocabSize: d.srcVocab.size, tgtVocabSize: d.tgtVocab.size, embedDim: 2, hiddenSize: 3, rng: new rl.Rng(0) }), d.test, d.tgtVocab];
  },
  shortPairs: () => [trSplits(), 15],
  gridEdge: () => [expSums(), expSpec()],
  protocolCaveats: () => [expSums(), expSpec(), { maxEpochs: 1 }],
};
Object.assign(BASE_ARGS, EXPERIMENT_ARGS);

const ENGINE_ERRORS = [TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError];

/** The global settings a call may change, put back after every call. */
function settings(): () => void {
  const precision = rl.precision();
  const native = rl.nativeKernels().enabled;
  const threads = rl.gemmThreads();
  const debug = rl.debugMode();
  return () => {
    if (rl.precision() !== precision) rl.setPrecision(precision);
    if (rl.nativeKernels().enabled !== native) rl.setNativeKernels(native);
    if (rl.gemmThreads() !== threads) rl.setGemmThreads(threads);
    if (rl.debugMode() !== debug) rl.setDebug(debug);
    rl.setBackend("fast");
    rl.seed(0);
  };
}

/** Names an error may start with to name the callable the user called. */
function acceptedNames(label: string): string[] {
  if (label.startsWith("new ")) { const c = label.slice(4); return [c, c.split(".").pop()!]; }
  if (label.includes("#")) {
    const [cls, m] = label.split("#");
    const chain: string[] = [cls];
    let proto = INSTANCES[cls] ? Object.getPrototypeOf(Object.getPrototypeOf(INSTANCES[cls]())) : null;
    while (proto && proto !== Object.prototype) { chain.push(proto.constructor.name); proto = Object.getPrototypeOf(proto); }
    return [...chain.map((c) => `${c}.${m}`), m, cls];
  }
  return [label, label.split(".").pop()!, label.split(".").slice(-2).join(".")];
}

function names(message: string, accepted: string[]): boolean {
  accepted = [...accepted, "probe"];
  return accepted.some((n) => message.startsWith(n) && /^[:. (]/.test(message.slice(n.length)));
}

/** Resolves a label to "call it with these arguments". */
function invoker(label: string): ((args: unknown[]) => unknown) | null {
  const get = (path: string): any => path.split(".").reduce((o: any, k) => (o == null ? undefined : o[k]), rl);
  if (label.startsWith("new ")) {
    const C = get(label.slice(4));
    return typeof C === "function" ? (args) => new C(...args) : null;
  }
  if (label.includes("#")) {
    const [cls, m] = label.split("#");
    const make = INSTANCES[cls];
    return make ? (args) => { const o: any = make(); return o[m](...args); } : null;
  }
  const f = get(label);
  if (typeof f !== "function") return null;
  const dot = label.lastIndexOf(".");
  const self = dot > 0 ? get(label.slice(0, dot)) : undefined;
  return (args) => f.apply(self, args);
}

/** True when a value of `family` has the declared type of a parameter admitting `families`. */
function admits(families: readonly Family[], family: Family): boolean {
  if (families.includes("any") || families.includes(family)) return true;
  if (family === "array-number" && families.includes("array")) return true;
  if (family === "object-empty" && families.includes("object-empty")) return true;
  return false;
}

async function classify(label: string, folder: string, arg: string, kind: string, valid: boolean | null, call: () => unknown): Promise<Outcome> {
  const restore = settings();
  const t0 = performance.now();
  let verdict: Verdict;
  let message = "";
  try {
    let r = call();
    if (r && typeof (r as Promise<unknown>).then === "function") r = await r;
    verdict = valid === null ? "ignored" : valid ? "accepted" : "silent-wrong";
  } catch (e) {
    message = e instanceof Error ? e.message : String(e);
    if (!(e instanceof Error) || ENGINE_ERRORS.some((E) => e.constructor === E)) verdict = "raw";
    else verdict = names(message, acceptedNames(label)) ? "clear" : "other";
    if (!(e instanceof Error)) message = `threw a non-Error: ${message}`;
    else if (verdict === "raw") message = `${e.constructor.name}: ${message}`;
  } finally {
    restore();
  }
  return { label, folder, arg, kind, verdict, message: message.slice(0, 300), ms: Math.round(performance.now() - t0) };
}

/** Labels swept, in order: the progress counter indexes this list. */
export function plan(table: TypeTable): string[] {
  // registries (registerBackend, registerModelCodec) keep what they are given: they run last, so a bad entry they accept
  // cannot change the outcome of another callable
  const last = (l: string) => (/^register[A-Z]/.test(l) ? 1 : 0);
  return Object.keys(table).filter((l) => invoker(l) !== null).sort((a, b) => last(a) - last(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Calls every planned callable with each bad kind as its first argument, and each options object with each bad kind
 * in each property. `progress[0]` counts calls (the watchdog reads it); `progress[1]` is the index of the current label.
 */
export async function runSweep(table: TypeTable, progress: Int32Array, from = 0, onLabel?: (outcomes: Outcome[]) => void): Promise<Outcome[]> {
  let out: Outcome[] = [];
  const all: Outcome[] = [];
  const labels = plan(table);
  const quiet = { log: console.log, warn: console.warn, error: console.error, info: console.info };
  console.log = console.warn = console.error = console.info = () => undefined;
  try {
    for (let li = from; li < labels.length; li++) {
      if (out.length) { onLabel?.(out); all.push(...out); out = []; }
      const label = labels[li];
      Atomics.store(progress, 1, li);
      const info = table[label];
      const call = invoker(label)!;
      // a checker taking the caller's name first (`checkShape(fn, name, t, …)`) gets a name and its next argument is fuzzed
      const named = info.signatures.every((s) => s[0]?.name === "fn");
      // …and a checker's `name` (the label of the value it checks, a string literal at every call site) is given too
      const labelled = named && info.signatures.every((s) => s[1]?.name === "name");
      const at = labelled ? 2 : named ? 1 : 0;
      const first = info.signatures.map((s) => s[at]);
      const param = first.find((p) => p !== undefined);
      for (const [kind, make, family] of KINDS) {
        Atomics.add(progress, 0, 1);
        const valid = param === undefined ? null : first.some((p) => p !== undefined && admits(p.families, family));
        out.push(await classify(label, info.folder, param?.name ?? "(none)", kind, valid, () => call(labelled ? ["probe", "x", make()] : named ? ["probe", make()] : [make()])));
      }
      const base = BASE_ARGS[label];
      // with valid arguments at hand, every later positional argument too (the first was swept above)
      if (base) {
        const n = base().length;
        for (let i = 1; i < n; i++) {
          const params = info.signatures.map((s) => s[i]).filter((q) => q !== undefined);
          if (params.length === 0 || (info.options && i === info.options.index)) continue;
          for (const [kind, make, family] of KINDS) {
            Atomics.add(progress, 0, 1);
            const args = base();
            args[i] = make();
            out.push(await classify(label, info.folder, params[0].name, kind, params.some((q) => admits(q.families, family)), () => call(args)));
          }
        }
      }
      if (base && info.options) {
        for (const [prop, families] of Object.entries(info.options.props)) {
          for (const [kind, make, family] of KINDS) {
            Atomics.add(progress, 0, 1);
            const args = base();
            args[info.options.index] = { ...(args[info.options.index] as object), [prop]: make() };
            out.push(await classify(label, info.folder, `opts.${prop}`, kind, admits(families, family), () => call(args)));
          }
        }
      }
    }
    if (out.length) { onLabel?.(out); all.push(...out); }
  } finally {
    Object.assign(console, quiet);
  }
  return all;
}
