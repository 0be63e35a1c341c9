// A CSV file compressed with gzip and named so (iris.csv.gz), read as pandas.read_csv reads it: its
// compression='infer' decompresses a name ending in .gz. Node decompresses gzip itself; bzip2, xz
// and zstd, which pandas also infers, have no decoder here and stay refused (notCsvFormats.ts). The
// model's data.csv is the decompressed text, and model.json says it came from a gzip file.
import { gunzip as gunzipCallback, createGunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { Readable } from 'node:stream';
import { UserError } from '../types';
import { isAbortError } from '../abort';

/** The text a .gz file may hold at most: a table larger than this is sampled from its plain file (--max-rows). */
export const MAX_GUNZIPPED_BYTES = 1 << 30;

/** pandas' inference: a path ending in .gz is gzip-compressed. */
export function isGzipName(path: string): boolean {
  return /\.gz$/i.test(path);
}

function gzipError(label: string, e: unknown): UserError {
  const code = (e as { code?: string }).code;
  if (code === 'ERR_BUFFER_TOO_LARGE') {
    return new UserError(`${label}: decompresses to more than ${MAX_GUNZIPPED_BYTES >> 20} MB of text — decompress it (gunzip -c) and train on a sample of the plain file with --max-rows`);
  }
  const why = code === 'Z_DATA_ERROR' ? 'its compressed data is damaged' : code === 'Z_BUF_ERROR' ? 'it ends before its compressed data does' : (e as Error).message;
  return new UserError(`${label}: cannot decompress it as gzip (${why}) — compress the CSV again (gzip -k) or give the plain file`);
}

/** Bytes that start as gzip does. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

const gunzipAsync = promisify(gunzipCallback);

/** The text of a whole gzip file's bytes, decompressed off the event loop (a Ctrl-C is seen meanwhile). */
export async function gunzipCsv(bytes: Uint8Array, label: string): Promise<Uint8Array> {
  try {
    return await gunzipAsync(bytes, { maxOutputLength: MAX_GUNZIPPED_BYTES });
  } catch (e) {
    throw gzipError(label, e);
  }
}

/** A .gz file's chunks decompressed as they come (predict streams them); chunks that are not gzip pass as they are. */
export async function* gunzipChunks(chunks: AsyncIterable<Uint8Array>, label: string): AsyncGenerator<Uint8Array> {
  const source = chunks[Symbol.asyncIterator]();
  const first = await source.next();
  if (first.done) return;
  const head = first.value;
  const rest = async function* () {
    yield head;
    for (let r = await source.next(); !r.done; r = await source.next()) yield r.value;
  };
  if (!isGzip(head)) {
    yield* rest();
    return;
  }
  const compressed = Readable.from(rest());
  const gunzip = createGunzip();
  // A read error of the file (or a cancel) ends the decompression with that error, unchanged.
  compressed.on('error', (e) => gunzip.destroy(e));
  compressed.pipe(gunzip);
  try {
    for await (const chunk of gunzip) yield chunk as Buffer;
  } catch (e) {
    throw e instanceof UserError || isAbortError(e) ? e : gzipError(label, e);
  } finally {
    compressed.destroy();
    await source.return?.();
  }
}

/** A data file's chunks as pandas reads the file: decompressed when its name ends in .gz (compression="infer"). */
export function fileChunksAsRead(path: string, chunks: AsyncIterable<Uint8Array>, label: string): AsyncIterable<Uint8Array> {
  return isGzipName(path) ? gunzipChunks(chunks, label) : chunks;
}
