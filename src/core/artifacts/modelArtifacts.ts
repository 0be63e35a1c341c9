// The files of a model folder for its layout — scaler.json + classifier.json, or pipeline.json —
// plus the data snapshot, and the manifest's `model` map that names them. Training and joblib
// import write the same folder shape through this one place.
import type { Pipeline } from '../pipeline';
import type { Layout } from '../usecases/contracts';
import { DATA_FILE, type ModelFiles } from './manifest';
import { jsonText } from './saveModel';

export function modelArtifactFiles(layout: Layout, pipeline: Pipeline, data: Uint8Array): { files: Record<string, string | Uint8Array>; model: ModelFiles } {
  const files: Record<string, string | Uint8Array> = {};
  let model: ModelFiles;
  if (layout === 'pipeline') {
    files['pipeline.json'] = jsonText(pipeline.toJSON());
    model = { pipeline: 'pipeline.json' };
  } else {
    files['scaler.json'] = jsonText(pipeline.scaler.toJSON());
    files['classifier.json'] = jsonText(pipeline.svc.toJSON());
    model = { scaler: 'scaler.json', classifier: 'classifier.json' };
  }
  files[DATA_FILE] = data;
  return { files, model };
}
