// Training progress from fit's onStep/onEpoch callbacks: one live notebook output (line + loss curve) or a terminal bar.
import { SingleBar } from "cli-progress";
import { checkArray, checkBoolean, checkInt, checkNumber, checkObject, checkOneOf, checkOptions, checkString } from "../args/check";
import type { MimeBundle } from "./bundle";
import { svgImgHtml } from "./bundle";
import { lineChart } from "./line-chart";
import type { Series } from "./line-chart";
import { escapeXml, formatNumber } from "./render";
import { inNotebook, newOutput } from "./tslab";

/** What `fit` reports after each optimizer step (structurally `StepRecord` of src/train). */
export interface ProgressStep { step: number; epoch: number; loss: number; gradNorm?: number }
/** What `fit` reports after each epoch (structurally `EpochRecord` of src/train). */
export interface ProgressEpoch { epoch: number; loss: number; [metric: string]: number | undefined }

/** Options of {@link liveProgress}. */
export interface ProgressOptions {
  /** Total optimizer steps (epochs × batches per epoch), for the bar and the ETA. */
  total?: number;
  /** Number of epochs; the display finishes by itself after this epoch. */
  epochs?: number;
  title?: string;
  /** Minimum milliseconds between live redraws (default 400). Only intermediate frames depend on it. */
  throttleMs?: number;
  /** "auto" (default): notebook output inside tslab, bar on a TTY, one line per epoch otherwise. */
  mode?: "auto" | "notebook" | "terminal" | "lines" | "silent";
}

/** Everything the progress display has seen; the final rendering depends only on this (no clock). */
export interface ProgressState {
  title: string;
  total?: number;
  steps: ProgressStep[];
  epochs: ProgressEpoch[];
}

/** Callbacks to pass to `fit`, and `done()` to render the final state (idempotent). */
export interface LiveProgress {
  onStep: (s: ProgressStep) => void;
  onEpoch: (e: ProgressEpoch) => void;
  done: () => void;
  state: ProgressState;
}

/** Every k-th point so at most `max` remain (always keeps the last). */
function thin<T>(xs: T[], max = 400): T[] {
  if (xs.length <= max) return xs;
  const k = Math.ceil(xs.length / max);
  return xs.filter((_, i) => i % k === 0 || i === xs.length - 1);
}

/** Throws unless `state` is a {@link ProgressState} (as `liveProgress(…).state` holds), naming `fn`. */
function checkState(fn: string, state: ProgressState): void {
  checkObject(fn, "state", state, "{ title, total?, steps, epochs } (a liveProgress state)");
  checkString(fn, "state.title", state.title);
  checkArray(fn, "state.steps", state.steps);
  checkArray(fn, "state.epochs", state.epochs);
}

/** The one-line summary: `title · epoch 2 · step 40/100 · loss 0.5123` (+ ETA text while running). */
export function progressLine(state: ProgressState, eta?: string): string {
  checkState("progressLine", state);
  if (eta !== undefined) checkString("progressLine", "eta", eta);
  const last = state.steps[state.steps.length - 1];
  const parts = [state.title];
  if (last) {
    parts.push(`epoch ${last.epoch}`, `step ${last.step}${state.total ? `/${state.total}` : ""}`, `loss ${formatNumber(last.loss)}`);
  }
  const lastEpoch = state.epochs[state.epochs.length - 1];
  // a run reported through onEpoch only has no steps, yet it is not waiting
  if (!last && !lastEpoch) parts.push("waiting for the first step");
  if (lastEpoch) parts.push(`epoch ${lastEpoch.epoch} mean loss ${formatNumber(lastEpoch.loss)}`);
  if (eta) parts.push(eta);
  return parts.join(" · ");
}

/** Loss curve of the steps (and epoch means at their last step) as an SVG string; deterministic. */
export function progressCurve(state: ProgressState, width = 480, height = 200): string {
  checkState("progressCurve", state);
  checkNumber("progressCurve", "width", width, { above: 0, max: 10000 });
  checkNumber("progressCurve", "height", height, { above: 0, max: 10000 });
  const steps = thin(state.steps);
  const series: Series[] = [{ name: "step loss", x: steps.map((s) => s.step), y: steps.map((s) => s.loss) }];
  if (state.epochs.length) {
    const lastStep = new Map<number, number>();
    for (const s of state.steps) lastStep.set(s.epoch, s.step);
    const ep = state.epochs.filter((e) => lastStep.has(e.epoch));
    series.push({ name: "epoch mean", x: ep.map((e) => lastStep.get(e.epoch) as number), y: ep.map((e) => e.loss) });
  }
  return lineChart(series, { xLabel: "step", yLabel: "loss", width, height, dots: false });
}

/**
 * The notebook bundle for a state. While running, `eta` (wall-clock text) is shown in a span marked
 * `rnnlab-wallclock`; the final bundle (`final = true`) holds no clock-derived text, so reruns give identical bytes.
 */
