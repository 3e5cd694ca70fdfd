// The in-kernel end of a grading call channel: framed JSON over two FIFOs, synchronous; the test kernel calls the submission's functions, the student kernel serves them (and either side calls back functions the other passed).
import { closeSync, openSync, readSync, writeSync } from "node:fs";
import { decode, encode, writeBack, FunctionTable, Encoded, TensorFactory } from "./codec";

/** Largest message either side accepts (bytes). */
export const MAX_MESSAGE = 32 * 1024 * 1024;

/** Thrown for anything malformed, oversized or cut off on the channel; its message starts with "protocol error". */
export class ProtocolError extends Error {
  constructor(why: string) { super(`protocol error: ${why}`); this.name = "ProtocolError"; }
}

type Message =
  | { t: "call"; id: number; name?: string; fn?: number; args: Encoded[] }
  | { t: "get"; id: number; name: string }
  | { t: "ret"; id: number; value: Encoded; args?: Encoded[] }
  | { t: "err"; id: number; message: string }
  | { t: "bye" };

/** One open channel: length-prefixed (4 bytes, big-endian) UTF-8 JSON frames. */
class Channel {
  private nextId = 1;
  private readonly owned = new Map<number, Function>();
  private readonly ownedIds = new WeakMap<Function, number>();
  private readonly proxies = new WeakMap<Function, number>();
  readonly fns: FunctionTable;
  broken?: string;

  constructor(private readonly rfd: number, private readonly wfd: number, private readonly registry: Map<string, unknown>, readonly makeTensor: TensorFactory) {
    this.fns = {
      own: (f) => { let id = this.ownedIds.get(f); if (id === undefined) { id = this.owned.size + 1; this.owned.set(id, f); this.ownedIds.set(f, id); } return id; },
      remoteId: (f) => this.proxies.get(f),
      local: (id) => { const f = this.owned.get(id); if (!f) throw new ProtocolError(`unknown function handle ${id}`); return f; },
      proxy: (id) => { const self = this; const p = function (this: unknown, ...args: unknown[]) { return self.invoke({ fn: id }, args); }; this.proxies.set(p, id); return p; },
    };
  }

  send(m: Message): void {
    const body = Buffer.from(JSON.stringify(m), "utf8");
    if (body.length > MAX_MESSAGE) throw new ProtocolError(`message of ${body.length} bytes exceeds the limit of ${MAX_MESSAGE}`);
    const head = Buffer.alloc(4);
    head.writeUInt32BE(body.length, 0);
    this.writeAll(Buffer.concat([head, body]));
  }

  private writeAll(b: Buffer): void {
    let off = 0;
    while (off < b.length) off += writeSync(this.wfd, b, off, b.length - off);
  }

  private readExactly(n: number): Buffer {
    const b = Buffer.alloc(n);
    let off = 0;
    while (off < n) {
      let got: number;
      try { got = readSync(this.rfd, b, off, n - off, null); } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "EAGAIN") continue;
        throw e;
      }
      if (got === 0) throw new ProtocolError("the other kernel closed the channel (it died or stopped serving)");
      off += got;
    }
    return b;
  }

  recv(): Message {
    if (this.broken) throw new ProtocolError(this.broken);
    try {
      const len = this.readExactly(4).readUInt32BE(0);
      if (len > MAX_MESSAGE) throw new ProtocolError(`a message of ${len} bytes exceeds the limit of ${MAX_MESSAGE}`);
      let m: unknown;
      try { m = JSON.parse(this.readExactly(len).toString("utf8")); } catch { throw new ProtocolError("a message is not JSON"); }
      if (!m || typeof m !== "object" || typeof (m as { t?: unknown }).t !== "string") throw new ProtocolError("a message has no type");
      return m as Message;
    } catch (e) {
      this.broken = e instanceof ProtocolError ? e.message.replace(/^protocol error: /, "") : String((e as Error).message);
      throw e instanceof ProtocolError ? e : new ProtocolError(this.broken);
    }
  }

  /** Calls the other side's function (by registered name or handle) and waits for its value, serving call-backs meanwhile. */
  invoke(target: { name?: string; fn?: number }, args: unknown[]): unknown {
    const id = this.nextId++;
    this.send({ t: "call", id, ...target, args: args.map((a) => encode(a, this.fns)) });
    const reply = this.await(id);
    if (reply.t === "err") throw new Error(reply.message);
    if (reply.t !== "ret") throw new ProtocolError("unexpected reply");
    if (Array.isArray(reply.args)) args.forEach((a, i) => writeBack(a, reply.args![i]));
    return decode(reply.value, this.makeTensor, this.fns);
  }

  /** The value the other side registered under `name`. */
  fetch(name: string): unknown {
    const id = this.nextId++;
    this.send({ t: "get", id, name });
    const reply = this.await(id);
    if (reply.t === "err") throw new Error(reply.message);
    if (reply.t !== "ret") throw new ProtocolError("unexpected reply");
    return decode(reply.value, this.makeTensor, this.fns);
  }

  private await(id: number): Extract<Message, { t: "ret" | "err" }> {
    for (;;) {
      const m = this.recv();
      if ((m.t === "ret" || m.t === "err") && m.id === id) return m;
      if (m.t === "call" || m.t === "get") { this.handle(m); continue; }
      if (m.t === "bye") throw new ProtocolError("the other side ended the session during a call");
      throw new ProtocolError(`unexpected message "${m.t}"`);
    }
  }

  /** Serves one call or get; errors of the callee go back as `err`. */
  handle(m: Extract<Message, { t: "call" | "get" }>): void {
    let reply: Message;
    try {
      if (m.t === "get") {
        if (!this.registry.has(m.name)) throw new Error(`${m.name} is not defined in the submission`);
        reply = { t: "ret", id: m.id, value: encode(this.registry.get(m.name), this.fns) };
      } else {
        const f = m.name !== undefined ? this.registry.get(m.name) : this.fns.local(Number(m.fn));
        if (typeof f !== "function") throw new Error(`${m.name ?? "the function"} is not defined in the submission (a missing or failing cell?)`);
        const args = (Array.isArray(m.args) ? m.args : []).map((a) => decode(a, this.makeTensor, this.fns));
        const value = f(...args);
        reply = { t: "ret", id: m.id, value: encode(value, this.fns), args: args.map((a) => encode(a, this.fns)) };
      }
    } catch (e) {
      if (e instanceof ProtocolError) throw e;
      let message: string;
      try { message = String(e instanceof Error ? `${e.name}: ${e.message}` : e).slice(0, 2000); } catch { message = "(unprintable error)"; }
      reply = { t: "err", id: m.id, message };
    }
    this.send(reply);
  }

  close(): void {
    try { closeSync(this.rfd); } catch { /* already closed */ }
    try { closeSync(this.wfd); } catch { /* already closed */ }
  }
}

