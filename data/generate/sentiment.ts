// Seeded generator of the toy movie-review sentiment data (English and Italian) in which word order decides the label.
import { Rng } from "../../kernel-lib/src/tensor/random";
import { capitalize, chance, distinctRows, pick } from "./common";

export type Lang = "en" | "it";
export type Polarity = 1 | -1;

/** One review: `label` is "positive" or "negative"; `phenomena` lists what decides it (plain, negation, contrast, long_range, double_negation, intensifier). */
export interface SentimentRow {
  id: string;
  lang: Lang;
  text: string;
  label: "positive" | "negative";
  phenomena: string[];
}

// ---------- English lexicon ----------
interface EnNoun { text: string; plural: boolean }
const EN_SUBJECTS: EnNoun[] = [
  { text: "the film", plural: false }, { text: "the movie", plural: false }, { text: "the plot", plural: false },
  { text: "the acting", plural: false }, { text: "the script", plural: false }, { text: "the ending", plural: false },
  { text: "the music", plural: false }, { text: "the soundtrack", plural: false }, { text: "the direction", plural: false },
  { text: "the photography", plural: false }, { text: "the story", plural: false }, { text: "the cast", plural: false },
  { text: "the actors", plural: true }, { text: "the characters", plural: true }, { text: "the dialogues", plural: true },
  { text: "the special effects", plural: true }, { text: "the scenes", plural: true }, { text: "the jokes", plural: true },
];
const EN_ADJ: Record<Polarity, string[]> = {
  [1]: ["good", "great", "wonderful", "brilliant", "moving", "excellent", "beautiful", "funny", "clever", "superb", "convincing", "interesting"],
  [-1]: ["bad", "terrible", "awful", "boring", "dull", "weak", "poor", "predictable", "confusing", "disappointing", "silly", "pointless"],
};
const EN_INTENS = ["very", "really", "truly", "extremely", "quite"];
const EN_VERBS_POS = [
  { past: "loved", base: "love" }, { past: "liked", base: "like" }, { past: "enjoyed", base: "enjoy" },
  { past: "adored", base: "adore" }, { past: "appreciated", base: "appreciate" },
];
const EN_VERBS_NEG = ["hated", "disliked", "could not stand", "was bored by"];
const EN_FILLERS = [
  "the story is set in a small town near the sea", "i saw it at the cinema with my sister last week",
  "the director is french and this is his third film", "it lasts more than two hours",
  "the music was written by a famous composer", "most of the actors are young and unknown",
  "the film is based on a novel from the sixties", "it came out last year in many countries",
  "the main character is a teacher who moves to the city", "there is a long scene in a train",
  "my friends told me about it on the phone", "the cinema was almost empty on a sunday afternoon",
  "the film was shot in black and white", "the second half takes place during the winter",
];

// ---------- Italian lexicon ----------
type Gender = "m" | "f";
interface ItNoun { text: string; g: Gender; plural: boolean }
const IT_SUBJECTS: ItNoun[] = [
  { text: "il film", g: "m", plural: false }, { text: "la trama", g: "f", plural: false },
  { text: "la recitazione", g: "f", plural: false }, { text: "la sceneggiatura", g: "f", plural: false },
  { text: "il finale", g: "m", plural: false }, { text: "la musica", g: "f", plural: false },
  { text: "la colonna sonora", g: "f", plural: false }, { text: "la regia", g: "f", plural: false },
  { text: "la fotografia", g: "f", plural: false }, { text: "la storia", g: "f", plural: false },
  { text: "l'attore protagonista", g: "m", plural: false }, { text: "l'attrice", g: "f", plural: false },
  { text: "lo spettacolo", g: "m", plural: false }, { text: "gli attori", g: "m", plural: true },
  { text: "i personaggi", g: "m", plural: true }, { text: "i dialoghi", g: "m", plural: true },
  { text: "gli effetti speciali", g: "m", plural: true }, { text: "le scene", g: "f", plural: true },
  { text: "le battute", g: "f", plural: true },
];
// Masculine singular forms; -o adjectives inflect o/a/i/e, -e adjectives e/e/i/i.
const IT_ADJ: Record<Polarity, string[]> = {
  [1]: ["bello", "buono", "ottimo", "splendido", "divertente", "emozionante", "intelligente", "meraviglioso", "eccellente", "geniale", "convincente", "interessante"],
  [-1]: ["brutto", "noioso", "terribile", "pessimo", "banale", "debole", "prevedibile", "confuso", "deludente", "orribile", "stupido", "inutile"],
};
const IT_INTENS = ["molto", "davvero", "proprio", "estremamente", "piuttosto"];
const IT_VERBS_POS = ["ho amato", "ho adorato", "ho apprezzato"];
const IT_VERBS_NEG = ["ho odiato", "ho detestato", "non ho sopportato"];
const IT_FILLERS = [
  "la storia è ambientata in un piccolo paese vicino al mare", "l'ho visto al cinema con mia sorella la settimana scorsa",
  "il regista è francese e questo è il suo terzo film", "dura più di due ore",
  "la musica è stata scritta da un compositore famoso", "gli attori sono quasi tutti giovani e sconosciuti",
  "il film è tratto da un romanzo degli anni sessanta", "è uscito l'anno scorso in molti paesi",
  "il protagonista è un insegnante che si trasferisce in città", "c'è una lunga scena su un treno",
  "i miei amici me ne hanno parlato al telefono", "il cinema era quasi vuoto una domenica pomeriggio",
  "il film è girato in bianco e nero", "la seconda parte si svolge durante l'inverno",
];

