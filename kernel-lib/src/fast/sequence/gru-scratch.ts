// Buffers the GRU sequence kernel keeps between calls of the same size (input-product chunk, G_h, BPTT workspaces).

const scratchBuffers = new Map<string, Float64Array>();

/** The call-internal buffer `key` of `n` values: the previous one when the size matches (its old values left, or zeroed with `zero`), else new. */
export function callScratch(key: string, n: number, zero = false): Float64Array {
  const b = scratchBuffers.get(key);
  if (b !== undefined && b.length === n) return zero ? b.fill(0) : b;
  const fresh = new Float64Array(n);
  scratchBuffers.set(key, fresh);
  return fresh;
}
