// Bilingual word lists of the generators (English | Italian), written by hand; Italian spellings checked against witalian by `npm run data -- --check`.

export type Gender = "m" | "f";
/** A pair list written as "english|italiano; …". */
export const pairs = (s: string): [string, string][] => s.split(";").map((p) => p.trim()).filter(Boolean).map((p) => p.split("|").map((x) => x.trim()) as [string, string]);

/** Evaluative adjectives: Italian in the masculine singular (agreement by ending). About 60 per polarity. */
export const ADJ_POS = pairs(`good|buono; wonderful|meraviglioso; brilliant|brillante; moving|commovente; excellent|eccellente; beautiful|bello;
  funny|divertente; clever|intelligente; superb|superbo; convincing|convincente; interesting|interessante; gripping|avvincente; touching|toccante;
  charming|incantevole; delightful|delizioso; original|originale; powerful|potente; elegant|elegante; intense|intenso; remarkable|notevole;
  stunning|stupendo; magnificent|magnifico; memorable|memorabile; engaging|coinvolgente; enjoyable|piacevole; thrilling|emozionante;
  fascinating|affascinante; impressive|impressionante; perfect|perfetto; flawless|impeccabile; inspired|ispirato; poetic|poetico; solid|solido;
  sharp|acuto; witty|spiritoso; tender|tenero; sincere|sincero; honest|onesto; refined|raffinato; lively|vivace; unforgettable|indimenticabile;
  extraordinary|straordinario; splendid|splendido; admirable|ammirevole; balanced|equilibrato; masterful|magistrale; exciting|entusiasmante;
  sublime|sublime; precise|preciso; credible|credibile; authentic|autentico; deep|profondo; rich|ricco; harmonious|armonioso; amusing|spassoso;
  brave|coraggioso; inventive|inventivo; hilarious|esilarante; luminous|luminoso; captivating|accattivante; ingenious|geniale; delicate|delicato`);
export const ADJ_NEG = pairs(`bad|cattivo; terrible|terribile; awful|orribile; boring|noioso; flat|piatto; weak|debole; poor|scadente;
  predictable|prevedibile; confusing|confuso; disappointing|deludente; silly|sciocco; pointless|inutile; mediocre|mediocre; tedious|tedioso;
  clumsy|goffo; shallow|superficiale; lifeless|spento; slow|lento; ridiculous|ridicolo; banal|banale; forgettable|dimenticabile; chaotic|caotico;
  irritating|irritante; annoying|fastidioso; pretentious|pretenzioso; empty|vuoto; cold|freddo; lazy|pigro; absurd|assurdo; trite|scontato;
  unbearable|insopportabile; sloppy|sciatto; dreadful|pessimo; horrible|orrendo; stupid|stupido; tiring|stancante; heavy|pesante; vulgar|volgare;
  false|falso; artificial|artificiale; incoherent|incoerente; exaggerated|esagerato; monotonous|monotono; painful|penoso; embarrassing|imbarazzante;
  amateurish|dilettantesco; repetitive|ripetitivo; insipid|insipido; dull|grigio; soporific|soporifero; messy|disordinato; overlong|prolisso;
  cheap|dozzinale; ugly|brutto; grotesque|grottesco; unpleasant|sgradevole; disastrous|disastroso; clichéd|stereotipato; muddled|contorto`);

