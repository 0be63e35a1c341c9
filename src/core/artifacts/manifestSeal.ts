// model.json's own fingerprint. Its `files` hash every other file of the folder, but nothing hashed
// model.json itself, so an edit that kept it valid (a recorded accuracy changed in the editor, a
// merge) went unseen by every view until a validation. `manifestSha256` is the sha256 of the rest of
// model.json in one canonical form — JSON.stringify of the parsed file without that field: keys in
// the saved order, numbers as their shortest round trip — so re-indenting the file changes nothing
// and an edited value shows as "model.json (modified)". Models saved before it have no seal.
import { sha256Hex } from './hash';

export const MANIFEST_SEAL_FIELD = 'manifestSha256';

/** 'intact': the seal matches; 'broken': model.json changed after saving; 'absent': an older model. */
export type ManifestSeal = 'intact' | 'broken' | 'absent';

/** The manifest with its seal appended (the last field of model.json). */
export function sealManifest<T extends object>(manifest: T): T & { [MANIFEST_SEAL_FIELD]: string } {
  const { [MANIFEST_SEAL_FIELD]: _old, ...rest } = manifest as Record<string, unknown>;
  return { ...rest, [MANIFEST_SEAL_FIELD]: sha256Hex(JSON.stringify(rest)) } as T & { [MANIFEST_SEAL_FIELD]: string };
}

/** Checks the seal of a parsed model.json. */
export function manifestSeal(json: unknown): ManifestSeal {
  if (typeof json !== 'object' || json === null || !Object.prototype.hasOwnProperty.call(json, MANIFEST_SEAL_FIELD)) return 'absent';
  const { [MANIFEST_SEAL_FIELD]: seal, ...rest } = json as Record<string, unknown>;
  return typeof seal === 'string' && seal === sha256Hex(JSON.stringify(rest)) ? 'intact' : 'broken';
}
