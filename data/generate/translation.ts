// Seeded English → Italian sentence-pair generator with real Italian morphology (articles, agreement, conjugation, possessives).
import { Rng } from "../../kernel-lib/src/tensor/random";
import { capitalize, chance, distinctRows, pick, wordCount } from "./common";

/** One sentence pair. */
export interface TranslationRow { id: string; en: string; it: string }

import { ADJS, CITIES, Cls, Gender, NAMES, NOUNS, Noun, VERBS, Verb, pluralGender } from "./translation-lexicon";

/** Does the next Italian word take lo/gli/uno (s + consonant, z, gn, ps, x, y)? */
const sImpura = (w: string) => /^(s[^aeiou]|z|gn|ps|x|y)/.test(w);
const vowel = (w: string) => /^[aeiouh]/.test(w);

/** Definite article for gender/number, chosen by the word that follows it: il/lo/l'/la/i/gli/le. */
export function definiteArticle(g: Gender, plural: boolean, next: string): string {
  if (g === "f") return plural ? "le" : vowel(next) ? "l'" : "la";
  if (plural) return vowel(next) || sImpura(next) ? "gli" : "i";
  return vowel(next) ? "l'" : sImpura(next) ? "lo" : "il";
}
/** Indefinite article: un/uno/una/un'. */
export function indefiniteArticle(g: Gender, next: string): string {
  if (g === "f") return vowel(next) ? "un'" : "una";
  return sImpura(next) ? "uno" : "un";
}
/** Article + following word, eliding "l'"/"un'" onto it. */
const join = (art: string, rest: string) => (art.endsWith("'") ? art + rest : `${art} ${rest}`);

const POSS: { en: string; forms: [string, string, string, string] }[] = [
  { en: "my", forms: ["mio", "mia", "miei", "mie"] }, { en: "your", forms: ["tuo", "tua", "tuoi", "tue"] },
  { en: "his", forms: ["suo", "sua", "suoi", "sue"] }, { en: "her", forms: ["suo", "sua", "suoi", "sue"] },
  { en: "our", forms: ["nostro", "nostra", "nostri", "nostre"] }, { en: "their", forms: ["loro", "loro", "loro", "loro"] },
];
const formIdx = (g: Gender, plural: boolean) => (plural ? 2 : 0) + (g === "f" ? 1 : 0);

/** A noun phrase in both languages; `article` is the Italian article (or "") for contraction with prepositions. */
interface NP { en: string; it: string; plural: boolean; art: string; rest: string }

function nounPhrase(rng: Rng, noun: Noun, allowIndef = true): NP {
  const plural = chance(rng, 0.4);
  const g = plural ? pluralGender(noun) : noun.g;
  const fi = formIdx(g, plural);
  const adjs = ADJS.filter((x) => x.cls.includes(noun.cls));
  const adj = adjs.length > 0 && chance(rng, 0.45) ? pick(rng, adjs) : undefined;
  const enNoun = (adj ? adj.en + " " : "") + (plural ? noun.enPl : noun.en);
  const itNoun = (plural ? noun.itPl : noun.it) + (adj ? " " + adj.forms[fi] : "");
  const d = rng.uniform();
  if (d < 0.4) {
    const art = definiteArticle(g, plural, itNoun);
    return { en: `the ${enNoun}`, it: join(art, itNoun), plural, art, rest: itNoun };
  }
  if (d < 0.75) {
    const p = pick(rng, POSS);
    const poss = p.forms[fi];
    // Singular family nouns drop the article ("mia sorella"), unless the possessive is "loro" or an adjective follows.
    const noArt = noun.family && !plural && p.en !== "their" && !adj;
    const art = noArt ? "" : definiteArticle(g, plural, poss);
    return { en: `${p.en} ${enNoun}`, it: noArt ? `${poss} ${itNoun}` : join(art, `${poss} ${itNoun}`), plural, art, rest: `${poss} ${itNoun}` };
  }
  if (plural) {
    const num = pick(rng, [["two", "due"], ["three", "tre"], ["these", ""], ["many", ""]]);
    if (num[0] === "these") return { en: `these ${enNoun}`, it: `${g === "m" ? "questi" : "queste"} ${itNoun}`, plural, art: "", rest: itNoun };
    if (num[0] === "many") return { en: `many ${enNoun}`, it: `${g === "m" ? "molti" : "molte"} ${itNoun}`, plural, art: "", rest: itNoun };
    return { en: `${num[0]} ${enNoun}`, it: `${num[1]} ${itNoun}`, plural, art: "", rest: itNoun };
  }
  if (!allowIndef || chance(rng, 0.3)) {
    return { en: `this ${enNoun}`, it: `${g === "m" ? "questo" : "questa"} ${itNoun}`, plural, art: "", rest: itNoun };
  }
  const art = indefiniteArticle(g, itNoun);
  return { en: `${vowel(enNoun) ? "an" : "a"} ${enNoun}`, it: join(art, itNoun), plural, art: "", rest: itNoun };
}

