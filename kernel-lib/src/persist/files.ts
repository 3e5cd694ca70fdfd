// The file edge of model saving: saveModel/loadModel write and read serializeModel's text (the only fs use of persist/).
import * as fs from "fs";
import * as path from "path";
import { checkString } from "../args";
import type { SavableModel } from "./codecs";
import { SaveOptions, SavedModel, deserializeModel, serializeModel } from "./serialize";

/**
 * Saves a model with its vocabularies and meta to one JSON file (written to a temporary name, then renamed, so a
 * crash never leaves half a file). Folders are created.
 * @example
 * rl.saveModel("models/charlm.json", lm, { vocabs: { chars: vocab }, meta: { seed: 0 } });
 */
export function saveModel(file: string, model: SavableModel, opts: SaveOptions = {}): void {
  checkString("saveModel", "file", file, true);
  let text: string;
  try {
    text = serializeModel(model, opts);
  } catch (e) {
    throw new Error(`saveModel: ${(e as Error).message.replace(/^serializeModel: /, "")}`, { cause: e });
  }
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

/**
 * Loads a model file written by {@link saveModel}: `{ model, kind, config, vocabs, meta }`, weights bit for bit.
 * Errors name the file and what is wrong with it.
 * @param expectKind optional: the kind expected (e.g. `"CharLM"`)
 */
export function loadModel<M extends SavableModel = SavableModel>(file: string, expectKind?: string): SavedModel<M> {
  checkString("loadModel", "file", file, true);
  if (expectKind !== undefined) checkString("loadModel", "expectKind", expectKind, true);
  if (!fs.existsSync(file)) throw new Error(`loadModel: ${file} does not exist`);
  try {
    return deserializeModel<M>(fs.readFileSync(file, "utf8"), expectKind);
  } catch (e) {
    throw new Error(`loadModel: ${file}: ${(e as Error).message.replace(/^deserializeModel: /, "")}`);
  }
}
