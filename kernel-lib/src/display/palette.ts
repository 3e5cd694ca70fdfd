// One colour per model across the course: a series or row whose label names a model is drawn in that model's colour.
import { checkArray, checkString } from "../args/check";
import { PALETTE } from "./render";

/**
 * The course's model colours (Tableau 10), the same in every figure of every notebook: the vanilla RNN blue, the LSTM
 * orange, the GRU red, the bag of words green, the plain encoder-decoder brown, the attentional one purple.
 */
export const MODEL_COLORS = {
  rnn: "#4e79a7",
  lstm: "#f28e2c",
  gru: "#e15759",
  bow: "#59a14f",
  plain: "#9c755f",
  attention: "#af7aa1",
} as const;
/** A model with a course colour. */
export type ModelKey = keyof typeof MODEL_COLORS;

/** How labels name each model (lower case): "vanilla RNN", "RNN", "LSTM", "GRU", "bag of words", "plain", "attention". */
const MODEL_NAMES: [ModelKey, string[]][] = [
  ["rnn", ["vanilla rnn", "rnn"]],
  ["lstm", ["lstm"]],
  ["gru", ["gru"]],
  ["bow", ["bag of words", "bow"]],
  ["plain", ["plain"]],
  ["attention", ["attention", "attentional"]],
];

/** Colours for series that name no model, in a chart that shows models: the palette without the model colours. */
const OTHER_COLORS = PALETTE.filter((c) => !Object.values(MODEL_COLORS).includes(c as never));

const wordAt = (s: string, name: string, i: number) =>
  s.startsWith(name, i) && (i === 0 || /[^a-z]/.test(s[i - 1])) && (i + name.length === s.length || /[^a-z]/.test(s[i + name.length]));

/**
 * The model a label names, or undefined: the label starts with the model's name ("LSTM", "GRU, H = 38",
 * "vanilla RNN (lr = 0.1)", "GRU 76", "bag of words") and names no other model ("GRU / LSTM time" names two).
 * @example modelOf("GRU, H = 38") // "gru"
 */
export function modelOf(label: string): ModelKey | undefined {
  const s = checkString("modelOf", "label", label).trim().toLowerCase();
  const first = MODEL_NAMES.find(([, names]) => names.some((n) => wordAt(s, n, 0)));
  if (!first) return undefined;
  const others = MODEL_NAMES.filter(([k]) => k !== first[0]);
  for (let i = 1; i < s.length; i++) if (others.some(([, names]) => names.some((n) => wordAt(s, n, i)))) return undefined;
  return first[0];
}

/**
 * The course colour of the model a label names (see {@link modelOf}), or undefined when it names none.
 * @example colorOf("LSTM") // "#f28e2c", in every figure
 */
export function colorOf(label: string): string | undefined {
  const m = modelOf(checkString("colorOf", "label", label));
  return m === undefined ? undefined : MODEL_COLORS[m];
}

/** `hex` mixed with white (t > 0) or black (t < 0) by |t|. */
function shade(hex: string, t: number): string {
  const to = t > 0 ? 255 : 0;
  const ch = (k: number) => Math.round(parseInt(hex.slice(1 + 2 * k, 3 + 2 * k), 16) * (1 - Math.abs(t)) + to * Math.abs(t));
  return "#" + [0, 1, 2].map((k) => ch(k).toString(16).padStart(2, "0")).join("");
}
/** Shades for a model's second, third, … series in one chart: darker, lighter, darker still, lighter still. */
const REPEAT_SHADES = [-0.35, 0.4, -0.6, 0.65];

/**
 * One colour per series of a chart, in order. A label that names a model gets the model's course colour; a second
 * label naming the same model (the GRU at two sizes, two seeds of it) a darker shade of it, a third a lighter one.
 * Other labels take the palette in order, and, when the chart also shows models, skip the model colours, so a colour
 * never means a model and something else in one figure. A chart without models is coloured as before, by order.
 * @example seriesColors(["LSTM", "GRU", "GRU 76", "baseline"]) // orange, red, dark red, teal
 */
export function seriesColors(labels: readonly string[]): string[] {
  checkArray("seriesColors", "labels", labels).forEach((l, i) => checkString("seriesColors", `labels[${i}]`, l));
  const models = labels.map(modelOf);
  const others = models.some((m) => m !== undefined) ? OTHER_COLORS : PALETTE;
  const seen = new Map<ModelKey, number>();
  let k = 0;
  return models.map((m) => {
    if (m === undefined) return others[k++ % others.length];
    const n = seen.get(m) ?? 0;
    seen.set(m, n + 1);
    return n === 0 ? MODEL_COLORS[m] : shade(MODEL_COLORS[m], REPEAT_SHADES[(n - 1) % REPEAT_SHADES.length]);
  });
}
