// CRC-32 (zlib's polynomial) of int32 values as little-endian bytes, to match Python's
// zlib.crc32(np.asarray(a, dtype='<i4').tobytes(), crc) in scripts/fixtures/numerics.py.
const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[i] = c >>> 0;
  }
  return t;
})();

export function crc32Int32(values: Int32Array, crc = 0): number {
  let c = ~crc >>> 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    c = TABLE[(c ^ v) & 0xff]! ^ (c >>> 8);
    c = TABLE[(c ^ (v >>> 8)) & 0xff]! ^ (c >>> 8);
    c = TABLE[(c ^ (v >>> 16)) & 0xff]! ^ (c >>> 8);
    c = TABLE[(c ^ (v >>> 24)) & 0xff]! ^ (c >>> 8);
  }
  return ~c >>> 0;
}