/** Italian adjective agreement: `bello` → bello/bella/belli/belle, `divertente` → divertente/divertenti. */
export function agreeIt(adj: string, g: Gender, plural: boolean): string {
  const stem = adj.slice(0, -1);
  if (adj.endsWith("o")) return stem + (plural ? (g === "m" ? "i" : "e") : g === "m" ? "o" : "a");
  if (adj.endsWith("e")) return stem + (plural ? "i" : "e");
  return adj;
}

/** A clause: its text, the sentiment it expresses and the phenomena it contains. */
interface Clause { text: string; sentiment: Polarity; tags: string[] }

/** An evaluative clause expressing `sentiment`; with `negate` the base word has the opposite polarity and is negated. */
function clause(rng: Rng, lang: Lang, sentiment: Polarity, negate: boolean, first = true): Clause {
  const base = (negate ? -sentiment : sentiment) as Polarity;
  const tags = negate ? ["negation"] : [];
  const intens = chance(rng, 0.3);
  if (intens) tags.push("intensifier");
  return { text: lang === "en" ? clauseEn(rng, base, negate, intens, first) : clauseIt(rng, base, negate, intens), sentiment, tags };
}

function clauseEn(rng: Rng, base: Polarity, negate: boolean, intens: boolean, first: boolean): string {
  const useVerb = chance(rng, 0.35) && (base === 1 || !negate);
  const subj = pick(rng, EN_SUBJECTS);
  const int = intens ? pick(rng, negate ? ["very", "really"] : EN_INTENS) + " " : "";
  if (useVerb) {
    const obj = first && chance(rng, 0.2) ? "it" : subj.text;
    if (base === 1) {
      const v = pick(rng, EN_VERBS_POS);
      if (negate) return `i did not ${intens ? "really " : ""}${v.base} ${obj}`;
      return `i ${intens ? "really " : ""}${v.past} ${obj}`;
    }
    return `i ${intens ? "really " : ""}${pick(rng, EN_VERBS_NEG)} ${obj}`;
  }
  const be = chance(rng, 0.7) ? (subj.plural ? "were" : "was") : subj.plural ? "are" : "is";
  const adj = pick(rng, EN_ADJ[base]);
  if (!negate) return `${subj.text} ${be} ${int}${adj}`;
  const neg = pick(rng, ["not", "not", "not", "never", "not at all"]);
  if (neg === "not at all") return `${subj.text} ${be} not ${adj} at all`;
  return `${subj.text} ${be} ${neg} ${int}${adj}`;
}

function clauseIt(rng: Rng, base: Polarity, negate: boolean, intens: boolean): string {
  const subj = pick(rng, IT_SUBJECTS);
  const int = intens ? pick(rng, negate ? ["molto", "davvero"] : IT_INTENS) + " " : "";
  const r = rng.uniform();
  if (r < 0.25 && (base === 1 || !negate)) {
    // "(non) mi è piaciuto il film": the participle agrees with the subject that is liked.
    if (base === 1) {
      const aux = subj.plural ? "sono" : "è";
      const part = agreeIt("piaciuto", subj.g, subj.plural);
      return `${negate ? "non " : ""}mi ${aux} ${part}${intens && !negate ? " molto" : intens ? " per niente" : ""} ${subj.text}`;
    }
    return `${pick(rng, IT_VERBS_NEG)}${intens ? " davvero" : ""} ${subj.text}`;
  }
  if (r < 0.4 && (base === 1 || !negate)) {
    if (base === 1) return `${negate ? "non " : ""}${pick(rng, IT_VERBS_POS)}${intens ? " molto" : ""} ${subj.text}`;
    return `${pick(rng, IT_VERBS_NEG)}${intens ? " davvero" : ""} ${subj.text}`;
  }
  const be = chance(rng, 0.7) ? (subj.plural ? "erano" : "era") : subj.plural ? "sono" : "è";
  const adj = agreeIt(pick(rng, IT_ADJ[base]), subj.g, subj.plural);
  if (!negate) return `${subj.text} ${be} ${int}${adj}`;
  const neg = pick(rng, ["non", "non", "non mai", "non per niente"]);
  if (neg === "non mai") return `${subj.text} non ${be} mai ${int}${adj}`;
  if (neg === "non per niente") return `${subj.text} non ${be} per niente ${adj}`;
  return `${subj.text} non ${be} ${int}${adj}`;
}

