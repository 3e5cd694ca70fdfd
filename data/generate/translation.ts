// Seeded English → Italian sentence-pair generator with real Italian morphology (articles, agreement, conjugation, possessives).
import { Rng } from "../../kernel-lib/src/tensor/random";
import { capitalize, chance, distinctRows, pick } from "./common";

/** One sentence pair. */
export interface TranslationRow { id: string; en: string; it: string }

type Gender = "m" | "f";
type Cls = "obj" | "read" | "food" | "animal" | "person";
interface Noun { en: string; enPl: string; it: string; itPl: string; g: Gender; cls: Cls; family?: boolean }

const n = (en: string, enPl: string, it: string, itPl: string, g: Gender, cls: Cls, family = false): Noun => ({ en, enPl, it, itPl, g, cls, family });
const NOUNS: Noun[] = [
  n("book", "books", "libro", "libri", "m", "read"), n("newspaper", "newspapers", "giornale", "giornali", "m", "read"),
  n("letter", "letters", "lettera", "lettere", "f", "read"), n("notebook", "notebooks", "quaderno", "quaderni", "m", "read"),
  n("backpack", "backpacks", "zaino", "zaini", "m", "obj"), n("mirror", "mirrors", "specchio", "specchi", "m", "obj"),
  n("watch", "watches", "orologio", "orologi", "m", "obj"), n("umbrella", "umbrellas", "ombrello", "ombrelli", "m", "obj"),
  n("table", "tables", "tavolo", "tavoli", "m", "obj"), n("glass", "glasses", "bicchiere", "bicchieri", "m", "obj"),
  n("computer", "computers", "computer", "computer", "m", "obj"), n("house", "houses", "casa", "case", "f", "obj"),
  n("car", "cars", "macchina", "macchine", "f", "obj"), n("key", "keys", "chiave", "chiavi", "f", "obj"),
  n("door", "doors", "porta", "porte", "f", "obj"), n("window", "windows", "finestra", "finestre", "f", "obj"),
  n("pen", "pens", "penna", "penne", "f", "obj"), n("chair", "chairs", "sedia", "sedie", "f", "obj"),
  n("photo", "photos", "foto", "foto", "f", "obj"), n("apple", "apples", "mela", "mele", "f", "food"),
  n("orange", "oranges", "arancia", "arance", "f", "food"), n("cake", "cakes", "torta", "torte", "f", "food"),
  n("egg", "eggs", "uovo", "uova", "m", "food"), n("dog", "dogs", "cane", "cani", "m", "animal"),
  n("cat", "cats", "gatto", "gatti", "m", "animal"), n("boy", "boys", "ragazzo", "ragazzi", "m", "person"),
  n("girl", "girls", "ragazza", "ragazze", "f", "person"), n("friend", "friends", "amico", "amici", "m", "person"),
  n("student", "students", "studente", "studenti", "m", "person"), n("teacher", "teachers", "maestra", "maestre", "f", "person"),
  n("uncle", "uncles", "zio", "zii", "m", "person", true), n("sister", "sisters", "sorella", "sorelle", "f", "person", true),
  n("brother", "brothers", "fratello", "fratelli", "m", "person", true), n("cousin", "cousins", "cugino", "cugini", "m", "person", true),
];
// "uovo" is masculine in the singular and feminine in the plural (le uova): the plural gender below handles it.
const pluralGender = (nn: Noun): Gender => (nn.it === "uovo" ? "f" : nn.g);

interface Adj { en: string; forms: [string, string, string, string] /* ms fs mp fp */; cls: Cls[] }
const a = (en: string, forms: string, cls: Cls[]): Adj => ({ en, forms: forms.split(" ") as Adj["forms"], cls });
const ADJS: Adj[] = [
  a("red", "rosso rossa rossi rosse", ["obj", "read"]), a("black", "nero nera neri nere", ["obj", "animal"]),
  a("white", "bianco bianca bianchi bianche", ["obj", "animal"]), a("green", "verde verde verdi verdi", ["obj", "food"]),
  a("blue", "blu blu blu blu", ["obj"]), a("new", "nuovo nuova nuovi nuove", ["obj", "read"]),
  a("old", "vecchio vecchia vecchi vecchie", ["obj", "read", "animal"]), a("small", "piccolo piccola piccoli piccole", ["obj", "animal", "food"]),
  a("big", "grande grande grandi grandi", ["obj", "animal", "food"]), a("italian", "italiano italiana italiani italiane", ["read", "person", "food"]),
  a("french", "francese francese francesi francesi", ["read", "person", "food"]), a("english", "inglese inglese inglesi inglesi", ["read", "person"]),
  a("expensive", "costoso costosa costosi costose", ["obj", "food"]), a("cheap", "economico economica economici economiche", ["obj", "food"]),
  a("broken", "rotto rotta rotti rotte", ["obj"]), a("clean", "pulito pulita puliti pulite", ["obj"]),
  a("interesting", "interessante interessante interessanti interessanti", ["read"]), a("long", "lungo lunga lunghi lunghe", ["read"]),
  a("fresh", "fresco fresca freschi fresche", ["food"]), a("tired", "stanco stanca stanchi stanche", ["person", "animal"]),
];

