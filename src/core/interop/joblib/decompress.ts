// joblib's compress= option wraps the whole pickle stream. zlib and gzip are read with
// node:zlib under an output cap; xz/lzma/bz2/lz4 are recognised and refused by name.
import { gunzipSync, inflateSync } from 'node:zlib';
import { UserError } from '../../types';

/** Decompressed size limit: far above any StandardScaler + SVC file, far below a zip bomb. */
export const DEFAULT_MAX_DECOMPRESSED = 256 * 1024 * 1024;

export type Compression = 'none' | 'zlib' | 'gzip';

const startsWith = (b: Uint8Array, sig: readonly number[]): boolean => sig.every((x, i) => b[i] === x);

export function detectCompression(bytes: Uint8Array, fileLabel: string): Compression {
  if (bytes.length === 0) throw new UserError(`${fileLabel}: the file is empty.`);
  if (bytes[0] === 0x80) return 'none'; // pickle PROTO opcode
  if (bytes[0] === 0x78 && bytes.length >= 2 && ((bytes[0] << 8) | bytes[1]!) % 31 === 0) return 'zlib';
  if (startsWith(bytes, [0x1f, 0x8b])) return 'gzip';
  const refuse = (name: string): never => {
    throw new UserError(
      `${fileLabel}: the file is ${name}-compressed, which Model Lab cannot read. Re-save it with ` +
        `joblib.dump(model, path, compress=('zlib', 3)) (zlib, whatever the name ends with), or to a name ending in .joblib without compression.`,
    );
  };
  if (startsWith(bytes, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return refuse('xz');
  if (startsWith(bytes, [0x42, 0x5a, 0x68])) return refuse('bz2');
  if (startsWith(bytes, [0x5d, 0x00, 0x00])) return refuse('lzma');
  if (startsWith(bytes, [0x04, 0x22, 0x4d, 0x18])) return refuse('lz4');
  if (startsWith(bytes, [0x5a, 0x46])) {
    throw new UserError(`${fileLabel}: the file uses joblib's pre-0.10 format (ZF); re-save it with a current joblib.`);
  }
  refuseOldProtocol(bytes, fileLabel);
  throw new UserError(
    `${fileLabel}: this is not a joblib file (it starts with bytes ${[...bytes.subarray(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join(' ')}, ` +
      'neither a pickle nor zlib/gzip data).',
  );
}

/**
 * Pickle protocols 0 and 1 (joblib.dump or pickle.dump with protocol=0 or 1) have no PROTO opcode:
 * such a stream starts with a text GLOBAL ("c" module newline name newline: copy_reg._reconstructor
 * for an object, numpy's _reconstruct for an array) or an opening MARK/empty container, and ends
 * with STOP. Model Lab reads protocols 2 to 5 only; this says so rather than "not a joblib file".
 */
export function refuseOldProtocol(pickle: Uint8Array, label: string): void {
  if (pickle.length < 2 || pickle[pickle.length - 1] !== 0x2e) return; // STOP
  const head = new TextDecoder('latin1').decode(pickle.subarray(0, 256));
  if (!/^(c[A-Za-z_][\w.]*\n[A-Za-z_][\w.]*\n|[(\]})])/.test(head)) return;
  throw new UserError(
    `${label}: pickle protocol 0 or 1, which Model Lab does not read; re-save it with joblib.dump(model, path) ` +
      '(or pickle.dump(model, f)) without protocol=: the default, 4 (5 from Python 3.14), is read.',
  );
}

/** The pickle bytes inside a joblib file. */
export function decompressJoblib(bytes: Uint8Array, fileLabel: string, maxOutput = DEFAULT_MAX_DECOMPRESSED): { pickle: Uint8Array; compression: Compression } {
  const compression = detectCompression(bytes, fileLabel);
  if (compression === 'none') return { pickle: bytes, compression };
  try {
    const out = compression === 'zlib' ? inflateSync(bytes, { maxOutputLength: maxOutput }) : gunzipSync(bytes, { maxOutputLength: maxOutput });
    return { pickle: new Uint8Array(out.buffer, out.byteOffset, out.byteLength), compression };
  } catch (e) {
    const code = (e as { code?: string }).code;
    const why =
      code === 'ERR_BUFFER_TOO_LARGE' || /too large|maxOutputLength/i.test(String(e))
        ? `it expands beyond ${maxOutput} bytes (refusing a possible decompression bomb)`
        : /unexpected end/i.test(String(e))
          ? 'the compressed data ends early (truncated file)'
          : `the compressed data is damaged (${(e as Error).message})`;
    throw new UserError(`${fileLabel}: cannot decompress the ${compression} data: ${why}.`);
  }
}
