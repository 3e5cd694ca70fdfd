// Terminal progress for the handout build: counts and time left, one cli-progress bar per notebook on a TTY, plain lines otherwise.
import { MultiBar, Presets, type SingleBar } from "cli-progress";
import type { HandoutEvent } from "./build";

/** A progress sink: feed it build events, `stop()` it at the end. */
export interface HandoutProgress {
  onEvent: (e: HandoutEvent) => void;
  stop: () => void;
}

/** "1 notebook", "2 notebooks". */
export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

/** "1 min 05 s", "12 s". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s >= 60 ? `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s` : `${s} s`;
}

/**
 * Counts of a build (notebooks and code cells done out of the plan) and the time left, estimated from the time per
 * cell so far: remaining cells × elapsed / cells done (no estimate before the first cell finishes).
 */
export class BuildTally {
  notebooks = 0;
  cells = 0;
  notebooksDone = 0;
  cellsDone = 0;
  constructor(private readonly now: () => number = Date.now, private readonly started = now()) {}

  /** Updates the counts from one event. */
  add(e: HandoutEvent): void {
    if (e.kind === "plan") {
      this.notebooks = e.notebooks.length;
      this.cells = e.notebooks.reduce((s, n) => s + n.codeCells, 0);
    } else if (e.kind === "cell" && e.done) this.cellsDone++;
    else if (e.kind === "notebook-done" || e.kind === "notebook-failed") this.notebooksDone++;
  }

  /** Estimated milliseconds left, or undefined before the first cell is done. */
  msLeft(): number | undefined {
    if (this.cellsDone === 0) return undefined;
    return ((this.now() - this.started) / this.cellsDone) * Math.max(0, this.cells - this.cellsDone);
  }

  /** "3/8 notebooks, 41/120 cells, about 1 min 05 s left". */
  summary(): string {
    const left = this.msLeft();
    return `${this.notebooksDone}/${this.notebooks} notebooks, ${this.cellsDone}/${this.cells} cells` +
      (left === undefined ? "" : this.notebooksDone === this.notebooks ? "" : `, about ${formatDuration(left)} left`);
  }
}

/** Plain lines (`[01-rnn] cell 3 done in 0.4 s (0/8 notebooks, 3/120 cells, about 2 min 10 s left)`), for logs and CI. */
export function lineProgress(write: (s: string) => void = (s) => process.stdout.write(s + "\n"), tally = new BuildTally()): HandoutProgress {
  return {
    onEvent: (e) => {
      tally.add(e);
      if (e.kind === "plan") write(`handouts: ${plural(tally.notebooks, "notebook")}, ${plural(tally.cells, "code cell")}`);
      else if (e.kind === "notebook-start") write(`[${e.name}] executing ${plural(e.codeCells, "code cell")}`);
      else if (e.kind === "cell" && e.done) {
        write(`[${e.name}] cell ${e.index + 1} ${e.error ? `FAILED: ${e.error.ename}: ${e.error.evalue}` : `done in ${((e.ms ?? 0) / 1000).toFixed(1)} s (${tally.summary()})`}`);
      } else if (e.kind === "stage") write(`[${e.name}] writing ${e.stage.toUpperCase()}`);
      else if (e.kind === "notebook-done") write(`[${e.name}] done in ${(e.ms / 1000).toFixed(1)} s (${tally.summary()})`);
      else if (e.kind === "notebook-failed") write(`[${e.name}] FAILED (${tally.summary()})`);
    },
    stop: () => undefined,
  };
}

/** One bar per notebook (cells done / code cells) under a bar for the whole build with the time left, updated in place. */
export function barProgress(tally = new BuildTally()): HandoutProgress {
  const multi = new MultiBar(
    { format: "{name} |{bar}| {value}/{total} cells {status}", hideCursor: true, clearOnComplete: false, stopOnComplete: false },
    Presets.shades_classic,
  );
  const bars = new Map<string, SingleBar>();
  const doneCells = new Map<string, number>();
  let all: SingleBar | undefined;
  const overall = (): void => {
    const left = tally.msLeft();
    all?.update(tally.cellsDone, { status: `· ${tally.notebooksDone}/${tally.notebooks} notebooks${left === undefined ? "" : ` · about ${formatDuration(left)} left`}` });
  };
  return {
    onEvent: (e) => {
      tally.add(e);
      if (e.kind === "plan") all = multi.create(tally.cells, 0, { name: "all notebooks".padEnd(28), status: "" });
      else if (e.kind === "notebook-start") {
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
      overall();
    },
    stop: () => multi.stop(),
  };
}

/** Bars on an interactive terminal, lines otherwise. */
export function terminalProgress(): HandoutProgress {
  return process.stdout.isTTY ? barProgress() : lineProgress();
}
