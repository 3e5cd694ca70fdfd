// How each savable model is described in a model file: its kind, its configuration, and how to rebuild it from them.
import { Rng } from "../tensor";
import { checkFunction, checkObject, checkString } from "../args";
import type { Activation } from "../tensor";
import type { CellKind, GruVariant, Module } from "../cells";
import { Dense, Embedding, GRU, LSTM, RNN, RecurrentLayer, StackedRecurrent } from "../layers";
import { AttentionSeq2Seq, CharLM, Seq2Seq, SequenceClassifier } from "../models";

/** Anything {@link MODEL_CODECS} can save: a module with named parameters. */
export type SavableModel = Module;

/** One model kind: how to read its configuration and how to build an (untrained) model of that configuration. */
export interface ModelCodec {
  kind: string;
  is(model: unknown): boolean;
  config(model: any): Record<string, unknown>;
  build(config: any): SavableModel;
}

/** The options PyTorch's keys do not store, read off a single recurrent layer. */
function layerExtras(layer: RecurrentLayer): { nonlinearity?: Activation; variant?: GruVariant } {
  if (layer instanceof RNN) return { nonlinearity: layer.nonlinearity };
  if (layer instanceof GRU) return { variant: layer.variant };
  return {};
}

// Built models are overwritten by the file's tensors, so any generator will do; a private one leaves the global one alone.
const rng = () => new Rng(0);

function recurrentCodec(kind: "RNN" | "LSTM" | "GRU", cls: typeof RNN | typeof LSTM | typeof GRU): ModelCodec {
  return {
    kind,
    is: (m) => m instanceof cls,
    config: (m: RecurrentLayer) => ({ inputSize: m.inputSize, hiddenSize: m.hiddenSize, checkpointEvery: m.checkpointEvery, ...layerExtras(m) }),
    build: (c) => new (cls as any)({ ...c, rng: rng() }),
  };
}

function seq2seqConfig(m: Seq2Seq): Record<string, unknown> {
  return {
    cell: m.cell, srcVocabSize: m.srcEmbedding.numEmbeddings, tgtVocabSize: m.tgtEmbedding.numEmbeddings, embedDim: m.srcEmbedding.dim,
    hiddenSize: m.encoder.hiddenSize, padId: m.padId, bosId: m.bosId, eosId: m.eosId, reverseSource: m.reverseSource,
  };
}

/** Every model kind a model file can hold, most specific first. */
export const MODEL_CODECS: ModelCodec[] = [
  {
    kind: "CharLM",
    is: (m) => m instanceof CharLM,
    config: (m: CharLM) => ({ cell: m.cell, vocabSize: m.vocabSize, embedDim: m.embedDim, hiddenSize: m.hiddenSize, ...layerExtras(m.rnn) }),
    build: (c) => new CharLM({ ...c, rng: rng() }),
  },
  {
    kind: "AttentionSeq2Seq",
    is: (m) => m instanceof AttentionSeq2Seq,
    config: (m: AttentionSeq2Seq) => ({ ...seq2seqConfig(m), bidirectionalEncoder: m.biEncoder !== null }),
    build: (c) => new AttentionSeq2Seq({ ...c, rng: rng() }),
  },
  {
    kind: "Seq2Seq",
    is: (m) => m instanceof Seq2Seq,
    config: (m: Seq2Seq) => seq2seqConfig(m),
    build: (c) => new Seq2Seq({ ...c, rng: rng() }),
  },
  {
    kind: "SequenceClassifier",
    is: (m) => m instanceof SequenceClassifier,
    config: (m: SequenceClassifier) => ({
      cell: m.cell, vocabSize: m.embedding.numEmbeddings, embedDim: m.embedding.dim, hiddenSize: m.recurrent.hiddenSize,
      numClasses: m.head.outputSize, paddingIdx: m.embedding.paddingIdx, ...layerExtras(m.recurrent),
    }),
    build: (c) => new SequenceClassifier({ ...c, rng: rng() }),
  },
  {
    kind: "StackedRecurrent",
    is: (m) => m instanceof StackedRecurrent,
    config: (m: StackedRecurrent) => ({
      kind: m.kind as CellKind, inputSize: m.inputSize, hiddenSize: m.hiddenSize, numLayers: m.numLayers, bidirectional: m.numDirections === 2,
      checkpointEvery: m.layers[0][0].checkpointEvery, ...layerExtras(m.layers[0][0]),
    }),
    build: (c) => new StackedRecurrent({ ...c, rng: rng() }),
  },
  recurrentCodec("RNN", RNN),
  recurrentCodec("LSTM", LSTM),
  recurrentCodec("GRU", GRU),
  {
    kind: "Dense",
    is: (m) => m instanceof Dense,
    config: (m: Dense) => ({ inputSize: m.inputSize, outputSize: m.outputSize, bias: m.params.bias !== undefined }),
    build: (c) => new Dense({ ...c, rng: rng() }),
  },
  {
    kind: "Embedding",
    is: (m) => m instanceof Embedding,
    config: (m: Embedding) => ({ numEmbeddings: m.numEmbeddings, dim: m.dim, ...(m.paddingIdx !== undefined ? { paddingIdx: m.paddingIdx } : {}) }),
    build: (c) => new Embedding({ ...c, rng: rng() }),
  },
];

/**
 * Adds a model kind (e.g. a model defined in a notebook or a later module) to the kinds files can hold.
 * A kind already registered is replaced.
 */
export function registerModelCodec(codec: ModelCodec): void {
  const fn = "registerModelCodec";
  checkObject(fn, "codec", codec, "{ kind, is, config, build }");
  checkString(fn, "codec.kind", codec.kind, true);
  for (const k of ["is", "config", "build"] as const) checkFunction(fn, `codec.${k}`, codec[k]);
  const i = MODEL_CODECS.findIndex((c) => c.kind === codec.kind);
  if (i >= 0) MODEL_CODECS.splice(i, 1);
  MODEL_CODECS.unshift(codec);
}
