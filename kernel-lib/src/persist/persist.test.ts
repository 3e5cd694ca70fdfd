// Model files: every savable kind comes back bit for bit, and every kind of damage is named.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Rng, Tensor } from "../tensor";
import type { Module } from "../cells";
import { Dense, Embedding, GRU, LSTM, RNN, StackedRecurrent } from "../layers";
import { AttentionSeq2Seq, CharLM, Seq2Seq, SequenceClassifier } from "../models";
import { Vocab } from "../data/vocab";
import { deserializeModel, serializeModel } from "./serialize";
import { loadModel, saveModel } from "./files";

/** Every parameter's bits, for exact comparison (−0 and 0 differ here). */
function bits(m: Module): Record<string, number[]> {
  return Object.fromEntries(m.parameters().map((p) => [p.name, Array.from(new Uint32Array(p.value.data.slice().buffer))]));
}

const rng = new Rng(3);
const MODELS: [string, () => Module][] = [
  ["CharLM (GRU classic)", () => new CharLM({ cell: "gru", variant: "classic", vocabSize: 9, embedDim: 3, hiddenSize: 4, rng })],
  ["CharLM (LSTM)", () => new CharLM({ cell: "lstm", vocabSize: 9, embedDim: 3, hiddenSize: 4, rng })],
  ["AttentionSeq2Seq (bidirectional LSTM encoder)", () => new AttentionSeq2Seq({ cell: "lstm", bidirectionalEncoder: true, srcVocabSize: 8, tgtVocabSize: 7, embedDim: 3, hiddenSize: 4, rng })],
  ["AttentionSeq2Seq", () => new AttentionSeq2Seq({ cell: "gru", srcVocabSize: 8, tgtVocabSize: 7, embedDim: 3, hiddenSize: 4, rng })],
  ["Seq2Seq", () => new Seq2Seq({ cell: "lstm", srcVocabSize: 8, tgtVocabSize: 7, embedDim: 3, hiddenSize: 4, reverseSource: true, rng })],
  ["SequenceClassifier (relu RNN)", () => new SequenceClassifier({ cell: "rnn", nonlinearity: "relu", vocabSize: 8, embedDim: 3, hiddenSize: 4, numClasses: 2, rng })],
  ["StackedRecurrent", () => new StackedRecurrent({ kind: "gru", variant: "classic", inputSize: 3, hiddenSize: 2, numLayers: 2, bidirectional: true, rng })],
  ["RNN", () => new RNN({ inputSize: 3, hiddenSize: 2, nonlinearity: "sigmoid", checkpointEvery: 2, rng })],
  ["LSTM", () => new LSTM({ inputSize: 3, hiddenSize: 2, rng })],
  ["GRU", () => new GRU({ inputSize: 3, hiddenSize: 2, variant: "classic", rng })],
  ["Dense", () => new Dense({ inputSize: 3, outputSize: 2, bias: false, rng })],
  ["Embedding", () => new Embedding({ numEmbeddings: 5, dim: 2, paddingIdx: 0, rng })],
];

