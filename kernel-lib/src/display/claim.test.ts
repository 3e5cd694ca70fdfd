import { strict as assert } from "assert";
import { claim, CLAIM_FAILED } from "./claim";

function captured(f: () => void): string {
  const log = console.log;
  let out = "";
  console.log = (...a: unknown[]) => { out += a.join(" ") + "\n"; };
  try { f(); } finally { console.log = log; }
  return out;
}

describe("claim", () => {
  it("prints ✔ with the evidence when the claim holds, and returns nothing (no stray `true` under a notebook cell)", () => {
    let r: unknown = "unset";
    assert.equal(captured(() => { r = claim("LSTM beats the RNN", true, "0.003 vs 0.16"); }), "✔ LSTM beats the RNN  (0.003 vs 0.16)\n");
    assert.equal(r, undefined);
  });
  it("prints the CLAIM FAILED marker the notebook tests reject when it does not hold", () => {
    const out = captured(() => claim("GRU is cheaper", false));
    assert.ok(out.startsWith(CLAIM_FAILED + ": GRU is cheaper"));
  });
  it("rejects a non-boolean verdict instead of printing a misleading check", () => {
    assert.throws(() => claim("x", 1 as unknown as boolean), /claim: ok must be a boolean, got number/);
  });
});