/** What a review judges: English (plural?) | Italian with gender and number. */
export interface Aspect { en: string; it: string; g: Gender; plural: boolean }
const asp = (s: string): Aspect[] => s.split(";").map((x) => x.trim()).filter(Boolean).map((x) => {
  const [en, it, gn] = x.split("|").map((y) => y.trim());
  return { en, it, g: gn[0] as Gender, plural: gn[1] === "p" };
});
export const ASPECTS = asp(`film|film|ms; movie|pellicola|fs; plot|trama|fs; acting|recitazione|fs; script|sceneggiatura|fs; ending|finale|ms;
  music|musica|fs; soundtrack|colonna sonora|fs; direction|regia|fs; photography|fotografia|fs; story|storia|fs; cast|cast|ms; editing|montaggio|ms;
  pacing|ritmo|ms; dialogues|dialoghi|mp; costumes|costumi|mp; set design|scenografia|fs; special effects|effetti speciali|mp; actors|attori|mp;
  characters|personaggi|mp; scenes|scene|fp; jokes|battute|fp; protagonist|protagonista|ms; villain|cattivo|ms; lead actress|attrice protagonista|fs;
  first half|primo tempo|ms; second half|secondo tempo|ms; opening|inizio|ms; twist|colpo di scena|ms; animation|animazione|fs; dubbing|doppiaggio|ms;
  atmosphere|atmosfera|fs; tension|tensione|fs; humour|umorismo|ms; sequel|seguito|ms; documentary|documentario|ms; series|serie|fs;
  episode|episodio|ms; performances|interpretazioni|fp; battle scenes|scene di battaglia|fp; camera work|riprese|fp; final scene|scena finale|fs;
  screenplay|copione|ms; love story|storia d'amore|fs; landscapes|paesaggi|mp; chase scenes|inseguimenti|mp`);
/** Things near a film that reviews also judge (seats, popcorn): their sentiment does not decide the label. */
export const OFF_TOPIC = asp(`popcorn|popcorn|ms; seats|poltrone|fp; parking|parcheggio|ms; ticket|biglietto|ms; queue|fila|fs; room|sala|fs;
  air conditioning|aria condizionata|fs; coffee|caffè|ms; traffic|traffico|ms; weather|tempo|ms; pizza|pizza|fs; dinner|cena|fs; bus|autobus|ms;
  restaurant|ristorante|ms; ice cream|gelato|ms; sandwich|panino|ms; wine|vino|ms; beer|birra|fs; cinema|cinema|ms; sound system|impianto audio|ms`);
/** Off-topic adjectives (any polarity), Italian masculine singular. */
export const OFF_ADJ = pairs(`excellent|ottimo; terrible|terribile; good|buono; awful|orribile; perfect|perfetto; fantastic|fantastico;
  horrible|orrendo; decent|discreto; disappointing|deludente; superb|superbo; poor|scadente; dreadful|pessimo; wonderful|meraviglioso; bad|brutto`);

/** Intensifiers (never change the label). */
export const INTENS = pairs(`very|molto; really|davvero; truly|veramente; extremely|estremamente; quite|piuttosto; rather|abbastanza; incredibly|incredibilmente; particularly|particolarmente`);

/** Verbs of liking: English past | Italian passato prossimo with avere. */
export const LIKE = pairs(`loved|ho amato; liked|ho apprezzato; enjoyed|mi sono goduto; adored|ho adorato; appreciated|ho apprezzato molto; admired|ho ammirato`);
export const DISLIKE = pairs(`hated|ho odiato; disliked|ho detestato; could not stand|non ho sopportato; was bored by|mi sono annoiato con`);

/** Given names (used in both languages) and surnames. */
export const NAMES = `Achille Adriano Agnese Alberto Aldo Alessandro Alessio Andrea Angelo Anna Antonio Arturo Beatrice Bernardo Bruno Carla Carlo Caterina
  Cecilia Chiara Claudio Cristina Daniele Dario Davide Elena Elisa Emilio Enrico Enzo Ettore Fabio Federica Federico Filippo Francesca Francesco
  Gabriele Giacomo Gianluca Giorgio Giovanna Giovanni Giulia Giulio Giuseppe Irene Ivo Laura Leonardo Lorenzo Luca Lucia Luigi Luisa Marco Maria
  Mario Marta Matilde Matteo Maurizio Michela Michele Nicola Paola Paolo Piero Pietro Renato Riccardo Roberto Rossella Sara Silvia Simone Sofia
  Stefano Teresa Tommaso Valeria Vittorio Alice Emma Oliver Jack Harry George Emily Grace Lucy Daniel Thomas James Sophie Hannah Peter Kate`.split(/\s+/);
