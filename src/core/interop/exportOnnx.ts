// A saved Model Lab model → model.onnx (Scaler + SVMClassifier), written beside model.json through a
// temporary file. The file is derived, so it is not part of the manifest's hashes.
import type { FileSystem } from '../io/fileSystem';
import { paths } from '../io/fileSystem';
import { loadCheckedModel } from '../usecases/checkedModel';
import { TOOL } from '../artifacts/toolInfo';
import { buildOnnxModel } from './onnx/onnxModel';
import { EXPORT_ELSEWHERE, publishFiles, type ReplaceQuestion } from './publishFiles';

export const ONNX_FILE = 'model.onnx';

export interface OnnxExportResult {
  readonly path: string;
  readonly bytes: number;
  readonly classes: (number | string)[];
  /** What the ONNX file cannot do as scikit-learn does (break_ties=True), for the front ends to say. */
  readonly note?: string;
  /** The file it replaced, which held other bytes (an earlier export of another model, a file of the user's); none or one. */
  readonly replaced: string[];
}

/**
 * ONNX's SVMClassifier labels a row by its one-vs-one votes, the lowest class winning a tie, as
 * scikit-learn does with break_ties=False. With break_ties=True (and more than two classes)
 * scikit-learn breaks a tie by the decision function instead, so on such rows the labels differ.
 */
const BREAK_TIES_NOTE = 'the SVC has break_ties=True, which ONNX\'s SVMClassifier does not have: it breaks tied one-vs-one votes as break_ties=False does (the first class), so on a row whose votes tie its label can differ from scikit-learn\'s';

/**
 * Writes the model as ONNX to `out` (default MODEL_DIR/model.onnx) through publishFiles and the
 * FileSystem's safe writer: a planted link, a folder or a device there is refused, as are a damaged or
 * edited model, labels ONNX cannot carry and an OS refusal (one UserError line naming the path).
 * Names and feature names from model.json go into the file as JSON-quoted text only.
 */
export async function exportOnnx(modelDir: string, fs: FileSystem, options: { out?: string; confirmReplace?: ReplaceQuestion } = {}): Promise<OnnxExportResult> {
  const model = (await loadCheckedModel(modelDir, fs)).model;
  const m = model.manifest;
  const onnx = buildOnnxModel(model.pipeline.scaler.toJSON(), model.pipeline.svc.toJSON(), {
    producerVersion: TOOL.version,
    featureNames: m.featureNames,
    modelName: m.name, // parseManifest accepts only plain model names (letters, digits, . _ -)
    docString: `StandardScaler + SVC exported by Model Lab from model ${JSON.stringify(m.name)}; input columns ${JSON.stringify(m.featureNames)} (float32).`,
    metadata: { featureNames: JSON.stringify(m.featureNames), classNames: JSON.stringify(m.classNames) },
  });
  const out = options.out ?? paths.join(modelDir, ONNX_FILE);
  const dir = paths.dirname(out);
  const { replaced } = await publishFiles(fs, {
    dir,
    files: new Map([[paths.basename(out), onnx]]),
    recorded: paths.relative(dir, modelDir) === '' ? m.files : undefined,
    doing: 'cannot write the ONNX file',
    choose: { option: 'out', text: 'choose another file ({option})', settingText: EXPORT_ELSEWHERE },
    ...(options.confirmReplace ? { confirmReplace: options.confirmReplace } : {}),
  });
  const svc = model.pipeline.svc.toJSON().params;
  const tiesDiffer = svc.breakTies && svc.decisionFunctionShape === 'ovr' && model.pipeline.classes.length > 2;
  return {
    path: out, bytes: onnx.length, classes: model.pipeline.classes,
    replaced, ...(tiesDiffer ? { note: BREAK_TIES_NOTE } : {}),
  };
}
