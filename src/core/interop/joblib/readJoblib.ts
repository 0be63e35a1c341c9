// A .joblib file's bytes → the inert object tree inside, never executing anything.
import { UserError } from '../../types';
import { ByteCursor } from '../pickle/byteCursor';
import { readPickle } from '../pickle/pickleReader';
import type { PyValue } from '../pickle/pickleValues';
import { decompressJoblib, refuseOldProtocol, type Compression, DEFAULT_MAX_DECOMPRESSED } from './decompress';
import { joblibHooks } from './joblibHooks';

export interface JoblibContents {
  readonly root: PyValue;
  readonly compression: Compression;
}

export function readJoblib(bytes: Uint8Array, fileLabel: string, options: { maxDecompressed?: number } = {}): JoblibContents {
  const { pickle, compression } = decompressJoblib(bytes, fileLabel, options.maxDecompressed ?? DEFAULT_MAX_DECOMPRESSED);
  const label = compression === 'none' ? fileLabel : `${fileLabel} (${compression}-decompressed)`;
  // Compressed, a protocol 0/1 stream is only seen once inflated (uncompressed, detectCompression says so).
  if (pickle[0] !== 0x80) refuseOldProtocol(pickle, fileLabel);
  const cursor = new ByteCursor(pickle, label);
  let root: PyValue;
  try {
    root = readPickle(cursor, joblibHooks);
  } catch (e) {
    if (e instanceof UserError) throw e;
    // Anything else is a reader bug or an exhausted engine limit; never let it escape raw.
    throw new UserError(`${label}: byte ${cursor.pos}: cannot read the pickle (${e instanceof Error ? e.message : String(e)}).`);
  }
  if (cursor.remaining !== 0) {
    throw new UserError(`${label}: byte ${cursor.pos}: ${cursor.remaining} unexpected bytes after the end of the pickle (damaged file).`);
  }
  return { root, compression };
}
