// What each public callable's parameters accept, read from the TypeScript declarations, so the fuzz knows a wrong-type call from a wrong value.
import { dirname, join } from "node:path";
import ts from "typescript";

/**
 * The families of JavaScript values a parameter's declared type admits. `"any"`: every value (any, unknown, a bare generic).
 * `"array-number"`: arrays of numbers only (a ragged nested array is then a wrong type); `"object-empty"`: `{}` fits (every
 * property optional, or an index signature); `"object"`: some object with required members (a class instance, an interface).
 */
export type Family =
  | "any" | "undefined" | "null" | "number" | "string" | "boolean" | "bigint" | "symbol" | "function"
  | "array" | "array-number" | "typedarray" | "object-empty" | "object";

/** One parameter: its name and the families it admits (an optional parameter admits `"undefined"`). */
export interface ParamInfo {
  name: string;
  families: Family[];
}

/** A callable: its parameter lists (one per overload); `props` lists the first object parameter's properties when it is an options object. */
export interface CallableInfo {
  /** The source folder of the declaration under kernel-lib/src (`"tensor"`, `"display"`, …). */
  folder: string;
  signatures: ParamInfo[][];
  /** For an options object in parameter `index`: each property's families. */
  options?: { index: number; props: Record<string, Family[]> };
}

/** Everything the fuzz calls, by label: `"sum"`, `"ag.add"`, `"new LSTM"`, `"LSTM#forward"`. */
export type TypeTable = Record<string, CallableInfo>;

const ROOT = join(__dirname, "..", "..");

