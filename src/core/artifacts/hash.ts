import { nodeCrypto } from '../io/nodeCrypto';

export function sha256Hex(data: Uint8Array | string): string {
  return nodeCrypto().createHash('sha256').update(data).digest('hex');
}
