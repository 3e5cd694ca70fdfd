import { strict as assert } from "assert";
import { tokenize } from "./tokenize";

describe("tokenize", () => {
  it("splits Italian elisions after the apostrophe and punctuation into tokens", () => {
    assert.deepEqual(tokenize("Non mi è piaciuto l'attore, c'è dell'altro."), ["non", "mi", "è", "piaciuto", "l'", "attore", ",", "c'", "è", "dell'", "altro", "."]);
    assert.deepEqual(tokenize("Un'attrice", { lang: "it" }), ["un'", "attrice"]);
  });
  it("splits English clitics before the apostrophe (n't, 's)", () => {
    assert.deepEqual(tokenize("I didn't like it's end!", { lang: "en" }), ["i", "did", "n't", "like", "it", "'s", "end", "!"]);
  });
  it("treats the typographic apostrophe like the plain one and keeps case when lower is false", () => {
    assert.deepEqual(tokenize("L’Attore", { lower: false }), ["L'", "Attore"]);
  });
  it("keeps numbers and accented letters inside words", () => {
    assert.deepEqual(tokenize("Più di 2 ore"), ["più", "di", "2", "ore"]);
  });
  it("rejects a non-string", () => {
    assert.throws(() => tokenize(3 as unknown as string), /tokenize: text must be a string/);
  });
});
