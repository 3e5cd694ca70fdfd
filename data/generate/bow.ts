// A bag-of-words logistic-regression baseline, so the README can show where word order is needed (numbers computed, not typed).
import { tokenize } from "../../kernel-lib/src/data/tokenize";
import { Vocab } from "../../kernel-lib/src/data/vocab";
import { PHENOMENA, SentimentRow } from "./sentiment";

/**
 * Trains `p(positive) = σ(b + Σ_{w ∈ review} θ_w)` (word presence, full-batch gradient descent, no randomness)
 * on `train` and returns its accuracy on `test` overall and per phenomenon tag.
 */
export function bagOfWordsAccuracy(train: readonly SentimentRow[], test: readonly SentimentRow[], steps = 1500, lr = 3, l2 = 1e-4): Record<string, { n: number; accuracy: number }> {
  const toks = (r: SentimentRow) => tokenize(r.text, { lang: r.lang });
  const vocab = Vocab.build(train.map(toks));
  const feats = (r: SentimentRow) => [...new Set(vocab.encode(toks(r)))];
  const X = train.map(feats);
  const y = train.map((r) => (r.label === "positive" ? 1 : 0));
  const w = new Float64Array(vocab.size);
  let b = 0;
  for (let s = 0; s < steps; s++) {
    const gw = new Float64Array(vocab.size);
    let gb = 0;
    X.forEach((f, k) => {
      let z = b;
      for (const i of f) z += w[i];
      const d = 1 / (1 + Math.exp(-z)) - y[k];
      for (const i of f) gw[i] += d;
      gb += d;
    });
    for (let i = 0; i < w.length; i++) w[i] -= lr * (gw[i] / X.length + l2 * w[i]);
    b -= (lr * gb) / X.length;
  }
  const correct = (r: SentimentRow) => {
    let z = b;
    for (const i of feats(r)) z += w[i];
    return (z > 0) === (r.label === "positive");
  };
  const out: Record<string, { n: number; accuracy: number }> = {};
  const score = (name: string, rows: readonly SentimentRow[]) => (out[name] = { n: rows.length, accuracy: rows.filter(correct).length / rows.length });
  score("all", test);
  for (const tag of PHENOMENA) score(tag, test.filter((r) => r.phenomena.includes(tag)));
  return out;
}
