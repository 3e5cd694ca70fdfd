// Terminal progress for the handout build: one cli-progress bar per notebook on a TTY, plain lines otherwise.
import { MultiBar, Presets, type SingleBar } from "cli-progress";
import type { HandoutEvent } from "./build";

/** A progress sink: feed it build events, `stop()` it at the end. */
export interface HandoutProgress {
  onEvent: (e: HandoutEvent) => void;
  stop: () => void;
}

/** Plain lines (`[01-rnn] cell 3/12 done in 0.4 s`), for logs and CI. */
export function lineProgress(write: (s: string) => void = (s) => process.stdout.write(s + "\n")): HandoutProgress {
  return {
    onEvent: (e) => {
      if (e.kind === "notebook-start") write(`[${e.name}] executing ${e.codeCells} code cells`);
      else if (e.kind === "cell" && e.done) {
        write(`[${e.name}] cell ${e.index + 1} ${e.error ? `FAILED: ${e.error.ename}: ${e.error.evalue}` : `done in ${((e.ms ?? 0) / 1000).toFixed(1)} s`}`);
      } else if (e.kind === "stage") write(`[${e.name}] writing ${e.stage.toUpperCase()}`);
      else if (e.kind === "notebook-done") write(`[${e.name}] done in ${(e.ms / 1000).toFixed(1)} s`);
      else if (e.kind === "notebook-failed") write(`[${e.name}] FAILED`);
    },
    stop: () => undefined,
  };
}

/** One bar per notebook (cells done / code cells), updated in place. */
export function barProgress(): HandoutProgress {
  const multi = new MultiBar(
    { format: "{name} |{bar}| {value}/{total} cells {status}", hideCursor: true, clearOnComplete: false, stopOnComplete: false },
    Presets.shades_classic,
  );
  const bars = new Map<string, SingleBar>();
  const doneCells = new Map<string, number>();
  return {
    onEvent: (e) => {
      if (e.kind === "notebook-start") {
        bars.set(e.name, multi.create(e.codeCells, 0, { name: e.name.padEnd(28).slice(0, 28), status: "" }));
      } else if (e.kind === "cell") {
        const bar = bars.get(e.name);
        if (!bar) return;
        if (e.done) {
          const n = (doneCells.get(e.name) ?? 0) + 1;
          doneCells.set(e.name, n);
          bar.update(n, { status: e.error ? "FAILED" : "" });
        } else bar.update({ status: `running cell ${e.index + 1}` });
      } else if (e.kind === "stage") bars.get(e.name)?.update({ status: `writing ${e.stage.toUpperCase()}` });
      else if (e.kind === "notebook-done") bars.get(e.name)?.update({ status: `done in ${(e.ms / 1000).toFixed(1)} s` });
    },
    stop: () => multi.stop(),
  };
}

/** Bars on an interactive terminal, lines otherwise. */
export function terminalProgress(): HandoutProgress {
  return process.stdout.isTTY ? barProgress() : lineProgress();
}
