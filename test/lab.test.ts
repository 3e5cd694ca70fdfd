// `npm run lab` (scripts/lab.sh): Jupyter starts on 127.0.0.1, prints its URL, and serves the rnnlab kernelspec and the notebooks folder.
import { strict as assert } from "node:assert";
import { spawn, ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";

const root = join(__dirname, "..");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    }).on("error", reject);
  });
}

describe("npm run lab", function () {
  this.timeout(60_000);
  let proc: ChildProcess | undefined;
  after(() => { if (proc?.pid) try { process.kill(-proc.pid, "SIGTERM"); } catch { /* already gone */ } });

  it("starts Jupyter on 127.0.0.1, prints the URL with a token, and offers the rnnlab kernel and the notebooks", async () => {
    const port = await freePort();
    proc = spawn("bash", [join(root, "scripts/lab.sh"), "--port", String(port)], { cwd: root, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    proc.stdout!.on("data", (d) => (log += d));
    proc.stderr!.on("data", (d) => (log += d));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL within 40 s; output:\n${log}`)), 40_000);
      const poll = setInterval(() => {
        const m = new RegExp(`http://127\\.0\\.0\\.1:${port}/\\S*token=[0-9a-f]+`).exec(log);
        if (m) { clearInterval(poll); clearTimeout(timer); resolve(m[0]); }
      }, 200);
      proc!.on("exit", (code) => { clearInterval(poll); clearTimeout(timer); reject(new Error(`lab exited (${code}):\n${log}`)); });
    });
    const token = new URL(url).searchParams.get("token");
    const specs = await (await fetch(`http://127.0.0.1:${port}/api/kernelspecs?token=${token}`)).json() as { kernelspecs: Record<string, { spec: { language: string } }> };
    assert.equal(specs.kernelspecs.rnnlab?.spec.language, "typescript", `kernelspecs: ${Object.keys(specs.kernelspecs)}`);
    const contents = await (await fetch(`http://127.0.0.1:${port}/api/contents?token=${token}`)).json() as { content: { name: string }[] };
    const names = contents.content.map((c) => c.name);
    assert.ok(names.includes("homework"), `the notebooks folder is open: ${names}`);
    assert.ok(names.some((n) => /^0\d-.*\.ipynb$/.test(n)), `numbered notebooks are listed: ${names}`);
  });
});