export function progressBundle(state: ProgressState, final: boolean, eta?: string): MimeBundle {
  checkState("progressBundle", state);
  checkBoolean("progressBundle", "final", final);
  if (eta !== undefined) checkString("progressBundle", "eta", eta);
  const line = progressLine(state);
  const clock = !final && eta ? ` <span class="rnnlab-wallclock">· ${escapeXml(eta)}</span>` : "";
  const status = final ? "done" : "running";
  const curve = state.steps.length >= 2 ? `<div>${svgImgHtml(progressCurve(state), "loss curve")}</div>` : "";
  return {
    "text/html": `<div class="rnnlab-progress" data-status="${status}"><code>${escapeXml(line)}</code>${clock}${curve}</div>`,
    "text/plain": `${line}${final ? " · done" : ""}`,
  };
}

/** Seconds → "ETA 1m 05s". */
function etaText(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "";
  const s = Math.round(seconds);
  return `ETA ${s >= 60 ? `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, "0")}s` : `${s}s`}`;
}

/**
 * Turns `fit`'s callbacks into live progress. In a notebook: ONE output updated in place (progress line, ETA,
 * live loss curve, redrawn at most every `throttleMs`), whose final content has no wall-clock numbers.
 * On a terminal: a cli-progress bar. Elsewhere: one line per epoch.
 * @example const p = liveProgress({ total: epochs * batches, epochs, title: "LSTM" });
 *          fit(model, data, { epochs, batchSize, optimizer, onStep: p.onStep, onEpoch: p.onEpoch }); p.done();
 */
export function liveProgress(opts: ProgressOptions = {}): LiveProgress {
  const fn = "liveProgress";
  checkOptions(fn, "opts", opts, ["total", "epochs", "title", "throttleMs", "mode"]);
  if (opts.total !== undefined) checkInt(fn, "opts.total", opts.total, { min: 0 });
  if (opts.epochs !== undefined) checkInt(fn, "opts.epochs", opts.epochs, { min: 0 });
  if (opts.title !== undefined) checkString(fn, "opts.title", opts.title);
  if (opts.throttleMs !== undefined) checkNumber(fn, "opts.throttleMs", opts.throttleMs, { min: 0 });
  if (opts.mode !== undefined) checkOneOf(fn, "opts.mode", opts.mode, ["auto", "notebook", "terminal", "lines", "silent"]);
  const state: ProgressState = { title: opts.title ?? "training", total: opts.total, steps: [], epochs: [] };
  const mode = opts.mode === undefined || opts.mode === "auto"
    ? (inNotebook() ? "notebook" : process.stderr.isTTY ? "terminal" : "lines")
    : opts.mode;
  const throttle = opts.throttleMs ?? 400;
  const out = mode === "notebook" ? newOutput() : null;
  const bar = mode === "terminal" ? new SingleBar({ format: `${state.title} |{bar}| {value}/{total} | epoch {epoch} | loss {loss} | ETA {eta_formatted}`, hideCursor: true }) : null;
  const start = Date.now();
  let lastDraw = -Infinity;
  let finished = false;

  const eta = (): string | undefined => {
    const n = state.steps.length;
    if (!state.total || n === 0) return undefined;
    return etaText(((Date.now() - start) / 1000 / n) * (state.total - n));
  };
  const draw = (force: boolean) => {
    if (!out) return;
    const now = Date.now();
    if (!force && now - lastDraw < throttle) return;
    lastDraw = now;
    send(progressBundle(state, false, eta()), false);
  };
  /**
   * Sends a frame. While training holds the event loop, the kernel's output socket can stay busy with an earlier
   * frame (zeromq throws EBUSY, under load): a running frame is then skipped (the next one replaces it), and the
   * final one is sent again as soon as the loop is free, so a busy socket never stops a training run.
   */
  const send = (bundle: MimeBundle, final: boolean) => {
    try {
      out?.update(bundle);
    } catch (e) {
      if ((e as { code?: string }).code !== "EBUSY") throw e;
      if (final) setImmediate(() => out?.update(bundle));
    }
  };

  const done = () => {
    if (finished) return;
    finished = true;
    if (out) send(progressBundle(state, true), true);
    if (bar) bar.stop();
    if (mode === "lines" || mode === "terminal") console.log(`${progressLine(state)} · done`);
  };

  return {
    state,
    onStep(s: ProgressStep) {
      state.steps.push({ step: s.step, epoch: s.epoch, loss: s.loss });
      if (bar) {
        if (state.steps.length === 1) bar.start(state.total ?? 0, 0, { epoch: s.epoch, loss: formatNumber(s.loss) });
        if (!state.total) bar.setTotal(s.step);
        bar.update(s.step, { epoch: s.epoch, loss: formatNumber(s.loss) });
      }
      draw(state.steps.length === 1);
    },
    onEpoch(e: ProgressEpoch) {
      state.epochs.push({ ...e });
      if (mode === "lines") console.log(`${state.title} · epoch ${e.epoch} · mean loss ${formatNumber(e.loss)}`);
      if (opts.epochs !== undefined && e.epoch >= opts.epochs) done();
      else draw(false);
    },
    done,
  };
}
