// Word lists of the translation generator: nouns with gender and class, adjectives with their four Italian forms, verbs with their forms.
export type Gender = "m" | "f";
export type Cls = "obj" | "read" | "food" | "animal" | "person" | "music";
export interface Noun { en: string; enPl: string; it: string; itPl: string; g: Gender; cls: Cls; family?: boolean }

/** "en enPl it itPl g cls" rows; `en` plural by +s unless given. */
function nouns(cls: Cls, spec: string, family = false): Noun[] {
  return spec.split(";").map((x) => x.trim()).filter(Boolean).map((x) => {
    const [en, enPl, it, itPl, g] = x.split(/\s*\|\s*/);
    return { en, enPl: enPl || en + "s", it, itPl, g: g as Gender, cls, family };
  });
}
export const NOUNS: Noun[] = [
  ...nouns("read", `book||libro|libri|m; newspaper||giornale|giornali|m; letter||lettera|lettere|f; notebook||quaderno|quaderni|m; magazine||rivista|riviste|f;
    novel||romanzo|romanzi|m; poem||poesia|poesie|f; story|stories|storia|storie|f; map||mappa|mappe|f; diary|diaries|diario|diari|m; message||messaggio|messaggi|m;
    postcard||cartolina|cartoline|f; recipe||ricetta|ricette|f; dictionary|dictionaries|dizionario|dizionari|m; report||relazione|relazioni|f`),
  ...nouns("obj", `backpack||zaino|zaini|m; mirror||specchio|specchi|m; watch|watches|orologio|orologi|m; umbrella||ombrello|ombrelli|m; table||tavolo|tavoli|m;
    glass|glasses|bicchiere|bicchieri|m; computer||computer|computer|m; house||casa|case|f; car||macchina|macchine|f; key||chiave|chiavi|f; door||porta|porte|f;
    window||finestra|finestre|f; pen||penna|penne|f; chair||sedia|sedie|f; photo||foto|foto|f; bicycle||bicicletta|biciclette|f; box|boxes|scatola|scatole|f;
    bag||borsa|borse|f; hat||cappello|cappelli|m; shoe||scarpa|scarpe|f; shirt||camicia|camicie|f; jacket||giacca|giacche|f; dress|dresses|vestito|vestiti|m;
    lamp||lampada|lampade|f; bed||letto|letti|m; plate||piatto|piatti|m; cup||tazza|tazze|f; bottle||bottiglia|bottiglie|f; phone||telefono|telefoni|m;
    ticket||biglietto|biglietti|m; ball||palla|palle|f; gift||regalo|regali|m; picture||quadro|quadri|m; boat||barca|barche|f; ring||anello|anelli|m;
    clock||sveglia|sveglie|f; blanket||coperta|coperte|f; mug||boccale|boccali|m; suitcase||valigia|valigie|f; sofa||divano|divani|m; towel||asciugamano|asciugamani|m;
    room||stanza|stanze|f; garden||giardino|giardini|m; kitchen||cucina|cucine|f; bridge||ponte|ponti|m; heart||cuore|cuori|m; life|lives|vita|vite|f`),
  ...nouns("food", `apple||mela|mele|f; orange||arancia|arance|f; cake||torta|torte|f; egg||uovo|uova|m; banana||banana|banane|f; sandwich|sandwiches|panino|panini|m;
    pear||pera|pere|f; lemon||limone|limoni|m; tomato|tomatoes|pomodoro|pomodori|m; potato|potatoes|patata|patate|f; carrot||carota|carote|f; biscuit||biscotto|biscotti|m;
    pizza||pizza|pizze|f; peach|peaches|pesca|pesche|f; strawberry|strawberries|fragola|fragole|f; onion||cipolla|cipolle|f; cherry|cherries|ciliegia|ciliegie|f`),
  ...nouns("animal", `dog||cane|cani|m; cat||gatto|gatti|m; horse||cavallo|cavalli|m; bird||uccello|uccelli|m; fish|fish|pesce|pesci|m; cow||mucca|mucche|f;
    rabbit||coniglio|conigli|m; mouse|mice|topo|topi|m; duck||anatra|anatre|f; goat||capra|capre|f; sheep|sheep|pecora|pecore|f; wolf|wolves|lupo|lupi|m`),
  ...nouns("music", `song||canzone|canzoni|f; guitar||chitarra|chitarre|f; piano||pianoforte|pianoforti|m; record||disco|dischi|m; violin||violino|violini|m; drum||tamburo|tamburi|m`),
  ...nouns("person", `boy||ragazzo|ragazzi|m; girl||ragazza|ragazze|f; friend||amico|amici|m; student||studente|studenti|m; teacher||maestra|maestre|f;
    doctor||medico|medici|m; neighbour||vicino|vicini|m; child|children|bambino|bambini|m; woman|women|donna|donne|f; man|men|uomo|uomini|m;
    singer||cantante|cantanti|m; driver||autista|autisti|m; waiter||cameriere|camerieri|m; nurse||infermiera|infermiere|f; lawyer||avvocato|avvocati|m;
    farmer||contadino|contadini|m; baker||fornaio|fornai|m; guest||ospite|ospiti|m; tourist||turista|turisti|m; pupil||alunno|alunni|m`),
  ...nouns("person", `uncle||zio|zii|m; sister||sorella|sorelle|f; brother||fratello|fratelli|m; cousin||cugino|cugini|m; aunt||zia|zie|f; mother||madre|madri|f;
    father||padre|padri|m; grandmother||nonna|nonne|f; grandfather||nonno|nonni|m; daughter||figlia|figlie|f; son||figlio|figli|m; wife|wives|moglie|mogli|f; husband||marito|mariti|m`, true),
];
/** Irregular plural genders: "l'uovo" but "le uova". */
export const pluralGender = (n: Noun): Gender => (n.it === "uovo" ? "f" : n.g);

