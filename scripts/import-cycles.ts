// Finds import cycles among kernel-lib/src's TypeScript files: cycles of imports that load modules (what breaks at run time),
// and, separately, cycles that close only through `import type` (erased when compiled, still a tangle for the reader).
// Prints each and exits 1 on either kind; test/import-cycles.test.ts runs it in CI.
//   node --import tsx scripts/import-cycles.ts
import { existsSync, readFileSync, readdirSync, statSync } from "fs";
import { dirname, join, relative, resolve } from "path";

/** Every non-test .ts file under `dir`. */
function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (p.endsWith(".ts") && !p.endsWith(".test.ts") && !p.endsWith(".d.ts")) out.push(p);
  }
  return out;
}

/** The local files `file` imports or re-exports (relative specifiers resolved to .ts or index.ts); `types`: also `import type`. */
function importsOf(file: string, types: boolean): string[] {
  const text = readFileSync(file, "utf8");
  const out: string[] = [];
  const re = /(?:^|\n)\s*(?:import|export)\s([^;]*?)from\s+["'](\.[^"']*)["']|(?:^|\n)\s*import\s+["'](\.[^"']*)["']/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (!types && m[1] !== undefined && /^type\s/.test(m[1].trim())) continue;
    const spec = m[2] ?? m[3];
    const base = resolve(dirname(file), spec);
    for (const cand of [`${base}.ts`, join(base, "index.ts")]) {
      if (existsSync(cand)) { out.push(cand); break; }
    }
  }
  return out;
}

/**
 * The cycles of the import graph (one per strongly connected component of more than one file, or a self-import), as file
 * lists; `types: true` counts `import type` edges too.
 */
export function importCycles(root: string, opts: { types?: boolean } = {}): string[][] {
  const files = sources(root);
  const edges = new Map(files.map((f) => [f, importsOf(f, opts.types ?? false)]));
  // Tarjan's strongly connected components
  let index = 0;
  const idx = new Map<string, number>(), low = new Map<string, number>(), on = new Set<string>(), stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index); low.set(v, index); index++;
    stack.push(v); on.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!idx.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); }
      else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do { w = stack.pop()!; on.delete(w); comp.push(w); } while (w !== v);
      if (comp.length > 1 || (edges.get(v) ?? []).includes(v)) cycles.push(comp.map((f) => relative(root, f)).sort());
    }
  };
  for (const f of files) if (!idx.has(f)) visit(f);
  return cycles;
}

if (require.main === module) {
  const root = process.argv[2] ? resolve(process.argv[2]) : join(__dirname, "..", "kernel-lib", "src");
  const cycles = importCycles(root);
  for (const c of cycles) console.log(`import cycle: ${c.join(" ⇄ ")}`);
  const runtime = new Set(cycles.map((c) => c.join()));
  const typeOnly = importCycles(root, { types: true }).filter((c) => !runtime.has(c.join()));
  for (const c of typeOnly) console.log(`type-only import cycle: ${c.join(" ⇄ ")}`);
  if (cycles.length > 0 || typeOnly.length > 0) process.exit(1);
  console.log("no import cycles in kernel-lib/src, not even through type-only imports");
}
