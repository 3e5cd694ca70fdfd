// Writes data/examples/feelings-es.csv: short Spanish sentences labelled alegría / tristeza / enfado, from templates
// with a fixed seed (`npx tsx data/examples/make-feelings.ts`). A stand-in for a student's own file: another language,
// label names of its own, quoted fields with commas and quotes in them. Words written "o|a" agree with the subject.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Rng } from "../../kernel-lib/src/tensor";

// who feels, and whether the adjectives agree in the feminine ("está furiosa", "muy contenta")
const WHO: { who: string; fem: boolean }[] = [
  { who: "mi hermana", fem: true }, { who: "el vecino", fem: false }, { who: "mi abuelo", fem: false },
  { who: "la profesora", fem: true }, { who: "mi amigo", fem: false }, { who: "el equipo", fem: false },
  { who: "mi madre", fem: true }, { who: "el jefe", fem: false },
];
const WHEN = ["hoy", "esta mañana", "ayer", "el domingo", "por fin", "otra vez"];
const FEEL: Record<string, { verbs: string[]; things: string[]; marks: string[] }> = {
  "alegría": {
    verbs: ["celebra", "disfruta", "sonríe por", "está feliz con", "baila por", "se ríe con"],
    things: ["la fiesta", "el regalo", "las vacaciones", "la buena noticia", "el concierto", "la victoria"],
    marks: ["¡qué bien!", "¡genial!", "muy contento|contenta", "qué alegría"],
  },
  "tristeza": {
    verbs: ["llora por", "echa de menos", "está triste por", "lamenta", "sufre por", "no olvida"],
    things: ["la despedida", "el perro perdido", "la lluvia", "la carta", "el viejo amigo", "la casa vacía"],
    marks: ["qué pena", "sin ganas", "muy solo|sola", "en silencio"],
  },
  "enfado": {
    verbs: ["grita por", "se queja de", "está furioso|furiosa con", "odia", "protesta por", "no soporta"],
    things: ["el ruido", "la factura", "el retraso", "la mentira", "el atasco", "la cola"],
    marks: ["¡basta ya!", "qué rabia", "harto|harta", "¡increíble!"],
  },
};

const rng = new Rng(7);
const pick = <T>(xs: readonly T[]): T => xs[rng.int(xs.length)];
const csv = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const rows = ["frase,emoción"];
for (let i = 0; i < 40; i++) {
  for (const [label, f] of Object.entries(FEEL)) {
    const { who, fem } = pick(WHO);
    const agree = (w: string) => w.replace(/(\S+)\|(\S+)/g, (_m, masc: string, femn: string) => (fem ? femn : masc));
    let s = `${who} ${agree(pick(f.verbs))} ${pick(f.things)} ${pick(WHEN)}, ${agree(pick(f.marks))}`;
    if (rng.int(5) === 0) s = `dice: "${s}"`;
    rows.push(`${csv(s.charAt(0).toUpperCase() + s.slice(1))},${label}`);
  }
}
writeFileSync(join(__dirname, "feelings-es.csv"), rows.join("\n") + "\n");
console.log(`wrote ${rows.length - 1} rows to data/examples/feelings-es.csv`);
