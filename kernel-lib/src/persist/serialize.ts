// A trained model with its vocabularies and configuration as one JSON text, and back to the same bits (no file access here).
import { Vocab, SPECIAL_TOKENS } from "../data/vocab";
import { checkObject, checkOptions, describe } from "../args";
import { MODEL_CODECS, SavableModel } from "./codecs";
import { decodeTensor, encodeTensor, StoredTensor } from "./tensor-codec";

/** The format tag and version every model file starts with. */
export const MODEL_FILE_FORMAT = "rnnlab-model";
export const MODEL_FILE_VERSION = 1;

/** What {@link deserializeModel} gives back. */
export interface SavedModel<M extends SavableModel = SavableModel> {
  /** The model, with the saved weights bit for bit. */
  model: M;
  /** The model's kind, e.g. `"CharLM"`. */
  kind: string;
  /** The configuration the model was built with (sizes, cell, variant, …). */
  config: Record<string, unknown>;
  /** Vocabularies saved with it, by name. */
  vocabs: Record<string, Vocab>;
  /** Anything JSON the saver added (training settings, seeds, scores). */
  meta: Record<string, unknown>;
}

/** Options of {@link serializeModel}. */
export interface SaveOptions {
  /** Vocabularies to keep with the model (e.g. `{ chars: vocab }`, `{ src, tgt }`). */
  vocabs?: Record<string, Vocab>;
  /** Plain JSON to keep with it (training settings, seed, scores). */
  meta?: Record<string, unknown>;
}

/**
 * A model as JSON text: `{ format: "rnnlab-model", version, kind, config, tensors: { name: { shape, dtype, data, fnv1a } },
 * vocabs: { name: itos[] }, meta }`. Tensors are stored as float64 bytes (base64) so loading gives the same bits.
 * Kinds: `CharLM`, `Seq2Seq`, `SequenceClassifier`, `StackedRecurrent`, `RNN`, `LSTM`, `GRU`, `Dense`, `Embedding`
 * (and any added with `registerModelCodec`).
 * @example
 * const text = serializeModel(lm, { vocabs: { chars: vocab }, meta: { steps: 300 } });
 * const { model, vocabs } = deserializeModel(text);
 */
export function serializeModel(model: SavableModel, opts: SaveOptions = {}): string {
  const fn = "serializeModel";
  checkOptions(fn, "opts", opts, ["vocabs", "meta"]);
  if (opts.vocabs !== undefined) checkObject(fn, "opts.vocabs", opts.vocabs, "{ name: Vocab }");
  if (opts.meta !== undefined) checkObject(fn, "opts.meta", opts.meta, "of plain JSON");
  const codec = MODEL_CODECS.find((c) => c.is(model));
  if (!codec) throw new Error(`${fn}: cannot save ${describe(model)}; known kinds: ${MODEL_CODECS.map((c) => c.kind).join(", ")}`);
  const tensors: Record<string, StoredTensor> = {};
  for (const p of model.parameters()) tensors[p.name] = encodeTensor(p.value);
  const vocabs: Record<string, string[]> = {};
  for (const [name, v] of Object.entries(opts.vocabs ?? {})) {
    if (!(v instanceof Vocab)) throw new Error(`${fn}: vocabs.${name} must be a Vocab`);
    vocabs[name] = v.itos.slice();
  }
  const file = { format: MODEL_FILE_FORMAT, version: MODEL_FILE_VERSION, kind: codec.kind, config: codec.config(model), tensors, vocabs, meta: opts.meta ?? {} };
  return JSON.stringify(file);
}

/**
 * Rebuilds a model from {@link serializeModel}'s text: the same kind, configuration and weights (bit for bit), with its
 * vocabularies and meta. A corrupted or mismatched file throws an error naming what is wrong (not JSON, another format
 * or version, an unknown kind, a bad configuration, a missing, extra, misshapen or corrupted tensor, a bad vocabulary).
 * @param text the JSON text
 * @param expectKind optional: the kind the caller expects (another kind throws)
 */
export function deserializeModel<M extends SavableModel = SavableModel>(text: string, expectKind?: string): SavedModel<M> {
  const fn = "deserializeModel";
  let file: any;
  try {
    file = JSON.parse(text);
  } catch (e) {
    throw new Error(`${fn}: not a model file: the text is not JSON (${(e as Error).message})`);
  }
  if (!file || typeof file !== "object" || file.format !== MODEL_FILE_FORMAT) {
    throw new Error(`${fn}: not a model file: format is ${JSON.stringify(file?.format)}, expected "${MODEL_FILE_FORMAT}"`);
  }
  if (file.version !== MODEL_FILE_VERSION) throw new Error(`${fn}: the file has version ${JSON.stringify(file.version)}; this rnnlab reads version ${MODEL_FILE_VERSION}`);
  const codec = MODEL_CODECS.find((c) => c.kind === file.kind);
  if (!codec) throw new Error(`${fn}: unknown model kind ${JSON.stringify(file.kind)}; known kinds: ${MODEL_CODECS.map((c) => c.kind).join(", ")}`);
  if (expectKind !== undefined && file.kind !== expectKind) throw new Error(`${fn}: the file holds a ${file.kind}, not a ${expectKind}`);
  if (!file.config || typeof file.config !== "object") throw new Error(`${fn}: the file has no config object`);
  let model: SavableModel;
  try {
    model = codec.build(file.config);
  } catch (e) {
    throw new Error(`${fn}: the ${file.kind} config ${JSON.stringify(file.config)} does not build a model: ${(e as Error).message}`);
  }
  const stored = file.tensors && typeof file.tensors === "object" ? file.tensors : {};
  const params = model.parameters();
  const missing = params.filter((p) => !(p.name in stored)).map((p) => p.name);
  if (missing.length) throw new Error(`${fn}: the file lacks tensor(s) ${missing.join(", ")} of a ${file.kind}`);
  const names = new Set(params.map((p) => p.name));
  const extra = Object.keys(stored).filter((k) => !names.has(k));
  if (extra.length) throw new Error(`${fn}: the file has tensor(s) ${extra.join(", ")} that a ${file.kind} with this config does not have`);
  for (const p of params) {
    const t = decodeTensor(fn, p.name, stored[p.name]);
    if (t.shape.length !== p.value.shape.length || t.shape.some((d, i) => d !== p.value.shape[i])) {
      throw new Error(`${fn}: tensor ${p.name} is [${t.shape.join(", ")}] in the file, but the config makes it [${p.value.shape.join(", ")}]`);
    }
    p.value.data.set(t.data);
  }
  const vocabs: Record<string, Vocab> = {};
  for (const [name, itos] of Object.entries(file.vocabs ?? {})) {
    if (!Array.isArray(itos) || !itos.every((s) => typeof s === "string")) throw new Error(`${fn}: vocabulary ${name} must be a list of strings`);
    if (SPECIAL_TOKENS.some((s, i) => itos[i] !== s)) throw new Error(`${fn}: vocabulary ${name} must start with ${SPECIAL_TOKENS.join(", ")}, got ${itos.slice(0, 4).join(", ")}`);
    try {
      vocabs[name] = new Vocab(itos.slice(SPECIAL_TOKENS.length));
    } catch (e) {
      throw new Error(`${fn}: vocabulary ${name}: ${(e as Error).message}`);
    }
  }
  return { model: model as M, kind: file.kind, config: file.config, vocabs, meta: file.meta ?? {} };
}
