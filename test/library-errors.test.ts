// Errors the library raises about its caller's input read message-first, with the library's frames trimmed (outside kernel-lib/src, so this file's frames are the caller's).
import { strict as assert } from "assert";
import { join } from "path";
import { inspect } from "util";
import { LSTM } from "../kernel-lib/src/layers";
import { Rng, zeros } from "../kernel-lib/src/tensor";
import { isLibraryInputError, setFullStack, shortError } from "../kernel-lib/src/display/errors";
import { installErrorFormat } from "../kernel-lib/src/display/tslab";
import { executeNotebook, NotebookExecutionError } from "../kernel-lib/src/jupyter";

function shapeError(): Error {
  const lstm = new LSTM({ inputSize: 3, hiddenSize: 4, rng: new Rng(0) });
  try {
    lstm.forward(zeros([5, 2, 4]));
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected a shape error");
}

describe("library errors in notebooks (display/errors.ts)", () => {
  it("shortError: the message first, then the caller's frames only, then how to see the rest", () => {
    const e = shapeError();
    assert.match(e.stack ?? "", /tensor\.ts|seq[\\/]/, "the raw stack goes through the library");
    const s = shortError(e) ?? "";
    const lines = s.split("\n");
    assert.equal(lines[0], "Error: LSTM.forward: x must be [T, B, I] = [5, 2, 3], got [5, 2, 4]");
    assert.match(lines[1], /library-errors\.test\.ts/, "the caller's frame is kept");
    assert.doesNotMatch(s, /kernel-lib[\\/]src[\\/](tensor|seq|layers)[\\/]/);
    assert.match(lines[lines.length - 1], /^\(\d+ frames inside rnnlab and the kernel hidden: rl\.setFullStack\(true\) or RNNLAB_FULL_STACK=1 shows them\)$/);
  });

  it("engine errors and errors from the caller's own code keep their whole stack", () => {
    const engine = new TypeError("Cannot read properties of undefined (reading 'data')");
    engine.stack = `${engine}\n    at add (${join(__dirname, "..", "kernel-lib", "src", "tensor", "ops.ts")}:10:3)\n    at cell (evalmachine.<anonymous>:1:1)`;
    assert.equal(shortError(engine), null);
    const library = new Error("add: a must be a Tensor, got undefined");
    library.stack = `${library}\n    at add (${join(__dirname, "..", "kernel-lib", "src", "tensor", "ops.ts")}:10:3)\n    at cell (evalmachine.<anonymous>:1:1)`;
    assert.equal(shortError(library), "Error: add: a must be a Tensor, got undefined\n    at cell (notebook cell)\n(1 frame inside rnnlab and the kernel hidden: rl.setFullStack(true) or RNNLAB_FULL_STACK=1 shows them)");
    const mine = new Error("myHelper: bad input"); // the library's message style, but thrown here
    assert.equal(isLibraryInputError(mine), false);
    assert.equal(shortError(mine), null);
    assert.equal(shortError("not an error"), null);
  });

  it("setFullStack(true) shows the full stack again; setFullStack refuses a non-boolean", () => {
    const e = shapeError();
    setFullStack(true);
    try {
      assert.equal(shortError(e), null);
    } finally {
      setFullStack(false);
    }
    assert.notEqual(shortError(e), null);
    assert.throws(() => setFullStack("yes" as never), /setFullStack: on must be true or false, got "yes"/);
  });

  it("installErrorFormat makes Node's inspect (what tslab prints a cell's error with) use the short form", () => {
    const key = inspect.custom as unknown as keyof Error;
    const had = Object.prototype.hasOwnProperty.call(Error.prototype, key);
    installErrorFormat();
    try {
      const e = shapeError();
      assert.equal(inspect(e), shortError(e));
      const other = new TypeError("x is not a function");
      assert.match(inspect(other), /^TypeError: x is not a function\n\s+at /, "other errors print as Node prints them");
    } finally {
      if (!had) delete (Error.prototype as unknown as Record<symbol, unknown>)[inspect.custom];
    }
  });
});

describe("library errors in a real kernel", function () {
  this.timeout(180_000);
  const run = async (env: Record<string, string | undefined>) => {
    const saved = process.env.RNNLAB_FULL_STACK;
    if (env.RNNLAB_FULL_STACK === undefined) delete process.env.RNNLAB_FULL_STACK; else process.env.RNNLAB_FULL_STACK = env.RNNLAB_FULL_STACK;
    try {
      const err = await executeNotebook(join(__dirname, "fixtures", "library-error.ipynb"), { cellTimeout: 120 }).then(() => assert.fail("the cell should fail"), (e: unknown) => e);
      assert.ok(err instanceof NotebookExecutionError, String(err));
      return err.cellError.traceback;
    } finally {
      if (saved === undefined) delete process.env.RNNLAB_FULL_STACK; else process.env.RNNLAB_FULL_STACK = saved;
    }
  };

  it("a shape error shows the library's message first, the cell's frame, and no library source or frames", async () => {
    const tb = await run({});
    assert.match(tb, /^Error: LSTM\.forward: x must be \[T, B, I\] = \[5, 2, 3\], got \[5, 2, 4\]\n/);
    assert.doesNotMatch(tb, /kernel-lib[\\/]dist|tensor\.js|node_modules[\\/]tslab/);
    assert.match(tb, /frames? inside rnnlab and the kernel hidden: rl\.setFullStack\(true\)/);
    assert.match(tb, /\n    at notebook cell\n/);
    assert.ok(tb.split("\n").length <= 6, tb);
  });

  it("RNNLAB_FULL_STACK=1 shows the full stack", async () => {
    const tb = await run({ RNNLAB_FULL_STACK: "1" });
    assert.match(tb, /kernel-lib[\\/]dist[\\/]/);
  });
});
