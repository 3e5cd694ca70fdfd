// How a notebook shows the library's errors about the caller's input: the message first, then only the caller's frames.
import { dirname, sep } from "node:path";
import { checkBoolean } from "../args/check";

/** The library's own folder (kernel-lib/dist in a notebook, kernel-lib/src under tests): frames in it are internal. */
const LIBRARY_DIR = dirname(__dirname) + sep;
/** Frames of the kernel and of Node itself, never the reader's code. */
const RUNTIME_FRAME = /[\\/]node_modules[\\/]tslab[\\/]|\(node:|^\s*at node:|[\\/]node_modules[\\/]typescript[\\/]/;
/** The library's message style: `LSTM.forward: …`, `fit: …`, `tensor(): …`. */
const LIBRARY_MESSAGE = /^[A-Za-z_$][\w$.]*(?:\(\))?: /;

let fullStack = process.env.RNNLAB_FULL_STACK === "1";

/**
 * Shows (true) or trims (false, the default) the library's internal stack frames under its errors in notebooks;
 * `RNNLAB_FULL_STACK=1` in the environment turns them on from the start.
 * @example rl.setFullStack(true); // then re-run the failing cell
 */
export function setFullStack(on: boolean): void {
  checkBoolean("setFullStack", "on", on);
  fullStack = on;
}

/** Whether errors are shown with every stack frame. */
export function fullStackShown(): boolean {
  return fullStack;
}

/** The `at …` lines of a stack (Node prefixes the stack of an error thrown in a cell with a source excerpt). */
function frames(stack: string): string[] {
  return stack.split("\n").filter((l) => /^\s+at /.test(l));
}

/**
 * An error the library raised about its caller's input: an `Error` whose message names a library function
 * (`LSTM.forward: x must be …`) and whose innermost frame is inside the library. Engine errors (`TypeError: Cannot
 * read properties of undefined`) and errors from the reader's own code are not: they keep their whole stack.
 */
export function isLibraryInputError(e: unknown): e is Error {
  if (!(e instanceof Error) || typeof e.stack !== "string" || !LIBRARY_MESSAGE.test(e.message)) return false;
  const first = frames(e.stack)[0];
  return first !== undefined && first.includes(LIBRARY_DIR);
}

/**
 * The short form of a library input error: `Error: <message>`, then the caller's frames only (the cell's lines),
 * then one line saying how to see the rest. Null for other errors, or when full stacks are on.
 */
export function shortError(e: unknown, opts: { full?: boolean } = {}): string | null {
  if ((opts.full ?? fullStack) || !isLibraryInputError(e)) return null;
  const all = frames(e.stack ?? "");
  // a cell's frames name tslab's compiled code (evalmachine.<anonymous>:30:27), whose line numbers are not the cell's
  const mine = all.filter((l) => !l.includes(LIBRARY_DIR) && !RUNTIME_FRAME.test(l))
    .map((l) => l.replace(/\(?evalmachine\.<anonymous>:\d+:\d+\)?/, "(notebook cell)").replace(/at \(notebook cell\)/, "at notebook cell"))
    .filter((l, i, a) => i === 0 || l !== a[i - 1]);
  const hidden = all.length - mine.length;
  return `${e.name}: ${e.message}` + (mine.length ? `\n${mine.join("\n")}` : "") +
    `\n(${hidden} frame${hidden === 1 ? "" : "s"} inside rnnlab and the kernel hidden: rl.setFullStack(true) or RNNLAB_FULL_STACK=1 shows them)`;
}