export interface Adj { en: string; forms: [string, string, string, string] /* ms fs mp fp */; cls: Cls[] }
const ALL: Cls[] = ["obj", "read", "food", "animal", "person", "music"];
function adjs(cls: Cls[], spec: string): Adj[] {
  return spec.split(";").map((x) => x.trim()).filter(Boolean).map((x) => {
    const [en, forms] = x.split("|").map((y) => y.trim());
    return { en, forms: forms.split(" ") as Adj["forms"], cls };
  });
}
export const ADJS: Adj[] = [
  ...adjs(["obj", "read", "animal", "music"], `red|rosso rossa rossi rosse; black|nero nera neri nere; white|bianco bianca bianchi bianche; green|verde verde verdi verdi;
    blue|blu blu blu blu; yellow|giallo gialla gialli gialle; grey|grigio grigia grigi grigie; brown|marrone marrone marroni marroni`),
  ...adjs(["obj", "read", "music"], `new|nuovo nuova nuovi nuove; old|vecchio vecchia vecchi vecchie; expensive|costoso costosa costosi costose; cheap|economico economica economici economiche;
    broken|rotto rotta rotti rotte; clean|pulito pulita puliti pulite; dirty|sporco sporca sporchi sporche; heavy|pesante pesante pesanti pesanti; light|leggero leggera leggeri leggere;
    beautiful|bello bella belli belle; ugly|brutto brutta brutti brutte; strange|strano strana strani strane; famous|famoso famosa famosi famose`),
  ...adjs(["obj", "animal", "food", "person"], `small|piccolo piccola piccoli piccole; big|grande grande grandi grandi`),
  ...adjs(["read", "music"], `interesting|interessante interessante interessanti interessanti; long|lungo lunga lunghi lunghe; short|breve breve brevi brevi;
    sad|triste triste tristi tristi; happy|allegro allegra allegri allegre; boring|noioso noiosa noiosi noiose; funny|divertente divertente divertenti divertenti`),
  ...adjs(["read", "person", "food", "music"], `italian|italiano italiana italiani italiane; french|francese francese francesi francesi; english|inglese inglese inglesi inglesi;
    spanish|spagnolo spagnola spagnoli spagnole; german|tedesco tedesca tedeschi tedesche`),
  ...adjs(["food"], `fresh|fresco fresca freschi fresche; ripe|maturo matura maturi mature; sweet|dolce dolce dolci dolci; hot|caldo calda caldi calde; cold|freddo fredda freddi fredde`),
  ...adjs(["person", "animal"], `tired|stanco stanca stanchi stanche; young|giovane giovane giovani giovani; hungry|affamato affamata affamati affamate; kind|gentile gentile gentili gentili;
    angry|arrabbiato arrabbiata arrabbiati arrabbiate; sick|malato malata malati malate; lazy|pigro pigra pigri pigre; clever|intelligente intelligente intelligenti intelligenti`),
];
export const ANY_CLS = ALL;

