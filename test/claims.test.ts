// The notebooks' headline claims, re-checked with the notebooks' own library code, settings and seeds.
import { strict as assert } from "assert";
import * as path from "path";
import { loadSentiment } from "../kernel-lib/src/data";
import { ClassifierKind, SENTIMENT_RECIPE, accuracyOn, trainClassifier } from "../kernel-lib/src/models";

const DATA = path.join(__dirname, "..", "data");

describe("claims of notebook 06 (sentiment: LSTM vs GRU)", function () {
  this.timeout(120_000);
  // notebook 06 trains every model with SENTIMENT_RECIPE on the full training split, seeds 0, 1, 2, and scores the test split
  const SEEDS = [0, 1, 2];
  const train = loadSentiment(DATA, "train");
  const test = loadSentiment(DATA, "test", { vocab: train.vocab });
  const negation = test.examples.filter((e) => e.phenomena.includes("negation"));
  const negAcc = (kind: ClassifierKind): number[] =>
    SEEDS.map((seed) => accuracyOn(trainClassifier(kind, train.examples, { vocabSize: train.vocab.size, seed, recipe: SENTIMENT_RECIPE }).model, negation));

  it("the gated models (LSTM and GRU) beat bag-of-words on the negation subset, for every seed", () => {
    assert.ok(negation.length >= 50, `only ${negation.length} negation examples in the test split`);
    const bow = negAcc("bow");
    for (const kind of ["lstm", "gru"] as const) {
      const gated = negAcc(kind);
      gated.forEach((acc, i) => assert.ok(acc > bow[i], `${kind} seed ${SEEDS[i]}: negation accuracy ${acc.toFixed(3)} is not above bag-of-words ${bow[i].toFixed(3)}`));
    }
  });
});
