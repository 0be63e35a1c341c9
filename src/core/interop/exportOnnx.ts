// A saved Model Lab model → model.onnx (Scaler + SVMClassifier), written beside model.json.
// The file is derived, so it is not part of the manifest's hashes.
import type { FileSystem } from '../io/fileSystem';
import { paths } from '../io/fileSystem';
import { loadModel } from '../artifacts/loadModel';
import { TOOL } from '../artifacts/toolInfo';
import { withOsErrors } from '../io/osErrors';
import { buildOnnxModel } from './onnx/onnxModel';

export const ONNX_FILE = 'model.onnx';

export interface OnnxExportResult {
  readonly path: string;
  readonly bytes: number;
  readonly classes: (number | string)[];
}

/**
 * Writes the model at modelDir as ONNX to options.out (default MODEL_DIR/model.onnx) through the
 * FileSystem's safe writer: a planted link, a folder or a device there is refused (UserError), as
 * are a damaged model and an OS refusal (named by the output file). Names and feature names from
 * model.json go into the file as JSON-quoted text only.
 */
export async function exportOnnx(modelDir: string, fs: FileSystem, options: { out?: string } = {}): Promise<OnnxExportResult> {
  const model = await loadModel(fs, modelDir);
  const m = model.manifest;
  const onnx = buildOnnxModel(model.pipeline.scaler.toJSON(), model.pipeline.svc.toJSON(), {
    producerVersion: TOOL.version,
    modelName: m.name, // parseManifest accepts only plain model names (letters, digits, . _ -)
    docString: `StandardScaler + SVC exported by Model Lab from model ${JSON.stringify(m.name)}; input columns ${JSON.stringify(m.featureNames)} (float32).`,
    metadata: { featureNames: JSON.stringify(m.featureNames), classNames: JSON.stringify(m.classNames) },
  });
  const out = options.out ?? paths.join(modelDir, ONNX_FILE);
  await withOsErrors({ path: out, doing: 'cannot write the ONNX file', choose: 'choose another file (--out)' }, () => fs.writeFile(out, onnx));
  return { path: out, bytes: onnx.length, classes: model.pipeline.classes };
}
