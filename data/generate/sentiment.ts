// Seeded generator of the movie-review sentiment data (English and Italian): word order, scope and distance decide the label.
import { Rng } from "../../kernel-lib/src/tensor/random";
import { capitalize, chance, distinctRows, pick } from "./common";
import { ADJ_NEG, ADJ_NEG_RARE, ADJ_POS, ADJ_POS_RARE, ASPECTS, Aspect, DISLIKE, INTENS, LIKE, RELATIVES, GENRES } from "./lexicon";
import { Bi, agreeIt, neutralSentence, offTopicSentence, theIt } from "./fillers";

export { agreeIt } from "./fillers";
export type Lang = "en" | "it";
export type Polarity = 1 | -1;

/** One review: `label` is "positive" or "negative"; `phenomena` lists what decides it (see data/README.md). */
export interface SentimentRow {
  id: string;
  lang: Lang;
  text: string;
  label: "positive" | "negative";
  phenomena: string[];
}

/** The tags, in the order they are written. */
export const PHENOMENA = ["plain", "negation", "negation_scope", "double_negation", "contrast", "concessive", "long_range", "distractor", "verdict", "intensifier"];

/** A Zipf-weighted pick (weight 1/(rank + 1)): a few words are common, the tail is rare, as in real reviews. */
function zipf<T>(rng: Rng, xs: readonly T[]): T {
  let total = 0;
  for (let i = 0; i < xs.length; i++) total += 1 / (i + 1);
  let u = rng.uniform() * total;
  for (let i = 0; i < xs.length; i++) if ((u -= 1 / (i + 1)) < 0) return xs[i];
  return xs[xs.length - 1];
}
const POS = [...ADJ_POS, ...ADJ_POS_RARE], NEG = [...ADJ_NEG, ...ADJ_NEG_RARE];
/** Three in four judgements use the 24 commonest words of a polarity; the rest follow a Zipf tail over the whole list. */
const adj = (rng: Rng, p: Polarity) => (chance(rng, 0.75) ? pick(rng, (p === 1 ? POS : NEG).slice(0, 24)) : zipf(rng, p === 1 ? POS : NEG));
const EXCLAIM: Record<Polarity, [string, string][]> = {
  [1]: [["a masterpiece!", "un capolavoro!"], ["a unique masterpiece!", "un capolavoro unico!"], ["a gem!", "una perla!"], ["pure magic!", "pura magia!"], ["a triumph!", "un trionfo!"]],
  [-1]: [["a disaster!", "un disastro!"], ["a disappointment!", "una delusione!"], ["what a bore!", "che noia!"], ["a waste of time!", "una perdita di tempo!"], ["a mess!", "un pasticcio!"]],
};

/** A clause judging an aspect, in both languages, expressing `sentiment`; `negate` negates a word of the opposite polarity. */
interface Clause extends Bi { tags: string[] }
function judge(rng: Rng, sentiment: Polarity, negate: boolean, a: Aspect = pick(rng, ASPECTS), tense = chance(rng, 0.7) ? "past" : "present"): Clause {
  const base = (negate ? -sentiment : sentiment) as Polarity;
  const tags = negate ? ["negation"] : [];
  const int = chance(rng, 0.25) ? pick(rng, negate ? INTENS.slice(0, 3) : INTENS) : undefined;
  if (int) tags.push("intensifier");
  const r = rng.uniform();
  const theEn = `${chance(rng, 0.15) && !a.plural ? "this" : "the"} ${a.en}`;
  const itNp = theEn.startsWith("this") ? `${a.g === "f" ? "questa" : "questo"} ${a.it}` : theIt(a.it, a.g, a.plural);
  if (r < 0.3 && (base === 1 || !negate)) {
    // a verb of liking: "I loved the plot" / "ho amato la trama", "mi è piaciuta la trama"
    if (base === -1) { const v = pick(rng, DISLIKE); return { en: `i ${v[0]} ${theEn}`, it: `${v[1]} ${itNp}`, tags }; }
    if (chance(rng, 0.4)) {
      const part = agreeIt("piaciuto", a.g, a.plural);
      return { en: `i ${negate ? "did not like" : int ? `${int[0]} liked` : "liked"} ${theEn}`, it: `${negate ? "non " : ""}mi ${a.plural ? "sono" : "è"} ${part}${int && !negate ? " " + int[1] : ""} ${itNp}`, tags };
    }
    const v = pick(rng, LIKE);
    const baseEn = v[0].replace(/d$/, "").replace(/ie$/, "y");
    return { en: negate ? `i did not ${baseEn} ${theEn}` : `i ${v[0]} ${theEn}`, it: `${negate ? "non " : ""}${v[1]} ${itNp}`, tags };
  }
  const past = tense === "past";
  const be = a.plural ? (past ? "were" : "are") : past ? "was" : "is";
  const beIt = a.plural ? (past ? "erano" : "sono") : past ? "era" : "è";
  const w = adj(rng, base);
  const wIt = agreeIt(w[1], a.g, a.plural);
  if (!negate) return { en: `${theEn} ${be} ${int ? int[0] + " " : ""}${w[0]}`, it: `${itNp} ${beIt} ${int ? int[1] + " " : ""}${wIt}`, tags };
  const k = rng.int(4);
  if (k === 0) return { en: `${theEn} ${be} never ${w[0]}`, it: `${itNp} non ${beIt} mai ${wIt}`, tags };
  if (k === 1) return { en: `${theEn} ${be} not ${w[0]} at all`, it: `${itNp} non ${beIt} per niente ${wIt}`, tags };
  return { en: `${theEn} ${be} not ${int ? int[0] + " " : ""}${w[0]}`, it: `${itNp} non ${beIt} ${int ? int[1] + " " : ""}${wIt}`, tags };
}