export const SURNAMES = `Rossi Bianchi Ferrari Russo Romano Gallo Costa Fontana Conti Esposito Ricci Bruno Moretti Marino Greco Barbieri Lombardi
  Giordano Rinaldi Colombo Mancini Longo Leone Martinelli Serra Vitale Santoro Marchetti Caruso Ferri Villa Parisi Fabbri Sala Monti Pellegrini
  Smith Jones Taylor Brown Wilson Evans Walker Wright Hughes Green Baker Turner Hill Clarke Cooper Ward Morgan Bennett Reed Fisher`.split(/\s+/);
/** Cities: English | Italian name. */
export const CITIES = pairs(`Rome|Roma; Milan|Milano; Naples|Napoli; Turin|Torino; Florence|Firenze; Venice|Venezia; Genoa|Genova; Bologna|Bologna;
  Palermo|Palermo; Bari|Bari; Pisa|Pisa; Padua|Padova; Verona|Verona; Parma|Parma; Modena|Modena; Trieste|Trieste; Perugia|Perugia; Ancona|Ancona;
  Lecce|Lecce; Siena|Siena; Lucca|Lucca; Bergamo|Bergamo; Brescia|Brescia; Como|Como; Mantua|Mantova; Ferrara|Ferrara; Ravenna|Ravenna;
  Messina|Messina; Catania|Catania; Cagliari|Cagliari; Trento|Trento; Aosta|Aosta; London|Londra; Paris|Parigi; Berlin|Berlino; Madrid|Madrid;
  Lisbon|Lisbona; Vienna|Vienna; Athens|Atene; Prague|Praga; Dublin|Dublino; Warsaw|Varsavia; Moscow|Mosca; Cairo|Il Cairo; Tokyo|Tokyo;
  Boston|Boston; Chicago|Chicago; Lyon|Lione; Marseille|Marsiglia; Munich|Monaco di Baviera; Geneva|Ginevra; Brussels|Bruxelles; Amsterdam|Amsterdam;
  Barcelona|Barcellona; Seville|Siviglia; Istanbul|Istanbul; Oslo|Oslo; Stockholm|Stoccolma; Edinburgh|Edimburgo; Cork|Cork`);
/** Professions: English | Italian masculine | Italian feminine. */
export const PROFESSIONS = `teacher|insegnante|insegnante; doctor|medico|dottoressa; lawyer|avvocato|avvocata; nurse|infermiere|infermiera;
  farmer|contadino|contadina; journalist|giornalista|giornalista; painter|pittore|pittrice; writer|scrittore|scrittrice; baker|fornaio|fornaia;
  soldier|soldato|soldata; fisherman|pescatore|pescatrice; student|studente|studentessa; singer|cantante|cantante; detective|investigatore|investigatrice;
  musician|musicista|musicista; engineer|ingegnere|ingegnera; thief|ladro|ladra; priest|prete|suora; cook|cuoco|cuoca; pilot|pilota|pilota;
  photographer|fotografo|fotografa; waiter|cameriere|cameriera; mechanic|meccanico|meccanica; sailor|marinaio|marinaia; boxer|pugile|pugile;
  dancer|ballerino|ballerina; shopkeeper|negoziante|negoziante; postman|postino|postina; architect|architetto|architetta; judge|giudice|giudice;
  professor|professore|professoressa; driver|autista|autista; actor|attore|attrice; scientist|scienziato|scienziata; gardener|giardiniere|giardiniera`
  .split(";").map((x) => x.trim().split("|")).map(([en, m, f]) => ({ en, m, f }));
/** Relatives (singular family nouns take no article after a possessive in Italian). */
export const RELATIVES = `sister|sorella|f; brother|fratello|m; mother|madre|f; father|padre|m; cousin|cugino|m; aunt|zia|f; uncle|zio|m;
  grandmother|nonna|f; grandfather|nonno|m; wife|moglie|f; husband|marito|m; daughter|figlia|f; son|figlio|m; girlfriend|ragazza|f; boyfriend|ragazzo|m`
  .split(";").map((x) => x.trim().split("|")).map(([en, it, g]) => ({ en, it, g: g as Gender }));
