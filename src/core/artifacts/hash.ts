import type { FileSystem } from '../io/fileSystem';
import { nodeCrypto } from '../io/nodeCrypto';

export function sha256Hex(data: Uint8Array | string): string {
  return nodeCrypto().createHash('sha256').update(data).digest('hex');
}

/** sha256 of a file's bytes, read in chunks (FileSystem.readChunks): the file is never held whole. */
export async function sha256OfFile(fs: FileSystem, path: string): Promise<string> {
  const hash = nodeCrypto().createHash('sha256');
  for await (const chunk of fs.readChunks(path)) hash.update(chunk);
  return hash.digest('hex');
}