/** Negation whose scope is a whole clause ("I do not think that…", "nobody would say that…") or no negation at all ("not only… but also…"). */
function scoped(rng: Rng, sentiment: Polarity): Clause {
  const a = pick(rng, ASPECTS), k = rng.int(3);
  if (k === 2) {
    // "not only X but also Y": a negation word that negates nothing
    const b = pick(rng, ASPECTS.filter((x) => x !== a)), w1 = adj(rng, sentiment), w2 = adj(rng, sentiment);
    return {
      en: `not only ${a.plural ? "were" : "was"} the ${a.en} ${w1[0]}, the ${b.en} ${b.plural ? "were" : "was"} ${w2[0]} too`,
      it: `non solo ${theIt(a.it, a.g, a.plural)} ${a.plural ? "erano" : "era"} ${agreeIt(w1[1], a.g, a.plural)}, ma anche ${theIt(b.it, b.g, b.plural)} ${b.plural ? "erano" : "era"} ${agreeIt(w2[1], b.g, b.plural)}`,
      tags: ["negation_scope"],
    };
  }
  const w = adj(rng, -sentiment as Polarity), wIt = agreeIt(w[1], a.g, a.plural);
  if (k === 0) return { en: `i do not think that the ${a.en} ${a.plural ? "are" : "is"} ${w[0]}`, it: `non penso che ${theIt(a.it, a.g, a.plural)} ${a.plural ? "siano" : "sia"} ${wIt}`, tags: ["negation", "negation_scope"] };
  return { en: `nobody would say that the ${a.en} ${a.plural ? "were" : "was"} ${w[0]}`, it: `nessuno direbbe che ${theIt(a.it, a.g, a.plural)} ${a.plural ? "fossero" : "fosse"} ${wIt}`, tags: ["negation", "negation_scope"] };
}

/** "I would not say that the plot was not clever": two negations cancel, the adjective decides. */
function doubleNegation(rng: Rng, sentiment: Polarity): Clause {
  const a = pick(rng, ASPECTS), w = adj(rng, sentiment);
  const lead = pick(rng, [["i would not say that", "non direi che"], ["i cannot say that", "non posso dire che"], ["it is not true that", "non è vero che"]]);
  return { en: `${lead[0]} the ${a.en} ${a.plural ? "were" : "was"} not ${w[0]}`, it: `${lead[1]} ${theIt(a.it, a.g, a.plural)} non ${a.plural ? "fossero" : "fosse"} ${agreeIt(w[1], a.g, a.plural)}`, tags: ["negation", "double_negation"] };
}

/** The overall verdict sentence ("I recommend it to everyone", "non lo consiglierei a mio fratello"): slot-filled, so none repeats often. */
function recommend(rng: Rng, sentiment: Polarity): Bi {
  const r = pick(rng, RELATIVES);
  const rel = r.it === "ragazza" || r.it === "ragazzo" ? `${r.g === "f" ? "alla mia" : "al mio"} ${r.it}` : `a ${r.g === "f" ? "mia" : "mio"} ${r.it}`;
  const relCon = rel.replace(/^a /, "").replace(/^alla /, "la ").replace(/^al /, "il ");
  const gen = pick(rng, GENRES);
  let k = rng.int(6);
  if (k === 0 && chance(rng, 0.7)) k = 1 + rng.int(5); // the slot-free sentence stays rare
  if (sentiment === 1) {
    return [{ en: "i recommend it to everyone", it: "lo consiglio a tutti" }, { en: `i would recommend it to my ${r.en}`, it: `lo consiglierei ${rel}` },
      { en: `i would see it again with my ${r.en}`, it: `lo rivedrei con ${relCon}` }, { en: `it is the best ${gen.en} i have seen this year`, it: `è ${gen.g === "f" ? "la migliore" : "il migliore"} ${gen.it} che ho visto quest'anno` },
      { en: `my ${r.en} and i would see it again`, it: `io e ${relCon} lo rivedremmo` }, { en: `overall, it is worth seeing with your ${r.en}`, it: `nel complesso, merita di essere visto con ${relCon.replace(/^mi/, "tu").replace(/^(la|il) mi/, "$1 tu")}` }][k];
  }
  return [{ en: "i would not recommend it to anyone", it: "non lo consiglio a nessuno" }, { en: `i would not recommend it to my ${r.en}`, it: `non lo consiglierei ${rel}` },
    { en: `i would not see it again, not even with my ${r.en}`, it: `non lo rivedrei, nemmeno con ${relCon}` }, { en: `it is the worst ${gen.en} i have seen this year`, it: `è ${gen.g === "f" ? "la peggiore" : "il peggiore"} ${gen.it} che ho visto quest'anno` },
    { en: `my ${r.en} and i would not see it again`, it: `io e ${relCon} non lo rivedremmo` }, { en: `overall, it is not worth seeing, not even with your ${r.en}`, it: `nel complesso, non merita di essere visto, nemmeno con ${relCon.replace(/^mi/, "tu").replace(/^(la|il) mi/, "$1 tu")}` }][k];
}

