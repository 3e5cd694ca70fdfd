// Tests of the checks table: text and HTML forms, and a failed claim that throws.
import { strict as assert } from "assert";
import { checks, checksHtml, checksText } from "./checks";
import { CLAIM_FAILED } from "./claim";

describe("checks", () => {
  it("checksText prints one ✔ line per claim that holds and a CLAIM FAILED line per claim that does not", () => {
    const t = checksText("§2 one step", [["the softmax sums to 1", true, "sum = 1"], ["tanh is odd", false]]);
    assert.equal(t, `checks: §2 one step (1/2 hold)\n✔ the softmax sums to 1  (sum = 1)\n${CLAIM_FAILED}: tanh is odd`);
  });
  it("checksHtml is one table with a row per claim, escaped", () => {
    const h = checksHtml("§1", [["a < b", true, "1 < 2"], ["c", false, "d"]]);
    assert.equal((h.match(/<tr>/g) ?? []).length, 2);
    assert.match(h, /a &lt; b/);
    assert.match(h, /#c62828/);
    assert.match(h, /^<table class="rnnlab-checks"/);
  });
  it("checks prints the table and returns when every claim holds, throws naming the failed claims otherwise", () => {
    const logged: string[] = [];
    const log = console.log;
    console.log = (s: string) => logged.push(s);
    try {
      assert.equal(checks("ok", [["x", true]]), undefined);
      assert.throws(() => checks("§3", [["x", true], ["y holds", false, "y = 2"]]), /checks: 1 of 2 claims of "§3" failed: "y holds" \(y = 2\)/);
    } finally {
      console.log = log;
    }
    assert.ok(logged.some((l) => l.includes(`${CLAIM_FAILED}: y holds`)), "the failed row is printed before the error");
  });
  it("rejects malformed rows, naming the row", () => {
    assert.throws(() => checksText("s", []), /checksText: rows must be a non-empty array/);
    assert.throws(() => checksText("s", [["c", 1 as never]]), /checksText: row 0 \("c"\) of "s": ok must be a boolean, got number \(1\)/);
  });
});