/** Plot objects: English | Italian | gender. */
export const PLOT_OBJECTS = `treasure|tesoro|m; letter|lettera|f; secret|segreto|m; map|mappa|f; diary|diario|m; key|chiave|f; painting|quadro|m;
  ring|anello|m; suitcase|valigia|f; photograph|fotografia|f; house|casa|f; boat|barca|f; horse|cavallo|m; dog|cane|m; violin|violino|m; book|libro|m;
  island|isola|f; village|villaggio|m; brother|fratello|m; daughter|figlia|f; son|figlio|m; father|padre|m; mother|madre|f; friend|amico|m; job|lavoro|m;
  revenge|vendetta|f; fortune|fortuna|f; restaurant|ristorante|m; farm|fattoria|f; hotel|albergo|m; castle|castello|m; bicycle|bicicletta|f; car|macchina|f`
  .split(";").map((x) => x.trim().split("|")).map(([en, it, g]) => ({ en, it, g: g as Gender }));
/** Plot verbs: English 3rd person | Italian 3rd person; `own` marks objects read with a possessive ("his brother"). */
export const PLOT_VERBS = pairs(`looks for|cerca; finds|trova; loses|perde; inherits|eredita; steals|ruba; hides|nasconde; sells|vende; buys|compra;
  defends|difende; protects|protegge; discovers|scopre; builds|costruisce; opens|apre; rebuilds|ricostruisce; leaves|lascia; wins|vince; saves|salva;
  forgets|dimentica; remembers|ricorda; follows|segue; paints|dipinge; visits|visita; waits for|aspetta; dreams of|sogna`);
/** Genres: English | Italian | gender. */
export const GENRES = `thriller|thriller|m; comedy|commedia|f; drama|dramma|m; western|western|m; musical|musical|m; horror film|film dell'orrore|m;
  war film|film di guerra|m; documentary|documentario|m; cartoon|cartone animato|m; romantic film|film romantico|m; biopic|film biografico|m;
  science fiction film|film di fantascienza|m; crime film|poliziesco|m; fantasy film|film fantastico|m; road movie|film di viaggio|m; spy story|spy story|f`
  .split(";").map((x) => x.trim().split("|")).map(([en, it, g]) => ({ en, it, g: g as Gender }));
export const WEEKDAYS = pairs(`Monday|lunedì; Tuesday|martedì; Wednesday|mercoledì; Thursday|giovedì; Friday|venerdì; Saturday|sabato; Sunday|domenica`);
export const MONTHS = pairs(`January|gennaio; February|febbraio; March|marzo; April|aprile; May|maggio; June|giugno; July|luglio; August|agosto;
  September|settembre; October|ottobre; November|novembre; December|dicembre`);
export const DAYPARTS = pairs(`morning|mattina; afternoon|pomeriggio; evening|sera; night|notte`);
/** Places where a scene happens: English | Italian (with its preposition). */
export const SCENE_PLACES = pairs(`on a train|su un treno; in a hospital|in un ospedale; at the station|alla stazione; in a church|in una chiesa;
  on a beach|su una spiaggia; in a prison|in una prigione; on a ship|su una nave; in a kitchen|in una cucina; at a wedding|a un matrimonio;
  in the snow|nella neve; in the desert|nel deserto; in a school|in una scuola; at the market|al mercato; in the mountains|in montagna;
  on a bridge|su un ponte; in a library|in una biblioteca; in the rain|sotto la pioggia; at a funeral|a un funerale; in a bar|in un bar; in the woods|nel bosco`);