/** One review of the requested label: a structure, its sentences in both languages, and its tags. */
function review(rng: Rng, label: Polarity): { sentences: Bi[]; tags: string[] } {
  const r = rng.uniform();
  const opp = -label as Polarity;
  if (r < 0.14) {
    const c = judge(rng, label, false);
    return chance(rng, 0.1) ? { sentences: [{ en: pick(rng, EXCLAIM[label])[0], it: "" }, c].map((s, i) => (i === 0 ? exclaim(rng, label) : s)), tags: ["plain", ...c.tags] } : { sentences: [c], tags: ["plain", ...c.tags] };
  }
  if (r < 0.28) { const c = judge(rng, label, true); return { sentences: [c], tags: c.tags }; }
  if (r < 0.38) { const c = scoped(rng, label); return { sentences: [c], tags: c.tags }; }
  if (r < 0.42) { const c = doubleNegation(rng, label); return { sentences: [c], tags: c.tags }; }
  if (r < 0.62) {
    const a = judge(rng, opp, chance(rng, 0.2)), b = judge(rng, label, chance(rng, 0.2));
    const k = rng.int(4);
    const tags = ["contrast", ...a.tags, ...b.tags];
    if (k === 0) return { sentences: [{ en: `${a.en}, but ${b.en}`, it: `${a.it}, ${pick(rng, ["ma", "ma", "però"])} ${b.it}` }], tags };
    if (k === 1) return { sentences: [{ en: `although ${a.en}, ${b.en}`, it: `anche se ${a.it}, ${b.it}` }], tags: [...tags, "concessive"] };
    if (k === 2) return { sentences: [{ en: `${b.en}, even though ${a.en}`, it: `${b.it}, anche se ${a.it}` }], tags: [...tags, "concessive"] };
    // "I did not have high expectations, but I must admit that I loved this film"
    const low = label === 1 ? { en: "i did not have high expectations", it: "non avevo grosse aspettative" } : { en: "i had high expectations", it: "avevo grosse aspettative" };
    return { sentences: [{ en: `${low.en}, but i must admit that ${b.en}`, it: `${low.it} ma devo ammettere che ${b.it}` }], tags: ["contrast", ...b.tags] };
  }
  if (r < 0.9) {
    // the deciding clause first, then 2–5 sentences that do not decide (some judge the popcorn or the parking)
    const c = chance(rng, 0.3) ? scoped(rng, label) : judge(rng, label, chance(rng, 0.3));
    const n = 2 + rng.int(3);
    let distract = false;
    const rest = Array.from({ length: n }, () => {
      if (chance(rng, 0.2)) { distract = true; return offTopicSentence(rng); }
      return neutralSentence(rng);
    });
    const lead = chance(rng, 0.3) ? [neutralSentence(rng)] : [];
    return { sentences: [...lead, c, ...rest], tags: ["long_range", ...c.tags, ...(distract ? ["distractor"] : [])] };
  }
  // aspects of both polarities, and a verdict that decides (first or last)
  const a = judge(rng, label, false), b = judge(rng, opp, false), v = recommend(rng, label);
  const mixed = chance(rng, 0.5) ? [a, b] : [b, a];
  const body = { en: `${mixed[0].en} and ${mixed[1].en}`, it: `${mixed[0].it} e ${mixed[1].it}` };
  return { sentences: chance(rng, 0.5) ? [body, v] : [v, body], tags: ["verdict", ...a.tags, ...b.tags] };
}
function exclaim(rng: Rng, label: Polarity): Bi {
  const e = pick(rng, EXCLAIM[label]);
  return { en: e[0], it: e[1] };
}

/** Sentences → review text: capitals, full stops (unless the sentence ends with "!"), "I" in English. */
function render(sentences: Bi[], lang: Lang): string {
  const text = sentences.map((s) => {
    const t = capitalize(lang === "en" ? s.en : s.it);
    return /[!.]$/.test(t) ? t : t + ".";
  }).join(" ");
  return lang === "en" ? text.replace(/\bi\b/g, "I") : text;
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
    const { sentences, tags } = review(rng, label);
    // a neutral opening sentence now and then ("I saw it in Turin with my sister."): it does not move the opinion away from the end
    if (!tags.includes("long_range") && chance(rng, 0.25)) sentences.unshift(neutralSentence(rng));
    const uniq = PHENOMENA.filter((t) => tags.includes(t));
    return { id: `s${String(i).padStart(5, "0")}`, lang, text: render(sentences, lang), label: label === 1 ? "positive" : "negative", phenomena: uniq } as SentimentRow;
  }, (r) => r.text);
}