/** Articulated preposition: in + il = nel, su + lo = sullo, in + l' = nell'. */
export function articulate(prep: "in" | "su", art: string): string {
  const tail: Record<string, string> = { il: "l", lo: "llo", "l'": "ll'", la: "lla", i: "i", gli: "gli", le: "lle" };
  return (prep === "in" ? "ne" : "su") + tail[art];
}

const SUBJ_PRON = [
  { en: "i", it: "", p: 0 }, { en: "you", it: "", p: 1 }, { en: "he", it: "lui", p: 2 }, { en: "she", it: "lei", p: 2 },
  { en: "we", it: "", p: 3 }, { en: "you all", it: "", p: 4 }, { en: "they", it: "loro", p: 5 },
];
const PLACES = [
  { en: "on the table", it: "sul tavolo" }, { en: "on the chair", it: "sulla sedia" }, { en: "in the garden", it: "nel giardino" },
  { en: "in the backpack", it: "nello zaino" }, { en: "in the kitchen", it: "in cucina" }, { en: "at school", it: "a scuola" },
  { en: "at home", it: "a casa" }, { en: "in the drawer", it: "nel cassetto" }, { en: "on the shelves", it: "sugli scaffali" },
  { en: "at the station", it: "alla stazione" }, { en: "at the market", it: "al mercato" }, { en: "in the car", it: "in macchina" },
  { en: "near the window", it: "vicino alla finestra" }, { en: "under the bed", it: "sotto il letto" }, { en: "in the street", it: "per strada" },
];
const TIMES_PRESENT = [["today", "oggi"], ["every day", "ogni giorno"], ["now", "adesso"], ["every morning", "ogni mattina"], ["on sunday", "la domenica"], ["tonight", "stasera"]];
const TIMES_PAST = [["yesterday", "ieri"], ["last week", "la settimana scorsa"], ["this morning", "stamattina"], ["last year", "l'anno scorso"], ["two days ago", "due giorni fa"]];
const AUX = ["ho", "hai", "ha", "abbiamo", "avete", "hanno"];
/** Object clitic for a noun phrase: lo / la / li / le; `elide` gives l' before a vowel. */
const clitic = (g: Gender, plural: boolean) => (plural ? (g === "f" ? "le" : "li") : g === "f" ? "la" : "lo");
/** Infinitive + clitic: "aprire" + "lo" → "aprirlo". */
const infCl = (inf: string, cl: string) => inf.slice(0, -1) + cl;

/** A subject: pronoun, name or noun phrase, with its Italian person (0 io … 5 loro). */
function subject(rng: Rng): { en: string; it: string; p: number } {
  const r = rng.uniform();
  if (r < 0.45) return pick(rng, SUBJ_PRON);
  if (r < 0.62) { const nm = pick(rng, NAMES); return { en: nm, it: nm, p: 2 }; }
  const np = nounPhrase(rng, pick(rng, NOUNS.filter((x) => x.cls === "person" || x.cls === "animal")), false);
  return { en: np.en, it: np.it, p: np.plural ? 5 : 2 };
}

/** A verb phrase for person p: present, passato prossimo, negation, frequency adverb; with its object. */
function verbPhrase(rng: Rng, p: number, verb: Verb = pick(rng, VERBS), past = chance(rng, 0.35), negate = chance(rng, 0.2)): { en: string; it: string; np: NP; obj: Noun } {
  const third = p === 2;
  const objNoun = pick(rng, NOUNS.filter((x) => verb.obj.includes(x.cls)));
  const obj = nounPhrase(rng, objNoun);
  const freq = !past && !negate && chance(rng, 0.15) ? pick(rng, [["often", "spesso"], ["always", "sempre"], ["never", "mai"]]) : undefined;
  let vEn: string, vIt: string;
  if (past) {
    vEn = negate ? `did not ${verb.en}` : verb.enPast;
    vIt = `${negate ? "non " : ""}${AUX[p]} ${verb.part}`;
  } else if (freq) {
    vEn = `${freq[0]} ${third ? verb.en3 : verb.en}`;
    vIt = freq[0] === "never" ? `non ${verb.it[p]} mai` : `${verb.it[p]} ${freq[1]}`;
  } else {
    vEn = negate ? `${third ? "does" : "do"} not ${verb.en}` : third ? verb.en3 : verb.en;
    vIt = `${negate ? "non " : ""}${verb.it[p]}`;
  }
  return { en: `${vEn} ${obj.en}`, it: `${vIt} ${obj.it}`, np: obj, obj: objNoun };
}

/** Statements: subject, one or two verb phrases ("and", "but"), and a time, a place or a city. */
function statement(rng: Rng): { en: string; it: string } {
  const s = subject(rng);
  const past = chance(rng, 0.35);
  const a = verbPhrase(rng, s.p, undefined, past);
  let en = `${s.en} ${a.en}`, it = `${s.it ? s.it + " " : ""}${a.it}`;
  if (chance(rng, 0.3)) {
    const b = verbPhrase(rng, s.p, undefined, past, false);
    const but = chance(rng, 0.3);
    en += ` ${but ? "but" : "and"} ${b.en}`;
    it += ` ${but ? "ma" : "e"} ${b.it}`;
  }
  const t = rng.uniform();
  if (t < 0.2) { const w = pick(rng, past ? TIMES_PAST : TIMES_PRESENT); en += " " + w[0]; it += " " + w[1]; }
  else if (t < 0.35) { const pl = pick(rng, PLACES); en += " " + pl.en; it += " " + pl.it; }
  else if (t < 0.45) { const c = pick(rng, CITIES); en += ` in ${c[0]}`; it += ` ${/^[AEIOU]/.test(c[1]) ? "ad" : "a"} ${c[1]}`; }
  return { en, it };
}