/** A verb: English base, 3rd person, past; Italian present (io … loro), infinitive, tu imperative, participle; object classes. */
export interface Verb { en: string; en3: string; enPast: string; it: string[]; inf: string; imp: string; part: string; obj: Cls[] }
/** Regular Italian present: -are (cerc-hi), -ere, -ire, -ire with -isc-. */
export function present(inf: string, isc = false): string[] {
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
const READ: Cls[] = ["read"], OBJ: Cls[] = ["obj", "read", "music"];
function verb(en: string, en3: string, enPast: string, inf: string, part: string, obj: Cls[], opts: { isc?: boolean; it?: string[]; imp?: string } = {}): Verb {
  const it = opts.it ?? present(inf, opts.isc);
  const imp = opts.imp ?? (inf.endsWith("are") ? it[2] : it[1]);
  return { en, en3, enPast, it, inf, imp, part, obj };
}
export const VERBS: Verb[] = [
  verb("read", "reads", "read", "leggere", "letto", READ), verb("write", "writes", "wrote", "scrivere", "scritto", READ),
  verb("buy", "buys", "bought", "comprare", "comprato", ["obj", "read", "food", "music"]), verb("see", "sees", "saw", "vedere", "visto", ANY()),
  verb("open", "opens", "opened", "aprire", "aperto", ["obj", "read"]), verb("clean", "cleans", "cleaned", "pulire", "pulito", ["obj"], { isc: true }),
  verb("eat", "eats", "ate", "mangiare", "mangiato", ["food"]), verb("look for", "looks for", "looked for", "cercare", "cercato", ANY()),
  verb("find", "finds", "found", "trovare", "trovato", ["obj", "read", "animal", "music"]), verb("wash", "washes", "washed", "lavare", "lavato", ["obj", "animal", "food"]),
  verb("bring", "brings", "brought", "portare", "portato", ["obj", "read", "food", "music"]), verb("call", "calls", "called", "chiamare", "chiamato", ["person", "animal"]),
  verb("meet", "meets", "met", "incontrare", "incontrato", ["person"]), verb("take", "takes", "took", "prendere", "preso", ["obj", "read", "food", "music"]),
  verb("have", "has", "had", "avere", "avuto", ["obj", "read", "animal", "music"], { it: ["ho", "hai", "ha", "abbiamo", "avete", "hanno"], imp: "abbi" }),
  verb("sell", "sells", "sold", "vendere", "venduto", ["obj", "read", "food", "music"]), verb("lose", "loses", "lost", "perdere", "perso", OBJ),
  verb("carry", "carries", "carried", "portare", "portato", ["obj", "food"]), verb("close", "closes", "closed", "chiudere", "chiuso", ["obj", "read"]),
  verb("hide", "hides", "hid", "nascondere", "nascosto", OBJ), verb("break", "breaks", "broke", "rompere", "rotto", ["obj"]),
  verb("cook", "cooks", "cooked", "cucinare", "cucinato", ["food"]), verb("cut", "cuts", "cut", "tagliare", "tagliato", ["food", "obj"]),
  verb("draw", "draws", "drew", "disegnare", "disegnato", ["obj", "animal", "person"]), verb("follow", "follows", "followed", "seguire", "seguito", ["person", "animal"]),
  verb("help", "helps", "helped", "aiutare", "aiutato", ["person"]), verb("love", "loves", "loved", "amare", "amato", ANY()),
  verb("remember", "remembers", "remembered", "ricordare", "ricordato", ANY()), verb("forget", "forgets", "forgot", "dimenticare", "dimenticato", ANY()),
  verb("play", "plays", "played", "suonare", "suonato", ["music"]), verb("sing", "sings", "sang", "cantare", "cantato", ["music"]),
  verb("listen to", "listens to", "listened to", "ascoltare", "ascoltato", ["music", "person"]), verb("wait for", "waits for", "waited for", "aspettare", "aspettato", ["person", "animal"]),
  verb("choose", "chooses", "chose", "scegliere", "scelto", ANY(), { it: ["scelgo", "scegli", "sceglie", "scegliamo", "scegliete", "scelgono"] }),
  verb("send", "sends", "sent", "mandare", "mandato", ["read", "obj"]), verb("prepare", "prepares", "prepared", "preparare", "preparato", ["food"]),
  verb("fix", "fixes", "fixed", "riparare", "riparato", ["obj"]), verb("paint", "paints", "painted", "dipingere", "dipinto", ["obj"]),
];
function ANY(): Cls[] { return [...ALL]; }

/** Given names, the same in both languages (capitalised), and cities (English | Italian). */
export const NAMES = `Jude Anna Marco Luca Sara Giulia Paolo Elena Pietro Chiara Tom Lucy Jack Emma Davide Marta Franco Laura Nina Oscar Rita Ugo Irene Bruno
  Silvia Dario Olga Carlo Vera Pablo Alice Fabio Greta Mario Lisa Piero Sofia Leo Ivan Noemi Ettore Bianca Enzo Matilde Dante`.split(/\s+/);
export const CITIES = `Rome|Roma; Milan|Milano; Naples|Napoli; Turin|Torino; Florence|Firenze; Venice|Venezia; Genoa|Genova; Bologna|Bologna; Paris|Parigi;
  London|Londra; Berlin|Berlino; Madrid|Madrid; Vienna|Vienna; Lisbon|Lisbona; Prague|Praga; Dublin|Dublino; Athens|Atene; Munich|Monaco`
  .split(";").map((x) => x.trim().split("|") as [string, string]);

NOUNS.push(
  ...nouns("obj", `pillow||cuscino|cuscini|m; candle||candela|candele|f; basket||cestino|cestini|m; brush|brushes|spazzola|spazzole|f; comb||pettine|pettini|m;
    coat||cappotto|cappotti|m; scarf|scarves|sciarpa|sciarpe|f; glove||guanto|guanti|m; sock||calzino|calzini|m; belt||cintura|cinture|f; wallet||portafoglio|portafogli|m;
    mirror frame||cornice|cornici|f; spoon||cucchiaio|cucchiai|m; fork||forchetta|forchette|f; knife|knives|coltello|coltelli|m; pot||pentola|pentole|f;
    bucket||secchio|secchi|m; ladder||scala|scale|f; hammer||martello|martelli|m; rope||corda|corde|f; tent||tenda|tende|f; sail||vela|vele|f;
    envelope||busta|buste|f; stamp||francobollo|francobolli|m; coin||moneta|monete|f; flag||bandiera|bandiere|f; kite||aquilone|aquiloni|m; toy||giocattolo|giocattoli|m;
    doll||bambola|bambole|f; train||treno|treni|m; truck||camion|camion|m; plane||aereo|aerei|m; tree||albero|alberi|m; flower||fiore|fiori|m; stone||pietra|pietre|f;
    shelf|shelves|mensola|mensole|f; drawer||cassetto|cassetti|m; carpet||tappeto|tappeti|m; curtain||tenda|tende|f; fridge||frigorifero|frigoriferi|m`),
  ...nouns("read", `comic||fumetto|fumetti|m; menu||menù|menù|m; list||lista|liste|f; note||nota|note|f; song book||canzoniere|canzonieri|m; guide||guida|guide|f;
    timetable||orario|orari|m; contract||contratto|contratti|m; essay||tema|temi|m; invitation||invito|inviti|m`),
  ...nouns("food", `bread||pane|pani|m; cheese||formaggio|formaggi|m; sausage||salsiccia|salsicce|f; grape||acino|acini|m; melon||melone|meloni|m;
    plum||prugna|prugne|f; pie||crostata|crostate|f; salad||insalata|insalate|f; soup||zuppa|zuppe|f; steak||bistecca|bistecche|f; chicken||pollo|polli|m; olive||oliva|olive|f`),
  ...nouns("animal", `pig||maiale|maiali|m; bear||orso|orsi|m; fox|foxes|volpe|volpi|f; frog||rana|rane|f; hen||gallina|galline|f; donkey||asino|asini|m;
    lion||leone|leoni|m; snake||serpente|serpenti|m; owl||gufo|gufi|m; turtle||tartaruga|tartarughe|f`),
  ...nouns("music", `trumpet||tromba|trombe|f; flute||flauto|flauti|m; concert||concerto|concerti|m; melody|melodies|melodia|melodie|f; album||album|album|m; tune||aria|arie|f`),
  ...nouns("person", `actor||attore|attori|m; painter||pittore|pittori|m; soldier||soldato|soldati|m; king||re|re|m; queen||regina|regine|f; baby|babies|neonato|neonati|m;
    pilot||pilota|piloti|m; cook||cuoco|cuochi|m; policeman|policemen|poliziotto|poliziotti|m; postman|postmen|postino|postini|m; musician||musicista|musicisti|m; dancer||ballerina|ballerine|f`),
);
ADJS.push(
  ...adjs(["obj", "read", "music", "food"], `round|rotondo rotonda rotondi rotonde; soft|morbido morbida morbidi morbide; hard|duro dura duri dure; wet|bagnato bagnata bagnati bagnate;
    dry|secco secca secchi secche; full|pieno piena pieni piene; empty|vuoto vuota vuoti vuote; strong|forte forte forti forti; rare|raro rara rari rare; precious|prezioso preziosa preziosi preziose`),
  ...adjs(["person", "animal"], `tall|alto alta alti alte; fat|grasso grassa grassi grasse; thin|magro magra magri magre; brave|coraggioso coraggiosa coraggiosi coraggiose;
    shy|timido timida timidi timide; proud|orgoglioso orgogliosa orgogliosi orgogliose; curious|curioso curiosa curiosi curiose; quiet|tranquillo tranquilla tranquilli tranquille`),
);
VERBS.push(
  verb("keep", "keeps", "kept", "tenere", "tenuto", ANY(), { it: ["tengo", "tieni", "tiene", "teniamo", "tenete", "tengono"] }),
  verb("show", "shows", "showed", "mostrare", "mostrato", ANY()), verb("give back", "gives back", "gave back", "restituire", "restituito", ["obj", "read", "music"], { isc: true }),
  verb("watch", "watches", "watched", "guardare", "guardato", ANY()), verb("touch", "touches", "touched", "toccare", "toccato", ["obj", "animal", "food"]),
  verb("move", "moves", "moved", "spostare", "spostato", ["obj"]), verb("fill", "fills", "filled", "riempire", "riempito", ["obj"], { it: ["riempio", "riempi", "riempie", "riempiamo", "riempite", "riempiono"] }),
  verb("hear", "hears", "heard", "sentire", "sentito", ["music", "person", "animal"]), verb("study", "studies", "studied", "studiare", "studiato", ["read", "music"]),
  verb("feed", "feeds", "fed", "nutrire", "nutrito", ["animal", "person"]), verb("visit", "visits", "visited", "visitare", "visitato", ["person"]),
  verb("greet", "greets", "greeted", "salutare", "salutato", ["person"]), verb("photograph", "photographs", "photographed", "fotografare", "fotografato", ANY()),
  verb("pay for", "pays for", "paid for", "pagare", "pagato", ["obj", "food", "read"]), verb("order", "orders", "ordered", "ordinare", "ordinato", ["food", "read"]),
);
NAMES.push(...`Adam Agnese Alba Aldo Amelia Andrea Angela Arturo Beppe Carla Cesare Clara Cristina Diego Edoardo Elisa Emilio Fausto Federica
  Filippo Gino Gloria Guido Ilaria Jacopo Kevin Lara Lorenzo Luigi Marina Massimo Nicola Omar Orlando Patrizia Raffaele Renato Roberto Sandro Serena
  Simone Stefano Teresa Tiziana Umberto Valerio Viola Walter Zeno`.split(/\s+/));
CITIES.push(...`Bari|Bari; Palermo|Palermo; Pisa|Pisa; Verona|Verona; Trieste|Trieste; Siena|Siena; Brussels|Bruxelles; Geneva|Ginevra; Warsaw|Varsavia;
  Moscow|Mosca; Barcelona|Barcellona; Seville|Siviglia; Edinburgh|Edimburgo; Zurich|Zurigo; Copenhagen|Copenaghen; Stockholm|Stoccolma`.split(";").map((x) => x.trim().split("|") as [string, string]));
