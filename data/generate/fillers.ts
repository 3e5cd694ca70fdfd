// Neutral sentences of the reviews (who, where, when, the plot) and off-topic judgements, from slot-filled templates in both languages.
import { Rng } from "../../kernel-lib/src/tensor/random";
import { chance, pick } from "./common";
import { definiteArticle, indefiniteArticle } from "./translation";
import {
  CHAR_ADJ, CITIES, DAYPARTS, GENRES, Gender, MONTHS, MORE_NAMES, MORE_SURNAMES, NAMES, NATIONALITIES, NUMBERS, OFF_ADJ, OFF_TOPIC, PLOT_OBJECTS,
  PLOT_OBJECTS_MORE, PLOT_VERBS, PLOT_VERBS_MORE, PLOT_VERBS_PAST, FOODS, EXTRA_SURNAMES, EXTRA_CITIES, EXTRA_PROFESSIONS, EXTRA_PLACES, PROFESSIONS, RELATIVES, SCENE_PLACES, SURNAMES, THEMES, VENUES, WEEKDAYS,
} from "./lexicon";

/** A sentence in both languages. */
export interface Bi { en: string; it: string }

/** Italian adjective agreement: `bello` → bello/bella/belli/belle, `divertente` → divertente/divertenti; others unchanged. */
export function agreeIt(adj: string, g: Gender, plural: boolean): string {
  const stem = adj.slice(0, -1);
  if (adj.endsWith("co") && plural && g === "m" && !/(ico)$/.test(adj)) return stem + "hi";
  if (adj.endsWith("co") && plural && g === "f") return stem + "he";
  if (adj.endsWith("go") && plural) return stem + (g === "m" ? "hi" : "he");
  if (adj.endsWith("io") && plural && g === "m") return stem;
  if (adj.endsWith("o")) return stem + (plural ? (g === "m" ? "i" : "e") : g === "m" ? "o" : "a");
  if (adj.endsWith("e")) return stem + (plural ? "i" : "e");
  return adj;
}
/** Article + word with elision ("l'" + "attore" → "l'attore"). */
export const joinArt = (art: string, w: string) => (art.endsWith("'") ? art + w : `${art} ${w}`);
/** The Italian noun with its definite article. */
export const theIt = (w: string, g: Gender, plural: boolean) => joinArt(definiteArticle(g, plural, w), w);
/** The Italian noun with its indefinite article. */
export const aIt = (w: string, g: Gender) => joinArt(indefiniteArticle(g, w), w);
/** English indefinite article. */
export const aEn = (w: string) => `${/^[aeiou]/i.test(w) ? "an" : "a"} ${w}`;