/** Where one watched it: English | Italian (with its preposition). */
export const VENUES = pairs(`at the cinema|al cinema; at a festival|a un festival; on television|in televisione; at home|a casa; on the plane|in aereo;
  in an open-air cinema|in un cinema all'aperto; at a friend's house|a casa di un amico; on my laptop|sul mio computer; at a film club|a un cineforum;
  in a small theatre|in una piccola sala; on a streaming service|su una piattaforma di streaming; at the multiplex|al multisala`);
export const NUMBERS = pairs(`two|due; three|tre; four|quattro; five|cinque; six|sei; seven|sette; eight|otto; nine|nove; ten|dieci; eleven|undici;
  twelve|dodici; fifteen|quindici; twenty|venti; thirty|trenta`);

/** More evaluative adjectives, rarer (they come after the Zipf head). */
export const ADJ_POS_RARE = pairs(`graceful|aggraziato; heartfelt|sentito; vibrant|vibrante; dazzling|abbagliante; subtle|sottile; generous|generoso;
  ambitious|ambizioso; lucid|lucido; dignified|dignitoso; rigorous|rigoroso; joyful|gioioso; serene|sereno; tense|teso; mature|maturo; fluid|fluido;
  coherent|coerente; essential|essenziale; necessary|necessario; visionary|visionario; irresistible|irresistibile; sensitive|sensibile; warm|caloroso;
  fierce|feroce; daring|audace; exquisite|squisito; radiant|radioso; nuanced|sfumato; compelling|trascinante; haunting|struggente; gorgeous|splendente`);
export const ADJ_NEG_RARE = pairs(`bland|scialbo; sluggish|fiacco; hollow|inconsistente; crude|rozzo; dreary|tetro; pompous|pomposo; muddy|torbido;
  sterile|sterile; lame|zoppicante; sentimental|sdolcinato; cynical|cinico; gratuitous|gratuito; rushed|frettoloso; dated|datato; stiff|rigido;
  wooden|legnoso; obvious|ovvio; naive|ingenuo; hysterical|isterico; shapeless|informe; careless|trascurato; awkward|impacciato; vain|vanitoso;
  feeble|fiacchissimo; tasteless|insapore; noisy|chiassoso; cloying|stucchevole; lukewarm|tiepido; bloated|gonfio; murky|oscuro`);
/** Nationalities: English | Italian masculine singular (agreement by ending). */
export const NATIONALITIES = pairs(`Italian|italiano; French|francese; English|inglese; American|americano; German|tedesco; Spanish|spagnolo;
  Japanese|giapponese; Korean|coreano; Chinese|cinese; Indian|indiano; Russian|russo; Polish|polacco; Swedish|svedese; Danish|danese;
  Norwegian|norvegese; Irish|irlandese; Scottish|scozzese; Greek|greco; Turkish|turco; Iranian|iraniano; Egyptian|egiziano; Mexican|messicano;
  Brazilian|brasiliano; Argentinian|argentino; Canadian|canadese; Australian|australiano; Belgian|belga; Dutch|olandese; Portuguese|portoghese; Swiss|svizzero`);
/** Neutral adjectives for characters (Italian masculine singular). */
export const CHAR_ADJ = pairs(`young|giovane; old|anziano; rich|ricco; poor|povero; lonely|solitario; shy|timido; proud|orgoglioso; stubborn|testardo;
  curious|curioso; ambitious|ambizioso; quiet|silenzioso; nervous|nervoso; tired|stanco; angry|arrabbiato; jealous|geloso; honest|onesto;
  famous|famoso; unknown|sconosciuto; sick|malato; blind|cieco; deaf|sordo; widowed|vedovo; married|sposato; divorced|divorziato; retired|pensionato;
  clumsy|maldestro; generous|generoso; greedy|avido; naive|ingenuo; brave|coraggioso; restless|irrequieto; gentle|gentile; cruel|crudele; strange|strano`);