/** "I would not say that the plot was not good": two negations cancel, the adjective decides. */
function doubleNegation(rng: Rng, lang: Lang, sentiment: Polarity): Clause {
  if (lang === "en") {
    const subj = pick(rng, EN_SUBJECTS);
    const lead = pick(rng, ["i would not say that", "i cannot say that", "it is not true that"]);
    return { text: `${lead} ${subj.text} ${subj.plural ? "were" : "was"} not ${pick(rng, EN_ADJ[sentiment])}`, sentiment, tags: ["double_negation", "negation"] };
  }
  const subj = pick(rng, IT_SUBJECTS);
  const lead = pick(rng, ["non direi che", "non posso dire che", "non è vero che"]);
  const adj = agreeIt(pick(rng, IT_ADJ[sentiment]), subj.g, subj.plural);
  return { text: `${lead} ${subj.text} non ${subj.plural ? "fossero" : "fosse"} ${adj}`, sentiment, tags: ["double_negation", "negation"] };
}

/** One review with the requested label, in one of the structures plain / negation / contrast / long_range / double_negation. */
function review(rng: Rng, lang: Lang, label: Polarity): { text: string; tags: string[] } {
  const r = rng.uniform();
  const but = lang === "en" ? "but" : pick(rng, ["ma", "ma", "però"]);
  let sentences: string[];
  let tags: string[];
  if (r < 0.35) {
    const c = clause(rng, lang, label, false);
    sentences = [c.text];
    tags = ["plain", ...c.tags];
  } else if (r < 0.55) {
    const c = clause(rng, lang, label, true);
    sentences = [c.text];
    tags = c.tags;
  } else if (r < 0.75) {
    // The clause after "but" decides; the first clause says the opposite.
    const a = clause(rng, lang, -label as Polarity, chance(rng, 0.2));
    const b = clause(rng, lang, label, chance(rng, 0.2), false);
    sentences = [`${a.text}, ${but} ${b.text}`];
    tags = ["contrast", ...a.tags, ...b.tags];
  } else if (r < 0.95) {
    // The deciding clause comes first, then 2-4 neutral sentences push it far from the end.
    const c = clause(rng, lang, label, chance(rng, 0.25));
    const fillers = rng.permutation(EN_FILLERS.length).slice(0, 2 + rng.int(3)).map((i) => (lang === "en" ? EN_FILLERS : IT_FILLERS)[i]);
    sentences = [c.text, ...fillers];
    tags = ["long_range", ...c.tags];
  } else {
    const c = doubleNegation(rng, lang, label);
    sentences = [c.text];
    tags = c.tags;
  }
  const order = ["plain", "negation", "double_negation", "contrast", "long_range", "intensifier"];
  const uniq = order.filter((t) => tags.includes(t));
  const text = sentences.map((s) => capitalize(s) + ".").join(" ");
  return { text: lang === "en" ? text.replace(/ i /g, " I ") : text, tags: uniq };
}

/**
 * Generates `n` distinct reviews (half English, half Italian, labels balanced within each language).
 * @param n number of rows (even)
 * @param rng the seeded generator (same seed → same rows)
 */
export function generateSentiment(n: number, rng: Rng): SentimentRow[] {
  return distinctRows("generateSentiment", n, (i) => {
    const lang: Lang = i % 2 === 0 ? "en" : "it";
    const label: Polarity = Math.floor(i / 2) % 2 === 0 ? 1 : -1;
    const { text, tags } = review(rng, lang, label);
    return { id: `s${String(i).padStart(5, "0")}`, lang, text, label: label === 1 ? "positive" : "negative", phenomena: tags } as SentimentRow;
  }, (r) => r.text);
}