/** Reads the declarations of `kernel-lib/src/index.ts` with the TypeScript checker (a few seconds). */
export function readTypeTable(): TypeTable {
  const configPath = join(ROOT, "kernel-lib", "tsconfig.json");
  const cfg = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, dirname(configPath));
  const entry = join(ROOT, "kernel-lib", "src", "index.ts");
  const program = ts.createProgram([entry], { ...cfg.options, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry)!;
  const table: TypeTable = {};

  const familiesOf = (t: ts.Type, out: Set<Family>, depth = 0): void => {
    const f = t.flags;
    if (depth > 6 || f & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) { out.add("any"); return; }
    if (t.isUnion()) { for (const u of t.types) familiesOf(u, out, depth + 1); return; }
    if (t.isIntersection()) {
      // an intersection of object types admits {} only when every member does
      const parts = t.types.map((u) => { const o = new Set<Family>(); familiesOf(u, o, depth + 1); return o; });
      for (const o of parts) for (const x of o) if (x !== "object-empty") out.add(x);
      if (parts.every((o) => o.has("object-empty"))) out.add("object-empty");
      return;
    }
    if (f & ts.TypeFlags.TypeParameter) {
      const c = checker.getBaseConstraintOfType(t);
      if (c && c !== t && !(c.flags & ts.TypeFlags.Unknown)) familiesOf(c, out, depth + 1);
      else out.add("any");
      return;
    }
    if (f & (ts.TypeFlags.Number | ts.TypeFlags.Enum)) out.add("number");
    if (f & (ts.TypeFlags.String | ts.TypeFlags.TemplateLiteral)) out.add("string");
    if (f & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) out.add("boolean");
    if (f & ts.TypeFlags.BigInt) out.add("bigint");
    if (f & ts.TypeFlags.ESSymbol) out.add("symbol");
    if (f & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)) out.add("undefined");
    if (f & ts.TypeFlags.Null) out.add("null");
    if (f & ts.TypeFlags.NonPrimitive) { for (const x of ["object", "object-empty", "array", "function", "typedarray"] as const) out.add(x); return; }
    if (!(f & ts.TypeFlags.Object)) return;
    if (checker.isArrayType(t) || checker.isTupleType(t)) {
      const args = checker.getTypeArguments(t as ts.TypeReference);
      const inner = new Set<Family>();
      for (const a of args) familiesOf(a, inner, depth + 1);
      out.add([...inner].every((x) => x === "number") ? "array-number" : "array");
      return;
    }
    const name = t.getSymbol()?.getName() ?? "";
    if (/^(Float64Array|Float32Array|Int32Array|Uint8Array|Uint32Array)$/.test(name)) { out.add("typedarray"); return; }
    if (name === "ArrayLike" || name === "Iterable") { out.add("array"); out.add("typedarray"); return; }
    if (t.getCallSignatures().length > 0) { out.add("function"); return; }
    const props = checker.getPropertiesOfType(t);
    const indexed = checker.getIndexInfosOfType(t).length > 0;
    if (indexed || props.every((p) => (p.flags & ts.SymbolFlags.Optional) !== 0)) out.add("object-empty");
    out.add("object");
  };

  const paramInfo = (p: ts.Symbol): ParamInfo => {
    const decl = p.valueDeclaration as ts.ParameterDeclaration | undefined;
    const out = new Set<Family>();
    familiesOf(checker.getTypeOfSymbolAtLocation(p, source), out);
    if (decl && (decl.questionToken || decl.initializer || decl.dotDotDotToken)) out.add("undefined");
    return { name: p.getName(), families: [...out] };
  };

  const optionsOf = (sig: ts.Signature): CallableInfo["options"] => {
    for (let i = 0; i < sig.parameters.length; i++) {
      if (!/^(opts|options)$/.test(sig.parameters[i].getName())) continue;
      const t = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(sig.parameters[i], source));
      if (!(t.flags & (ts.TypeFlags.Object | ts.TypeFlags.Intersection)) || checker.isArrayType(t) || t.getCallSignatures().length) continue;
      const name = t.getSymbol()?.getName() ?? "";
      if (name === "Tensor" || /Array$/.test(name)) continue;
      const props: Record<string, Family[]> = {};
      for (const p of checker.getPropertiesOfType(t)) {
        const pt = checker.getTypeOfSymbolAtLocation(p, source);
        if (pt.getCallSignatures().length && (p.flags & ts.SymbolFlags.Method)) continue;
        const out = new Set<Family>();
        familiesOf(pt, out);
        if (p.flags & ts.SymbolFlags.Optional) out.add("undefined");
        props[p.getName()] = [...out];
      }
      if (Object.keys(props).length > 0) return { index: i, props };
    }
    return undefined;
  };

  // members declared in the library and public (protected and private members are not the user's to call)
  const ours = (m: ts.Symbol): boolean => (m.declarations ?? []).some((d) => d.getSourceFile().fileName.includes("/kernel-lib/src/") &&
    !(ts.getCombinedModifierFlags(d) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)));

  const record = (label: string, sigs: readonly ts.Signature[]): void => {
    if (sigs.length === 0) return;
    const file = sigs[0].getDeclaration()?.getSourceFile().fileName ?? "";
    const folder = /kernel-lib\/src\/([^/]+)\//.exec(file)?.[1] ?? "?";
    table[label] = { folder, signatures: sigs.map((s) => s.parameters.map(paramInfo)), options: optionsOf(sigs[0]) };
  };

  const visitModule = (moduleSymbol: ts.Symbol, prefix: string): void => {
    for (let sym of checker.getExportsOfModule(moduleSymbol)) {
      const name = prefix + sym.getName(); // the exported name (`ag`), not the aliased module's
      if (sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
      if (sym.flags & (ts.SymbolFlags.ValueModule | ts.SymbolFlags.NamespaceModule) || ts.isSourceFile(sym.valueDeclaration ?? sym.declarations?.[0] ?? source.statements[0])) {
        visitModule(sym, `${name}.`);
        continue;
      }
      if (!(sym.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Class | ts.SymbolFlags.Variable))) continue;
      const type = checker.getTypeOfSymbolAtLocation(sym, source);
      record(name, type.getCallSignatures());
      record(`new ${name}`, type.getConstructSignatures());
      if (sym.flags & ts.SymbolFlags.Class) {
        const inst = checker.getDeclaredTypeOfSymbol(sym);
        for (const m of checker.getPropertiesOfType(inst)) {
          if (!(m.flags & ts.SymbolFlags.Method) || !ours(m)) continue;
          record(`${name}#${m.getName()}`, checker.getTypeOfSymbolAtLocation(m, source).getCallSignatures());
        }
        for (const m of checker.getPropertiesOfType(type)) {
          if (m.flags & ts.SymbolFlags.Method && ours(m)) record(`${name}.${m.getName()}`, checker.getTypeOfSymbolAtLocation(m, source).getCallSignatures());
        }
      }
    }
  };
  visitModule(checker.getSymbolAtLocation(source)!, "");
  return table;
}