/** What a film is about: English | Italian with its article. */
export const THEMES = pairs(`love|l'amore; war|la guerra; friendship|l'amicizia; family|la famiglia; death|la morte; revenge|la vendetta;
  money|il denaro; power|il potere; jealousy|la gelosia; emigration|l'emigrazione; childhood|l'infanzia; old age|la vecchiaia; loneliness|la solitudine;
  freedom|la libertà; justice|la giustizia; faith|la fede; betrayal|il tradimento; memory|la memoria; exile|l'esilio; poverty|la povertà;
  ambition|l'ambizione; grief|il lutto; madness|la follia; fear|la paura; hope|la speranza; guilt|la colpa; forgiveness|il perdono; work|il lavoro;
  school|la scuola; sport|lo sport; music|la musica; science|la scienza; politics|la politica; religion|la religione; the sea|il mare;
  the mafia|la mafia; the city|la città; the countryside|la campagna; adolescence|l'adolescenza; marriage|il matrimonio; illness|la malattia;
  identity|l'identità; silence|il silenzio; time|il tempo; chance|il caso; destiny|il destino; violence|la violenza; corruption|la corruzione`);
/** More plot objects. */
export const PLOT_OBJECTS_MORE = `necklace|collana|f; sword|spada|f; crown|corona|f; manuscript|manoscritto|m; statue|statua|f; bakery|panetteria|f;
  shop|negozio|m; garden|giardino|m; vineyard|vigna|f; lighthouse|faro|m; mine|miniera|f; factory|fabbrica|f; theatre|teatro|m; piano|pianoforte|m;
  camera|macchina fotografica|f; recipe|ricetta|f; medal|medaglia|f; wallet|portafoglio|m; passport|passaporto|m; gun|pistola|f; truck|camion|m;
  train|treno|m; plane|aereo|m; bridge|ponte|m; tower|torre|f; apartment|appartamento|m; school|scuola|f; hospital|ospedale|m; church|chiesa|f;
  cat|gatto|m; wolf|lupo|m; bear|orso|m; whale|balena|f; garage|garage|m; mill|mulino|m; library|biblioteca|f; cinema|cinema|m; cousin|cugino|m`;
export const PLOT_VERBS_MORE = pairs(`repairs|ripara; destroys|distrugge; burns|brucia; loves|ama; hates|odia; meets|incontra; marries|sposa;
  abandons|abbandona; chases|insegue; teaches|insegna; studies|studia; photographs|fotografa; describes|descrive; imagines|immagina; betrays|tradisce;
  forgives|perdona; kidnaps|rapisce; investigates|indaga su; rents|affitta; guards|sorveglia`);
export const MORE_NAMES = `Adele Alba Alessia Ambra Arianna Aurora Bianca Camilla Carolina Debora Eleonora Emanuela Erica Fiamma Gaia Ginevra Greta
  Ilaria Ludovica Margherita Martina Miriam Noemi Ottavia Rebecca Serena Vittoria Alfredo Ambrogio Amedeo Aurelio Cesare Corrado Edoardo Elia
  Fausto Ferruccio Gennaro Guido Jacopo Leone Livio Manfredi Massimo Nino Orlando Ottavio Raffaele Rocco Salvatore Sandro Sergio Ugo Umberto
  Valerio Walter`.split(/\s+/);
export const MORE_SURNAMES = `Bassi Benedetti Bernardi Bertolini Bianco Cattaneo Cirillo Coppola Cristiani D'Angelo De Luca De Santis Donati
  Farina Fiore Galli Gentile Grasso Guerra Lombardo Mazza Messina Montanari Morelli Negri Orlando Palumbo Pagano Pace Piras Riva Rizzo Ruggiero
  Sanna Sartori Silvestri Testa Valentini Vitali Zanetti Adams Carter Collins Davies Edwards Foster Gray Harris Jackson King Lewis Martin Mitchell
  Murphy Parker Phillips Roberts Robinson Scott Stewart Thompson Watson White Young`.split(/\s+/);
