// Tests of the course palette: which labels name a model, and the colours a chart's series get from it.
import { strict as assert } from "assert";
import { colorOf, MODEL_COLORS, modelOf, seriesColors } from "./palette";
import { PALETTE } from "./render";

describe("palette", () => {
  it("modelOf reads the model a label starts with, in the notebooks' spellings, and no model from labels naming two", () => {
    const cases: [string, string | undefined][] = [
      ["vanilla RNN", "rnn"], ["RNN", "rnn"], ["vanilla RNN, H = 72", "rnn"], ["LSTM", "lstm"],
      ["LSTM (H = 64) training loss", "lstm"], ["LSTM ‖∂L/∂c_t‖", "lstm"], ["GRU", "gru"], ["GRU 76", "gru"],
      ["GRU, seed 1", "gru"], ["gru", "gru"], ["bag of words", "bow"], ["plain", "plain"], ["attention", "attention"],
      ["vanilla RNN (lr = 0.01)", "rnn"],
      // not a model: another word first, two models, a model's name inside a word
      ["GRU / LSTM time (measured)", undefined], ["library GRU: a_k / a_0", undefined], ["baseline 1/6", undefined],
      ["grunt", undefined], ["LSTMs vs GRUs", undefined], ["forget bias 1 (default)", undefined], ["tanh", undefined],
    ];
    for (const [label, model] of cases) assert.equal(modelOf(label), model, label);
    assert.equal(colorOf("LSTM, H = 16"), MODEL_COLORS.lstm);
    assert.equal(colorOf("seed 0"), undefined);
  });

  it("seriesColors gives a model the same colour whatever the order (06 drew the LSTM red, 07 blue)", () => {
    // before: colours by label order, so the LSTM was the palette's third colour in 06 and its first in 07
    const sixth = seriesColors(["bag of words", "vanilla RNN", "LSTM", "GRU"]);
    const seventh = seriesColors(["LSTM", "GRU"]);
    assert.deepEqual(sixth, [MODEL_COLORS.bow, MODEL_COLORS.rnn, MODEL_COLORS.lstm, MODEL_COLORS.gru]);
    assert.deepEqual(seventh, [MODEL_COLORS.lstm, MODEL_COLORS.gru]);
    assert.equal(new Set(Object.values(MODEL_COLORS)).size, Object.keys(MODEL_COLORS).length);
  });

  it("seriesColors shades a model's second and third series, keeps other labels off the model colours, and leaves charts without models alone", () => {
    const [lstm, gru, gru76, base] = seriesColors(["LSTM", "GRU", "GRU 76", "baseline 1/6"]);
    assert.equal(lstm, MODEL_COLORS.lstm);
    assert.equal(gru, MODEL_COLORS.gru);
    assert.notEqual(gru76, gru);
    // a darker red: same hue family, every channel scaled down
    const rgb = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
    rgb(gru76).forEach((c, i) => assert.ok(c < rgb(gru)[i] || c === 0, `${gru76} darker than ${gru}`));
    assert.ok(!(Object.values(MODEL_COLORS) as string[]).includes(base), `${base} is a model's colour`);
    assert.equal(new Set(seriesColors(["GRU, seed 0", "GRU, seed 1", "GRU, seed 2", "LSTM, seed 0"])).size, 4);
    assert.deepEqual(seriesColors(["tanh", "relu", "sigmoid"]), PALETTE.slice(0, 3));
  });
});