/** Requests in the second person: "take a sad song and make it better" → "prendi una canzone triste e rendila migliore". */
function request(rng: Rng): { en: string; it: string } {
  const hey = chance(rng, 0.35) ? pick(rng, NAMES) : "";
  const lead = hey ? { en: `hey ${hey}, `, it: `ehi ${hey}, ` } : { en: "", it: "" };
  const k = rng.int(6);
  const verb = pick(rng, VERBS.filter((v) => v.en !== "have" && v.obj.some((c) => c !== "person")));
  const objNoun = pick(rng, NOUNS.filter((x) => verb.obj.includes(x.cls) && x.cls !== "person"));
  const np = nounPhrase(rng, objNoun);
  const g = np.plural ? pluralGender(objNoun) : objNoun.g, cl = clitic(g, np.plural);
  const it = np.plural ? "them" : "it";
  let body: { en: string; it: string };
  if (k === 0) body = { en: `${verb.en} ${np.en}`, it: `${verb.imp} ${np.it}` };
  else if (k === 1) body = { en: `don't ${verb.en} ${np.en}`, it: `non ${verb.inf} ${np.it}` };
  else if (k === 2) {
    const better = chance(rng, 0.7);
    body = { en: `${verb.en} ${np.en} and make ${it} ${better ? "better" : "worse"}`, it: `${verb.imp} ${np.it} e rendi${cl} ${better ? "miglior" : "peggior"}${np.plural ? "i" : "e"}` };
  } else if (k === 3) {
    const v2 = pick(rng, VERBS.filter((v) => v !== verb && v.obj.includes(objNoun.cls) && v.en !== "have" && v.it[0] !== verb.it[0]));
    body = { en: `${verb.en} ${np.en} and don't ${v2.en} ${it}`, it: `${verb.imp} ${np.it} e non ${infCl(v2.inf, cl)}` };
  } else if (k === 4) {
    const who = pick(rng, [["him", "lo"], ["her", "la"], ["them", "li"]]);
    const into = pick(rng, [["heart", "nel tuo cuore"], ["house", "nella tua casa"], ["room", "nella tua stanza"], ["life", "nella tua vita"], ["garden", "nel tuo giardino"], ["kitchen", "nella tua cucina"]]);
    body = { en: `remember to let ${who[0]} into your ${into[0]}`, it: `ricorda di lasciar${who[1]} entrare ${into[1]}` };
    if (chance(rng, 0.5)) {
      const then = chance(rng, 0.5) ? { en: `make it ${chance(rng, 0.7) ? "better" : "worse"}`, it: "" } : { en: `${verb.en} ${np.en}`, it: `${verb.inf} ${np.it}` };
      if (!then.it) then.it = `renderlo ${then.en.endsWith("better") ? "migliore" : "peggiore"}`;
      body = { en: `${body.en}, then you can start to ${then.en}`, it: `${body.it}, quindi puoi iniziare a ${then.it}` };
    }
  } else {
    body = chance(rng, 0.5) ? { en: "don't make it bad", it: "non metterlo male" } : { en: `remember to ${verb.en} ${np.en}`, it: `ricorda di ${verb.inf} ${np.it}` };
  }
  return { en: lead.en + body.en, it: lead.it + body.it };
}

/**
 * The lecture slides' English lines. Notebooks 07 and 10 translate them as unseen sentences, so the generator never
 * emits them (in any split); their words and constructions still occur in other pairs.
 */
export const SLIDE_LINES = Object.freeze([
  "Hey Jude, don't make it bad.",
  "Take a sad song and make it better.",
  "Remember to let her into your heart, then you can start to make it better.",
]);
const heldOut = new Set(SLIDE_LINES.map((l) => l.toLowerCase()));

/**
 * Generates `count` distinct English → Italian pairs of 3 to 15 English words: statements (three in four) and requests.
 * None is one of the {@link SLIDE_LINES} (compared without case).
 * @param count number of pairs
 * @param rng the seeded generator (same seed → same pairs)
 */
export function generateTranslation(count: number, rng: Rng): TranslationRow[] {
  return distinctRows("generateTranslation", count, (i) => {
    const s = chance(rng, 0.75) ? statement(rng) : request(rng);
    const en = capitalize(s.en).replace(/\bi\b/g, "I").replace(/\b(italian|french|english|spanish|german)\b/g, (w) => capitalize(w)) + ".";
    const words = wordCount(en);
    return words < 3 || words > 15 || heldOut.has(en.toLowerCase()) ? undefined : { id: `t${String(i).padStart(5, "0")}`, en, it: capitalize(s.it) + "." };
  }, (r) => r.en);
}
