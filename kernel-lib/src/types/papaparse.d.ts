// The part of papaparse's API the library uses (its @types package is not installed): parsing and writing CSV/TSV.
declare module "papaparse" {
  export interface ParseError { code?: string; message: string; row?: number }
  export interface ParseResult<T> { data: T[]; errors: ParseError[]; meta: { delimiter: string; fields?: string[] } }
  export function parse<T = Record<string, string>>(text: string, config: Record<string, unknown>): ParseResult<T>;
  export function unparse(data: { fields: string[]; data: unknown[][] } | unknown[][], config?: Record<string, unknown>): string;
}