const ALL_NAMES = [...NAMES, ...MORE_NAMES], ALL_SURNAMES = [...SURNAMES, ...MORE_SURNAMES, ...EXTRA_SURNAMES];
const CITY = [...CITIES, ...EXTRA_CITIES].filter((c) => !/^L'/.test(c[1]));
const PROFS = [...PROFESSIONS, ...EXTRA_PROFESSIONS.split(";").map((x) => x.trim().split("|")).map(([en, m, f]) => ({ en, m, f }))];
const PLACES = [...SCENE_PLACES, ...EXTRA_PLACES];
const OBJECTS = [...PLOT_OBJECTS, ...PLOT_OBJECTS_MORE.split(";").map((x) => x.trim().split("|")).map(([en, it, g]) => ({ en, it, g: g as Gender }))];
const VERBS = [...PLOT_VERBS, ...PLOT_VERBS_MORE];
/** su + article: "il potere" → "sul potere", "lo sport" → "sullo sport", "la fede" → "sulla fede", "l'amore" → "sull'amore". */
const suIt = (np: string) => np.replace(/^(il |lo |la |l')/, (m) => ({ "il ": "sul ", "lo ": "sullo ", "la ": "sulla ", "l'": "sull'" } as Record<string, string>)[m]);
/** "a Roma", but "ad Atene" before a vowel a. */
const aCity = (c: string) => (/^A/.test(c) ? `ad ${c}` : `a ${c}`);
const FEMALE = new Set("Agnese Alice Anna Beatrice Carla Caterina Cecilia Chiara Cristina Elena Elisa Emily Emma Federica Francesca Giovanna Giulia Grace Hannah Irene Kate Laura Lucia Lucy Luisa Maria Marta Matilde Michela Paola Rossella Sara Silvia Sofia Sophie Teresa Valeria Adele Alba Alessia Ambra Arianna Aurora Bianca Camilla Carolina Debora Eleonora Emanuela Erica Fiamma Gaia Ginevra Greta Ilaria Ludovica Margherita Martina Miriam Noemi Ottavia Rebecca Serena Vittoria".split(" "));
const person = (rng: Rng) => {
  const first = pick(rng, ALL_NAMES);
  return { name: `${first} ${pick(rng, ALL_SURNAMES)}`, g: (FEMALE.has(first) ? "f" : "m") as Gender };
};
const year = (rng: Rng) => String(1950 + rng.int(75));
const possIt = (r: { it: string; g: Gender }) => `${r.g === "f" ? "mia" : "mio"} ${r.it}`;
const RELS = RELATIVES.filter((r) => r.it !== "ragazza" && r.it !== "ragazzo");
const relIt = (r: (typeof RELATIVES)[number]) => (r.it === "ragazza" || r.it === "ragazzo" ? theIt(`${r.g === "f" ? "mia" : "mio"} ${r.it}`, r.g, false) : possIt(r));

/** The neutral templates: each draws its slots and returns the sentence in both languages. */
const TEMPLATES: ((rng: Rng) => Bi)[] = [
  (rng) => {
    const v = pick(rng, VENUES), c = pick(rng, CITY), r = pick(rng, RELS), d = pick(rng, WEEKDAYS), p = pick(rng, DAYPARTS);
    return { en: `i saw it ${v[0]} in ${c[0]} with my ${r.en} on a ${d[0]} ${p[0]}`, it: `l'ho visto ${v[1]} ${aCity(c[1])} con ${possIt(r)} ${d[1] === "domenica" ? "una" : "un"} ${d[1]} ${p[1]}` };
  },
  (rng) => { const p = person(rng), y = year(rng); return { en: `${p.name} directed it in ${y}`, it: `${p.name} lo ha diretto nel ${y}` }; },
  (rng) => { const p = person(rng); return { en: `it is based on a novel by ${p.name}`, it: `è tratto da un romanzo di ${p.name}` }; },
  (rng) => { const c = pick(rng, CITY), y = year(rng); return { en: `the story takes place in ${c[0]} in ${y}`, it: `la storia si svolge ${aCity(c[1])} nel ${y}` }; },
  (rng) => {
    const pr = pick(rng, PROFS), c = pick(rng, CITY), v = pick(rng, VERBS), o = pick(rng, OBJECTS), f = rng.uniform() < 0.5;
    const def = rng.uniform() < 0.5;
    const itProf = f ? pr.f : pr.m;
    return {
      en: `the main character is ${aEn(pr.en)} from ${c[0]} who ${v[0]} ${def ? "the" : aEn("").trim()} ${o.en}`.replace(/ a ([aeiou])/g, " an $1"),
      it: `${f ? "la" : "il"} protagonista è ${aIt(itProf, f ? "f" : "m")} di ${c[1]} che ${v[1]} ${def ? theIt(o.it, o.g, false) : aIt(o.it, o.g)}`,
    };
  },
  (rng) => { const n = String(80 + rng.int(101)); return { en: `it lasts ${n} minutes`, it: `dura ${n} minuti` }; },
  (rng) => { const g = pick(rng, GENRES), y = year(rng); return { en: `it is ${aEn(g.en)} from ${y}`, it: `è ${aIt(g.it, g.g)} del ${y}` }; },
  (rng) => {
    const p = person(rng), pr = pick(rng, PROFS), c = pick(rng, CITY);
    return { en: `${p.name} plays ${aEn(pr.en)} from ${c[0]}`, it: `${p.name} interpreta ${aIt(p.g === "f" ? pr.f : pr.m, p.g)} di ${c[1]}` };
  },
  (rng) => { const s = pick(rng, PLACES); return { en: `there is a long scene ${s[0]}`, it: `c'è una lunga scena ${s[1]}` }; },
  (rng) => {
    const a = pick(rng, CITY); let b = pick(rng, CITY);
    if (b === a) b = CITY[(CITY.indexOf(a) + 1) % CITY.length];
    return { en: `it was shot in ${a[0]} and ${b[0]}`, it: `è stato girato ${aCity(a[1])} e ${aCity(b[1])}` };
  },
  (rng) => { const p = person(rng); return { en: `i read about it in a review by ${p.name}`, it: `ne ho letto in una recensione di ${p.name}` }; },
  (rng) => { const m = pick(rng, MONTHS), y = year(rng); return { en: `i watched it in ${m[0]} ${y}`, it: `l'ho visto ${/^a/.test(m[1]) ? "ad" : "a"} ${m[1]} del ${y}` }; },
  (rng) => { const r = pick(rng, RELS), n = pick(rng, NUMBERS); return { en: `my ${r.en} had already seen it ${n[0]} times`, it: `${possIt(r)} l'aveva già visto ${n[1]} volte` }; },
  (rng) => { const p = person(rng); return { en: `the music is by ${p.name}`, it: `la musica è di ${p.name}` }; },
  (rng) => { const c = pick(rng, CITY), y = year(rng); return { en: `it was presented in ${c[0]} in ${y}`, it: `è stato presentato ${aCity(c[1])} nel ${y}` }; },
  (rng) => { const n = String(2 + rng.int(39)); return { en: `unfortunately i missed the first ${n} minutes`, it: `purtroppo mi sono perso i ${n} minuti iniziali` }; },
  (rng) => {
    const r = pick(rng, RELATIVES), c = pick(rng, CITY), here = chance(rng, 0.7);
    return { en: `i took my ${r.en} to the cinema${here ? ` in ${c[0]}` : ""} for ${r.g === "f" ? "her" : "his"} birthday`, it: `ho portato ${relIt(r)} al cinema${here ? ` ${aCity(c[1])}` : ""} per il suo compleanno` };
  },
  (rng) => { const p = person(rng), n = pick(rng, NUMBERS); return { en: `${p.name} wrote the script in ${n[0]} months`, it: `${p.name} ha scritto la sceneggiatura in ${n[1]} mesi` }; },
  (rng) => {
    const n = pick(rng, NATIONALITIES), p = person(rng), ca = pick(rng, CHAR_ADJ), pr = pick(rng, PROFS);
    const g = p.g, prIt = g === "f" ? pr.f : pr.m;
    return { en: `in this ${n[0]} film ${p.name} is ${aEn(ca[0])} ${pr.en}`, it: `in questo film ${agreeIt(n[1], "m", false)} ${p.name} è ${aIt(`${prIt} ${agreeIt(ca[1], g, false)}`, g)}` };
  },
  (rng) => { const t = pick(rng, THEMES), u = pick(rng, THEMES.filter((x) => x !== t)); return { en: `it is a film about ${t[0]} and ${u[0]}`, it: `è un film ${suIt(t[1])} e ${suIt(u[1])}` }; },
  (rng) => { const n = 2 + rng.int(98), c = pick(rng, NATIONALITIES); return { en: `the ${c[0]} producers spent ${n} million euros on it`, it: `i produttori ${agreeIt(c[1], "m", true)} ci hanno speso ${n} milioni di euro` }; },
  (rng) => {
    const ca = pick(rng, CHAR_ADJ), o = pick(rng, OBJECTS), v = pick(rng, VERBS), pl = pick(rng, PLACES);
    return { en: `in the first scene ${aEn(ca[0])} man ${v[0]} ${aEn(o.en)} ${pl[0]}`, it: `nella prima scena un uomo ${agreeIt(ca[1], "m", false)} ${v[1]} ${aIt(o.it, o.g)} ${pl[1]}` };
  },
  (rng) => {
    const pr = pick(rng, PROFS), v = pick(rng, PLOT_VERBS_PAST), o = pick(rng, OBJECTS), f = rng.uniform() < 0.5;
    return { en: `in the end the ${pr.en} ${v[0]} the ${o.en}`, it: `alla fine ${theIt(f ? pr.f : pr.m, f ? "f" : "m", false)} ${v[1]} ${theIt(o.it, o.g, false)}` };
  },
  (rng) => {
    const f = pick(rng, FOODS), n = pick(rng, NATIONALITIES), w = chance(rng, 0.5);
    return { en: `before the film we had ${f[0]} at ${aEn(n[0])} restaurant${w ? " near the cinema" : ""}`, it: `prima del film abbiamo mangiato ${f[1]} in un ristorante ${agreeIt(n[1], "m", false)}${w ? " vicino al cinema" : ""}` };
  },
];

/** A neutral sentence from one of the templates (who, where, when, the plot), in both languages. */
export function neutralSentence(rng: Rng): Bi {
  return pick(rng, TEMPLATES)(rng);
}

/** A judgement of something that is not the film ("the popcorn was cold", "il parcheggio era caro"): it must not decide the label. */
export function offTopicSentence(rng: Rng): Bi {
  const o = pick(rng, OFF_TOPIC), a = pick(rng, OFF_ADJ);
  const be = o.plural ? "were" : "was", beIt = o.plural ? "erano" : "era", d = pick(rng, WEEKDAYS);
  const when = chance(rng, 0.5) ? { en: ` that ${d[0]}`, it: ` ${d[1] === "domenica" ? "quella" : "quel"} ${d[1]}` } : { en: "", it: "" };
  return { en: `the ${o.en} ${be} ${a[0]}${when.en}`, it: `${theIt(o.it, o.g, o.plural)} ${beIt} ${agreeIt(a[1], o.g, o.plural)}${when.it}` };
}