/** Plot verbs in the past: English simple past | Italian passato prossimo. */
export const PLOT_VERBS_PAST = pairs(`found|ha trovato; lost|ha perso; inherited|ha ereditato; stole|ha rubato; hid|ha nascosto; sold|ha venduto;
  bought|ha comprato; defended|ha difeso; protected|ha protetto; discovered|ha scoperto; built|ha costruito; opened|ha aperto; left|ha lasciato;
  won|ha vinto; saved|ha salvato; forgot|ha dimenticato; followed|ha seguito; painted|ha dipinto; visited|ha visitato; repaired|ha riparato;
  destroyed|ha distrutto; burned|ha bruciato; met|ha incontrato; married|ha sposato; abandoned|ha abbandonato; chased|ha inseguito;
  photographed|ha fotografato; described|ha descritto; betrayed|ha tradito; forgave|ha perdonato; kidnapped|ha rapito; rented|ha affittato;
  guarded|ha sorvegliato; sang|ha cantato; buried|ha sepolto; returned|ha restituito; shared|ha condiviso; carried|ha portato; wrote|ha scritto; read|ha letto`);
export const EXTRA_SURNAMES = `Albanese Amato Andreoli Angeli Basile Battaglia Bellini Bonetti Borghi Brambilla Caputo Carbone Carli Caselli Castelli
  Cavallo Ceccarelli Colonna Corsi Costantini Damiani Di Stefano Fabbri Fadda Ferraro Filippi Fumagalli Gatti Giannini Giuliani Grassi Leonardi
  Lorenzi Mariani Marini Martini Mele Milani Mazzola Neri Pellegrino Perrone Piccolo Pinna Poli Rota Sorrentino Tedesco Vallone Zanella
  Allen Baxter Brooks Chapman Dixon Ellis Fletcher Gibson Grant Harper Holmes Hunt Jenkins Kelly Knight Lawson Marsh Mason Owen Palmer
  Pearce Porter Price Rogers Russell Shaw Simpson Spencer Stone Wells`.split(/\s+/);
export const EXTRA_CITIES = pairs(`Salerno|Salerno; Pescara|Pescara; Rimini|Rimini; Livorno|Livorno; Arezzo|Arezzo; Pavia|Pavia; Cremona|Cremona;
  Udine|Udine; Bolzano|Bolzano; Sassari|Sassari; Siracusa|Siracusa; Matera|Matera; Potenza|Potenza; Taranto|Taranto; Foggia|Foggia; Urbino|Urbino;
  Viterbo|Viterbo; Varese|Varese; Cuneo|Cuneo; Savona|Savona; Budapest|Budapest; Copenhagen|Copenaghen; Helsinki|Helsinki; Zurich|Zurigo;
  Krakow|Cracovia; Nice|Nizza; Toulouse|Tolosa; Valencia|Valencia; Porto|Porto; Seoul|Seul; Beijing|Pechino; Mumbai|Mumbai; Sydney|Sydney;
  Toronto|Toronto; Montreal|Montréal; Havana|L'Avana; Lima|Lima; Bogota|Bogotà; Tunis|Tunisi; Algiers|Algeri`);
export const EXTRA_PROFESSIONS = `carpenter|falegname|falegname; tailor|sarto|sarta; barber|barbiere|barbiera; butcher|macellaio|macellaia;
  shepherd|pastore|pastora; miner|minatore|minatrice; banker|banchiere|banchiera; spy|spia|spia; surgeon|chirurgo|chirurga; pharmacist|farmacista|farmacista;
  librarian|bibliotecario|bibliotecaria; translator|traduttore|traduttrice; painter of icons|iconografo|iconografa; firefighter|pompiere|pompiera;
  policeman|poliziotto|poliziotta; taxi driver|tassista|tassista; teacher of music|maestro di musica|maestra di musica; clockmaker|orologiaio|orologiaia;
  veterinarian|veterinario|veterinaria; astronaut|astronauta|astronauta; gambler|giocatore|giocatrice; hunter|cacciatore|cacciatrice;
  mayor|sindaco|sindaca; sculptor|scultore|scultrice; poet|poeta|poetessa; potter|vasaio|vasaia; blacksmith|fabbro|fabbra; smuggler|contrabbandiere|contrabbandiera`;
