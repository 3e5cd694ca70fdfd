// colouredTextHtml: one span per character, colour by value, escaping, and the length check.
import { strict as assert } from "node:assert";
import { colouredTextHtml, divergingColour } from "./coloured-text";

describe("display/colouredTextHtml", () => {
  it("colours each character by its value on a blue–white–red scale and escapes the text", () => {
    const html = colouredTextHtml("a<\n", [1, 0, -1]);
    assert.equal((html.match(/<span /g) ?? []).length, 3);
    assert.ok(html.includes(`background:${divergingColour(1)}`) && html.includes(`background:${divergingColour(-1)}`));
    assert.ok(html.includes("&lt;") && html.includes("↵<br>"));
    assert.equal(divergingColour(0), "rgb(255,255,255)");
    assert.equal(divergingColour(5), divergingColour(1));
    assert.throws(() => colouredTextHtml("ab", [1]), /text has 2 characters but values has 1 numbers/);
  });
});
