// Tensors in a model file: float64 little-endian bytes in base64 (every bit kept, −0 and all), with a checksum per tensor.
import { Tensor, checkTensor, fmtShape, sizeOf } from "../tensor";
import { argError, describe } from "../args";

/** One stored tensor: its shape, dtype, base64 of the float64 little-endian bytes, and the FNV-1a hash of those bytes. */
export interface StoredTensor {
  shape: number[];
  dtype: "float64";
  data: string;
  fnv1a: string;
}

/** The 32-bit FNV-1a hash of bytes, as 8 hex digits (detects corruption; not a cryptographic hash). */
export function fnv1a(bytes: Uint8Array): string {
  if (!(bytes instanceof Uint8Array)) throw argError("fnv1a", "bytes", "a Uint8Array", bytes);
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

/** The float64 values as little-endian bytes (whatever the platform's byte order). */
function le64(values: Float64Array): Uint8Array {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i], true);
  return bytes;
}

function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Encodes a tensor for a model file (exact: decoding gives the same bits). */
export function encodeTensor(t: Tensor): StoredTensor {
  checkTensor("encodeTensor", "t", t);
  const bytes = le64(t.data);
  return { shape: t.shape.slice(), dtype: "float64", data: toBase64(bytes), fnv1a: fnv1a(bytes) };
}

/**
 * Decodes a stored tensor, checking shape, dtype, length and checksum; errors name the tensor and what is wrong.
 * @param fn the caller, @param name the tensor's name in the file
 */
export function decodeTensor(fn: string, name: string, s: unknown): Tensor {
  const bad = (what: string): never => {
    throw new Error(`${fn}: tensor ${name} ${what}`);
  };
  if (!s || typeof s !== "object") bad(`must be an object { shape, dtype, data, fnv1a }, got ${describe(s)}`);
  const st = s as StoredTensor;
  if (!Array.isArray(st.shape) || !st.shape.every((d) => Number.isInteger(d) && d >= 0)) bad(`has shape ${describe(st.shape)}, not a list of sizes`);
  if (st.dtype !== "float64") bad(`has dtype ${describe(st.dtype)}; this version reads "float64"`);
  if (typeof st.data !== "string") bad("has no base64 data string");
  let bin: string;
  try {
    bin = atob(st.data);
  } catch {
    return bad("data is not valid base64 (the file is corrupted)");
  }
  const n = sizeOf(st.shape);
  if (bin.length !== n * 8) bad(`holds ${bin.length} bytes, but shape ${fmtShape(st.shape)} needs ${n * 8} (the file is truncated or corrupted)`);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const h = fnv1a(bytes);
  if (h !== st.fnv1a) bad(`fails its checksum: fnv1a ${h}, the file says ${JSON.stringify(st.fnv1a)} (the file is corrupted)`);
  const view = new DataView(bytes.buffer);
  const data = new Float64Array(n);
  for (let i = 0; i < n; i++) data[i] = view.getFloat64(i * 8, true);
  return new Tensor(data, st.shape.slice());
}
