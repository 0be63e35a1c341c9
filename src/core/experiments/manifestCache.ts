// The cached listing of a models folder (manifestListing.ts) in either mode: 'manifest' (model.json
// only) or 'files', which checks every file's hash by loading the model (loadModel) — as listModels
// does, but re-reading only the folders whose stats changed.
import type { FileSystem } from '../io/fileSystem';
import { loadModel } from '../artifacts/loadModel';
import { ManifestListing, type ManifestCacheOptions } from './manifestListing';

export type { ListStats, ManifestCacheOptions, VerifyLevel } from './manifestListing';

export class ManifestCache extends ManifestListing {
  constructor(fs: FileSystem, options: ManifestCacheOptions = {}) {
    super(fs, options, async (f, dir) => (await loadModel(f, dir)).manifest);
  }
}