describe("persist: model files", () => {
  for (const [name, make] of MODELS) {
    it(`${name}: serialize → deserialize gives the same kind, configuration and bits (−0 and subnormals included)`, () => {
      const m = make();
      const p = m.parameters()[0].value;
      p.data[0] = -0;
      p.data[1] = 5e-324;
      p.data[2] = 0.1 + 0.2;
      const text = serializeModel(m);
      const back = deserializeModel(text);
      assert.equal(back.model.constructor, m.constructor);
      assert.deepEqual(bits(back.model), bits(m));
      assert.ok(Object.is(back.model.parameters()[0].value.data[0], -0));
      assert.equal(serializeModel(back.model), text, "saving the loaded model gives the same text");
    });
  }

  it("a loaded CharLM samples the same text; vocabularies and meta come back", () => {
    const lm = new CharLM({ cell: "lstm", vocabSize: 7, embedDim: 3, hiddenSize: 5, rng: new Rng(1) });
    const vocab = new Vocab(["a", "b", "c"]);
    const { model, vocabs, meta } = deserializeModel<CharLM>(serializeModel(lm, { vocabs: { chars: vocab }, meta: { steps: 3 } }), "CharLM");
    const x = new Tensor(Float64Array.from([4, 5, 6, 4]), [2, 2]);
    assert.deepEqual(model.forward(x).logits.data, lm.forward(x).logits.data);
    assert.deepEqual(vocabs.chars.itos, vocab.itos);
    assert.deepEqual(meta, { steps: 3 });
  });

  it("saveModel/loadModel go through one file; damage is named", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rnnlab-persist-"));
    const file = path.join(dir, "sub", "gru.json");
    const gru = new GRU({ inputSize: 3, hiddenSize: 2, variant: "classic", rng: new Rng(2) });
    saveModel(file, gru, { meta: { note: "x" } });
    const back = loadModel<GRU>(file, "GRU");
    assert.equal(back.model.variant, "classic");
    assert.deepEqual(bits(back.model), bits(gru));
    assert.throws(() => loadModel(file, "LSTM"), /loadModel: .*gru.json: the file holds a GRU, not a LSTM/);
    assert.throws(() => loadModel(path.join(dir, "none.json")), /loadModel: .*none.json does not exist/);
    const text = fs.readFileSync(file, "utf8");
    const f = JSON.parse(text);
    const write = (o: unknown) => { fs.writeFileSync(file, typeof o === "string" ? o : JSON.stringify(o)); };
    const cases: [unknown, RegExp][] = [
      [text.slice(0, text.length / 2), /gru.json: not a model file: the text is not JSON/],
      [{ ...f, format: "torch" }, /format is "torch", expected "rnnlab-model"/],
      [{ ...f, version: 2 }, /the file has version 2; this rnnlab reads version 1/],
      [{ ...f, kind: "Transformer" }, /unknown model kind "Transformer"/],
      [{ ...f, config: { ...f.config, variant: "fancy" } }, /the GRU config .* does not build a model: GRU: variant/],
      [{ ...f, config: { ...f.config, hiddenSize: 3 } }, /tensor weight_ih_l0 is \[6, 3\] in the file, but the config makes it \[9, 3\]/],
      [{ ...f, tensors: { ...f.tensors, extra: f.tensors.bias_hh_l0 } }, /tensor\(s\) extra that a GRU/],
      [{ ...f, tensors: { ...f.tensors, bias_hh_l0: undefined } }, /lacks tensor\(s\) bias_hh_l0/],
      [{ ...f, tensors: { ...f.tensors, bias_hh_l0: { ...f.tensors.bias_hh_l0, data: f.tensors.bias_hh_l0.data.replace(/^./, (c: string) => (c === "A" ? "B" : "A")) } } }, /tensor bias_hh_l0 fails its checksum/],
      [{ ...f, tensors: { ...f.tensors, bias_hh_l0: { ...f.tensors.bias_hh_l0, data: f.tensors.bias_hh_l0.data.slice(0, 8) } } }, /tensor bias_hh_l0 holds 6 bytes, but shape \[6\] needs 48/],
      [{ ...f, tensors: { ...f.tensors, bias_hh_l0: { ...f.tensors.bias_hh_l0, dtype: "float32" } } }, /tensor bias_hh_l0 has dtype "float32"/],
      [{ ...f, vocabs: { words: ["a", "b"] } }, /vocabulary words must start with <pad>, <unk>, <bos>, <eos>/],
    ];
    for (const [content, re] of cases) {
      write(content);
      assert.throws(() => loadModel(file), re);
    }
    assert.throws(() => serializeModel({ parameters: () => [], zeroGrad: () => {} }), /serializeModel: cannot save an object \{ parameters, zeroGrad \}; known kinds: CharLM/);
    fs.rmSync(dir, { recursive: true });
  });
});
