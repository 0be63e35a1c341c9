// node:crypto, loaded on first use. Loading it costs 5–7 ms here (plain Node, a minified
// dist/extension.js: require 13–14 ms, 3.5–5.7 ms with node:crypto already loaded), and the
// extension host had not loaded it when the extension activated: activation hashes and writes
// nothing, so that cost moves to the first listing (model.json's seal) or the first write.
import type * as NodeCrypto from 'node:crypto';

let loaded: typeof NodeCrypto | undefined;

export function nodeCrypto(): typeof NodeCrypto {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load (a Node built-in, left as require by esbuild)
  loaded ??= require('node:crypto') as typeof NodeCrypto;
  return loaded;
}