export const EXTRA_PLACES = pairs(`in a factory|in una fabbrica; on a farm|in una fattoria; in a hotel|in un albergo; on a roof|su un tetto;
  in a cellar|in una cantina; at the airport|all'aeroporto; in a museum|in un museo; on an island|su un'isola; in a garage|in un garage;
  at the harbour|al porto; in a forest|in una foresta; in a lift|in un ascensore; at a party|a una festa; on a motorway|in autostrada;
  in a courtroom|in un tribunale; in a theatre|in un teatro; at the border|al confine; in a bakery|in una panetteria; on a mountain|su una montagna;
  in a swimming pool|in una piscina; in a cemetery|in un cimitero; at a concert|a un concerto; in a stadium|in uno stadio; in a tent|in una tenda`);
export const MORE_OFF_TOPIC = `snacks|snack|mp; lemonade|limonata|fs; chocolate|cioccolato|ms; staff|personale|ms; screen|schermo|ms; toilets|bagni|mp;
  tickets|biglietti|mp; heating|riscaldamento|ms; taxi|taxi|ms; train home|treno del ritorno|ms; hot dog|hot dog|ms; cake|torta|fs; tea|tè|ms;
  crowd|folla|fs; lobby|atrio|ms; car park|posteggio|ms; cushions|cuscini|mp; projector|proiettore|ms; trailers|trailer|mp; adverts|pubblicità|fp`;
export const MORE_THEMES = pairs(`greed|l'avidità; pride|l'orgoglio; courage|il coraggio; shame|la vergogna; envy|l'invidia; innocence|l'innocenza;
  loyalty|la lealtà; solitude|l'isolamento; happiness|la felicità; sadness|la tristezza; youth|la giovinezza; the war|il conflitto; beauty|la bellezza;
  art|l'arte; the past|il passato; the future|il futuro; travel|il viaggio; nature|la natura; technology|la tecnologia; the economy|l'economia`);
export const MORE_CHAR_ADJ = pairs(`tall|alto; short|basso; thin|magro; fat|grasso; blond|biondo; bald|calvo; lazy|pigro; clever|furbo; silly|sciocco;
  elegant|elegante; mysterious|misterioso; cheerful|allegro; sad|triste; hungry|affamato; lost|smarrito; wealthy|benestante; orphaned|orfano;
  anxious|ansioso; patient|paziente; sincere|schietto`);
export const MORE_ASPECTS = `make-up|trucco|ms; sound|sonoro|ms; subtitles|sottotitoli|mp; trailer|trailer|ms; poster|locandina|fs; title|titolo|ms;
  prologue|prologo|ms; epilogue|epilogo|ms; flashbacks|flashback|mp; songs|canzoni|fp; cameo|cameo|ms; supporting cast|cast di contorno|ms;
  child actors|attori bambini|mp; voice-over|voce fuori campo|fs; choreography|coreografia|fs`;

OFF_TOPIC.push(...asp(MORE_OFF_TOPIC));
ASPECTS.push(...asp(MORE_ASPECTS));
THEMES.push(...MORE_THEMES);
CHAR_ADJ.push(...MORE_CHAR_ADJ);
/** Dishes before the film: English | Italian with its article. */
export const FOODS = pairs(`pasta|la pasta; soup|la zuppa; fish|il pesce; chicken|il pollo; rice|il riso; noodles|i noodles; salad|l'insalata;
  steak|la bistecca; sushi|il sushi; curry|il curry; dumplings|i ravioli; lasagne|le lasagne; risotto|il risotto; pancakes|le frittelle;
  mushrooms|i funghi; lamb|l'agnello; beans|i fagioli; potatoes|le patate; sausages|le salsicce; oysters|le ostriche; tacos|i tacos;
  kebab|il kebab; omelette|la frittata; cheese|il formaggio; olives|le olive; lentils|le lenticchie; prawns|i gamberi; tofu|il tofu; couscous|il cuscus; burgers|gli hamburger`);