const registry = new Map<string, unknown>();
let current: Channel | undefined;

const tensorFactory = (): TensorFactory => {
  // the kernel's own rnnlab (the notebook imports the same module)
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const rl = require(require.resolve("rnnlab", { paths: [process.cwd()] }));
  return (data, shape) => new rl.Tensor(data, shape);
};

/** Student kernel: makes a value of the submission callable by name. */
export function register(name: string, value: unknown): void {
  registry.set(name, value);
}

/**
 * Student kernel: registers each of `names` the cells so far declared (tslab keeps a notebook's top-level
 * declarations in `__tslab__.exports`); a name the submission lacks stays unregistered (its calls fail with a note).
 */
export function registerDeclared(names: string[]): void {
  const declared = (globalThis as { __tslab__?: { exports?: Record<string, unknown> } }).__tslab__?.exports ?? {};
  for (const n of names) if (Object.prototype.hasOwnProperty.call(declared, n)) registry.set(n, declared[n]);
}

/**
 * Student kernel: serves calls on `<dir>/t2s` (requests) and `<dir>/s2t` (replies) until the test kernel says bye or
 * closes. Runs in float64 (what the tests assume), restoring the submission's precision after.
 */
export function serve(dir: string): void {
  const rl = require(require.resolve("rnnlab", { paths: [process.cwd()] }));
  const before = typeof rl.precision === "function" ? rl.precision() : undefined;
  if (before !== undefined) rl.setPrecision("float64");
  const rfd = openSync(`${dir}/t2s`, "r"), wfd = openSync(`${dir}/s2t`, "w");
  const ch = new Channel(rfd, wfd, registry, tensorFactory());
  try {
    for (;;) {
      let m: Message;
      try { m = ch.recv(); } catch { return; }
      if (m.t === "bye") return;
      if (m.t === "call" || m.t === "get") ch.handle(m);
    }
  } finally {
    ch.close();
    if (before !== undefined) rl.setPrecision(before);
  }
}

/** Test kernel: opens the channel of this test cell. */
export function connect(dir: string): void {
  const wfd = openSync(`${dir}/t2s`, "w"), rfd = openSync(`${dir}/s2t`, "r");
  current = new Channel(rfd, wfd, new Map(), tensorFactory());
}

/** Test kernel: ends the cell's session (the student kernel's `serve` returns). */
export function disconnect(): void {
  if (!current) return;
  try { if (!current.broken) current.send({ t: "bye" }); } catch { /* the other side is gone */ }
  current.close();
  current = undefined;
}

const channel = (): Channel => {
  if (!current) throw new ProtocolError("no channel to the submission is open (a call outside a test cell?)");
  return current;
};

/** Test kernel: the stub body of a submission's function `name`. */
export function call(name: string, args: ArrayLike<unknown>): any {
  return channel().invoke({ name }, Array.from(args));
}

/** Test kernel: a submission's value `name` (a stub for a `const`/`let` of a solution cell). */
export function get(name: string): any {
  return channel().fetch(name);
}
