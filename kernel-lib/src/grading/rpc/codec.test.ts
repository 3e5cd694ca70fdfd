// The grading boundary's value codec: exact numbers, tensors rebuilt by the receiver, no prototype from a message, malformed input refused, in-place updates copied back; and the test kernel's stubs.
import { strict as assert } from "node:assert";
import { decode, decodePlain, encode, writeBack } from "./codec";
import { stubSolutionCell } from "../stubs";

class FakeTensor { constructor(readonly data: Float64Array, readonly shape: number[]) {} }
const make = (data: Float64Array, shape: number[]) => new FakeTensor(data, shape);
const roundTrip = (v: unknown) => decode(JSON.parse(JSON.stringify(encode(v))), make);

describe("grading codec", () => {
  it("round-trips numbers exactly, NaN, ±Infinity and −0 included", () => {
    const xs = [0.1 + 0.2, 1e-310, -1.7976931348623157e308, NaN, Infinity, -Infinity, -0, 42];
    const back = roundTrip(xs) as number[];
    xs.forEach((x, i) => assert.ok(Object.is(back[i], x), `${x} came back as ${back[i]}`));
  });
  it("sends tensors as {shape, data} and the receiver builds its own tensor", () => {
    const t = roundTrip({ aNext: new FakeTensor(Float64Array.from([1, 2, 3, 4, 5, 6]), [2, 3]) }) as { aNext: FakeTensor };
    assert.ok(t.aNext instanceof FakeTensor);
    assert.deepEqual([...t.aNext.data], [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(t.aNext.shape, [2, 3]);
  });
  it("keeps a key named __proto__ as an own property, never as the object's prototype", () => {
    const msg = { $o: [["__proto__", { $o: [["polluted", true]] }], ["x", 1]] };
    const o = decode(msg, make) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(o), Object.prototype);
    assert.ok(Object.prototype.hasOwnProperty.call(o, "__proto__"));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal((o as { polluted?: unknown }).polluted, undefined);
  });
  it("refuses malformed values: a tensor whose size disagrees with its shape, a negative axis, an unknown tag, a non-number", () => {
    for (const bad of [{ $t: { shape: [2, 2], data: [1, 2, 3] } }, { $t: { shape: [-1], data: [] } }, { $zz: 1 }, { $t: { shape: [1], data: ["1"] } }, { $o: [["k"]] }]) {
      assert.throws(() => decode(bad, make), /malformed value/, JSON.stringify(bad));
    }
  });
  it("refuses values nested too deeply (a cycle) instead of overflowing the stack", () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    assert.throws(() => encode(a), /nested too deeply/);
  });
  it("copies a callee's in-place tensor updates back into the caller's arguments, without changing their structure", () => {
    const g = { W: new FakeTensor(Float64Array.from([3, 4]), [2]), n: 5 };
    const after = encode({ W: new FakeTensor(Float64Array.from([0.6, 0.8]), [2]), n: 1, extra: 2 });
    writeBack(g, after);
    assert.deepEqual([...g.W.data], [0.6, 0.8]);
    assert.equal(g.n, 5);
    assert.ok(!("extra" in g));
  });
  it("decodes records for scoring as plain {shape, data} arrays", () => {
    assert.deepEqual(decodePlain(encode([new FakeTensor(Float64Array.from([1, -0]), [2])])), [{ shape: [2], data: [1, -0] }]);
  });
});

describe("test-kernel stubs of a solution cell", () => {
  it("keep each function's signature, forward its body, keep types, and name what cannot be forwarded", () => {
    const s = stubSolutionCell([
      "interface P { W: number }",
      "function f(x: number, p: P): { y: number } {",
      "  // BEGIN SOLUTION",
      "  return { y: x * p.W };",
      "  // END SOLUTION",
      "}",
      "const K = 3;",
      "class C {}",
    ].join("\n"));
    assert.deepEqual(s.functions, ["f"]);
    assert.deepEqual(s.unsupported, ["variable K", "class C"]);
    assert.match(s.code, /^interface P \{ W: number \}\nfunction f\(x: number, p: P\): \{ y: number \} \{ return require\("rnnlab\/dist\/grading\/rpc\/endpoint"\)\.call\("f", arguments\); \}$/);
    assert.doesNotMatch(s.code, /x \* p\.W|BEGIN SOLUTION/);
  });
});
