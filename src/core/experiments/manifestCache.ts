// The cached listing of a models folder (manifestListing.ts) in either mode: 'manifest' (model.json
// only) or 'files', which checks every file's hash and the model's parts (checkModel) — as listModels
// does, but re-reading only the folders whose stats changed.
import type { FileSystem } from '../io/fileSystem';
import { checkModel } from '../artifacts/loadModel';
import { ManifestListing, type ManifestCacheOptions } from './manifestListing';

export type { ListStats, ManifestCacheOptions, VerifyLevel } from './manifestListing';

export class ManifestCache extends ManifestListing {
  constructor(fs: FileSystem, options: ManifestCacheOptions = {}) {
    // checkModel, not loadModel: a listing keeps no data.csv in memory (32 folders are read at once).
    super(fs, options, checkModel);
  }
}