interface Verb { en: string; en3: string; enPast: string; it: string[] /* io tu lui noi voi loro */; part: string; obj: Cls[] }
/** Regular present: -are (cerc-hi, mangi-), -ere, -ire, -ire with -isc-. */
function present(inf: string, isc = false): string[] {
  const stem = inf.slice(0, -3);
  if (inf.endsWith("are")) {
    const hard = /[cg]$/.test(stem) ? stem + "h" : stem;
    const soft = stem.endsWith("i") ? stem.slice(0, -1) : stem;
    return [stem + "o", (stem.endsWith("i") ? soft : hard) + "i", stem + "a", (stem.endsWith("i") ? soft : hard) + "iamo", stem + "ate", stem + "ano"];
  }
  if (isc) return [stem + "isco", stem + "isci", stem + "isce", stem + "iamo", stem + "ite", stem + "iscono"];
  const v = inf.endsWith("ire") ? "ite" : "ete";
  return [stem + "o", stem + "i", stem + "e", stem + "iamo", stem + v, stem + "ono"];
}
const ANY: Cls[] = ["obj", "read", "food", "animal", "person"];
const v = (en: string, en3: string, enPast: string, it: string[], part: string, obj: Cls[]): Verb => ({ en, en3, enPast, it, part, obj });
const VERBS: Verb[] = [
  v("read", "reads", "read", present("leggere"), "letto", ["read"]),
  v("write", "writes", "wrote", present("scrivere"), "scritto", ["read"]),
  v("buy", "buys", "bought", present("comprare"), "comprato", ["obj", "read", "food"]),
  v("see", "sees", "saw", present("vedere"), "visto", ANY),
  v("open", "opens", "opened", present("aprire"), "aperto", ["obj", "read"]),
  v("clean", "cleans", "cleaned", present("pulire", true), "pulito", ["obj"]),
  v("eat", "eats", "ate", present("mangiare"), "mangiato", ["food"]),
  v("look for", "looks for", "looked for", present("cercare"), "cercato", ANY),
  v("find", "finds", "found", present("trovare"), "trovato", ["obj", "read", "animal"]),
  v("wash", "washes", "washed", present("lavare"), "lavato", ["obj", "animal"]),
  v("bring", "brings", "brought", present("portare"), "portato", ["obj", "read", "food"]),
  v("call", "calls", "called", present("chiamare"), "chiamato", ["person", "animal"]),
  v("meet", "meets", "met", present("incontrare"), "incontrato", ["person"]),
  v("have", "has", "had", ["ho", "hai", "ha", "abbiamo", "avete", "hanno"], "avuto", ["obj", "read", "animal"]),
  v("take", "takes", "took", present("prendere"), "preso", ["obj", "read", "food"]),
];

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
];

/** One sentence pair: subject, (negation), verb in present or passato prossimo, object, optional adverb or place. */
function sentence(rng: Rng): { en: string; it: string } {
  const verb = pick(rng, VERBS);
  const past = chance(rng, 0.35);
  const negate = chance(rng, 0.2);
  let sEn: string, sIt: string, person: number;
  if (chance(rng, 0.55)) {
    const s = pick(rng, SUBJ_PRON);
    sEn = s.en; sIt = s.it; person = s.p;
  } else {
    const np = nounPhrase(rng, pick(rng, NOUNS.filter((x) => x.cls === "person" || x.cls === "animal")), false);
    sEn = np.en; sIt = np.it; person = np.plural ? 5 : 2;
  }
  const third = person === 2;
  const objNoun = pick(rng, NOUNS.filter((x) => verb.obj.includes(x.cls)));
  const obj = nounPhrase(rng, objNoun);
  const freq = !past && !negate && chance(rng, 0.2) ? pick(rng, [["often", "spesso"], ["always", "sempre"], ["never", "mai"]]) : undefined;
  let vEn: string, vIt: string;
  if (past) {
    const aux = ["ho", "hai", "ha", "abbiamo", "avete", "hanno"][person];
    vEn = negate ? `did not ${verb.en}` : verb.enPast;
    vIt = `${negate ? "non " : ""}${aux} ${verb.part}`;
  } else if (freq) {
    vEn = `${freq[0]} ${freq[0] === "never" ? (third ? verb.en3 : verb.en) : third ? verb.en3 : verb.en}`;
    vIt = freq[0] === "never" ? `non ${verb.it[person]} mai` : `${verb.it[person]} ${freq[1]}`;
  } else {
    vEn = negate ? `${third ? "does" : "do"} not ${verb.en}` : third ? verb.en3 : verb.en;
    vIt = `${negate ? "non " : ""}${verb.it[person]}`;
  }
  let tailEn = "", tailIt = "";
  const t = rng.uniform();
  if (t < 0.2 && !freq) {
    const w = past ? pick(rng, [["yesterday", "ieri"], ["last week", "la settimana scorsa"], ["this morning", "stamattina"]])
      : pick(rng, [["today", "oggi"], ["every day", "ogni giorno"], ["now", "adesso"]]);
    tailEn = " " + w[0]; tailIt = " " + w[1];
  } else if (t < 0.4 && verb.obj.includes("obj")) {
    const p = pick(rng, PLACES);
    tailEn = " " + p.en; tailIt = " " + p.it;
  }
  const en = `${sEn} ${vEn} ${obj.en}${tailEn}`;
  const it = `${sIt ? sIt + " " : ""}${vIt} ${obj.it}${tailIt}`;
  const enCased = capitalize(en).replace(/ i /g, " I ").replace(/\b(italian|french|english)\b/g, (w) => capitalize(w));
  return { en: enCased + ".", it: capitalize(it) + "." };
}

/**
 * Generates `count` distinct English → Italian pairs of 3 to 12 English words.
 * @param count number of pairs
 * @param rng the seeded generator (same seed → same pairs)
 */
export function generateTranslation(count: number, rng: Rng): TranslationRow[] {
  return distinctRows("generateTranslation", count, (i) => {
    const s = sentence(rng);
    const words = s.en.split(" ").length;
    return words < 3 || words > 12 ? undefined : { id: `t${String(i).padStart(5, "0")}`, en: s.en, it: s.it };
  }, (r) => r.en);
}
