// A fitted StandardScaler + SVC as an ONNX model: ai.onnx.ml Scaler then SVMClassifier, IR 8,
// opsets ''=15 and ai.onnx.ml=3. The mapping is skl2onnx's: offset = mean_, scale = 1/scale_,
// coefficients = libsvm's raw dual coefficients and rho = raw intercepts (no binary sign flip).
import { UserError, remedyError } from '../../types';
import type { StandardScalerJSON } from '../../preprocessing/standardScaler';
import type { SVCJSON } from '../../svm/svc';
import { ProtoWriter } from './protobufWriter';

export const IR_VERSION = 8;
export const OPSETS = { '': 15, 'ai.onnx.ml': 3 } as const;
export const INPUT_NAME = 'float_input';
export const LABEL_OUTPUT = 'label';
export const SCORES_OUTPUT = 'scores';

// onnx.proto enums
const ATTR = { FLOAT: 1, INT: 2, STRING: 3, FLOATS: 6, INTS: 7, STRINGS: 8 } as const;
const ELEM = { FLOAT: 1, INT64: 7, STRING: 8 } as const;

export interface OnnxExportOptions {
  producerVersion: string;
  /** The model's feature names, to name a column in a refusal. */
  featureNames?: readonly string[];
  /** Graph name and doc string: where the model came from. */
  modelName: string;
  docString?: string;
  metadata?: Record<string, string>;
}

type AttrValue = { floats: number[] } | { ints: number[] } | { string: string } | { strings: string[] };

function attribute(name: string, value: AttrValue): ProtoWriter {
  const a = new ProtoWriter().string(1, name);
  if ('floats' in value) a.floats(7, value.floats).int(20, ATTR.FLOATS);
  else if ('ints' in value) a.ints(8, value.ints).int(20, ATTR.INTS);
  else if ('strings' in value) a.strings(9, value.strings).int(20, ATTR.STRINGS);
  else a.string(4, value.string).int(20, ATTR.STRING);
  return a;
}

function node(opType: string, name: string, inputs: string[], outputs: string[], attrs: [string, AttrValue][]): ProtoWriter {
  const n = new ProtoWriter().strings(1, inputs).strings(2, outputs).string(3, name).string(4, opType);
  for (const [k, v] of attrs) n.message(5, attribute(k, v));
  return n.string(7, 'ai.onnx.ml');
}

function tensorValue(name: string, elemType: number, dims: (number | string)[]): ProtoWriter {
  const shape = new ProtoWriter();
  for (const d of dims) shape.message(1, typeof d === 'number' ? new ProtoWriter().int(1, d) : new ProtoWriter().string(2, d));
  const tensor = new ProtoWriter().int(1, elemType).message(2, shape);
  return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensor));
}

/**
 * ONNX's Scaler and SVMClassifier hold their numbers as float32: a value past float32's range would
 * become ±Infinity there, and a scale that rounds to 0 would drop its column; either way every
 * prediction is NaN or wrong while scikit-learn, in float64, is fine. Refused, naming the value.
 */
function checkFloat32(what: string, values: readonly number[], where: (i: number) => string, zeroIsLost = false): void {
  values.forEach((v, i) => {
    const f = Math.fround(v);
    const lost = !Number.isFinite(f) && Number.isFinite(v) ? `it becomes ${f > 0 ? '' : '-'}Infinity` : zeroIsLost && f === 0 && v !== 0 ? 'it becomes 0' : undefined;
    if (lost === undefined) return;
    throw remedyError(
      `cannot export to ONNX: ${what}${where(i)} is ${v}, past float32, the only float type ONNX's Scaler and SVMClassifier hold (${lost}, and the ONNX model's predictions NaN or wrong)`,
      { option: 'format', value: 'joblib', text: 'export it for scikit-learn instead ({option})', settingText: 'use Export to scikit-learn instead' },
    );
  });
}

const KERNEL_TYPE = { rbf: 'RBF', linear: 'LINEAR', poly: 'POLY', sigmoid: 'SIGMOID' } as const;

export function buildOnnxModel(scaler: StandardScalerJSON, svc: SVCJSON, options: OnnxExportOptions): Uint8Array {
  const d = scaler.nFeatures;
  if (svc.nFeatures !== d) throw new UserError(`cannot export: the SVC expects ${svc.nFeatures} features but the scaler has ${d}`);
  const k = svc.classes.length;
  const stringLabels = typeof svc.classes[0] === 'string';
  if (!stringLabels && !svc.classes.every((c) => typeof c === 'number' && Number.isSafeInteger(c))) {
    throw new UserError(`cannot export to ONNX: class labels ${JSON.stringify(svc.classes)} are not whole numbers or strings`);
  }
  // Scaler computes (x - offset) * scale; StandardScaler divides by scale_ (1 where a feature is constant).
  const offset = scaler.withMean && scaler.mean ? scaler.mean : new Array<number>(d).fill(0);
  const scale = scaler.withStd && scaler.scale ? scaler.scale.map((s) => 1 / s) : new Array<number>(d).fill(1);
  const column = (i: number): string => ` of column ${options.featureNames?.[i] !== undefined ? JSON.stringify(options.featureNames[i]) : i + 1}`;
  checkFloat32('the StandardScaler\'s mean_', offset, column);
  checkFloat32('1 / the StandardScaler\'s scale_', scale, column, true);
  checkFloat32('a support vector\'s value', svc.supportVectors.flat(), (i) => column(i % d));
  checkFloat32('a dual coefficient', svc.rawDualCoef.flat(), () => '');
  checkFloat32('an intercept', svc.rawIntercept, () => '');
  checkFloat32('the kernel\'s gamma, coef0 or degree', [svc.gammaValue, svc.params.coef0, svc.params.degree], () => '');
  const scalerNode = node('Scaler', 'scaler', [INPUT_NAME], ['scaled'], [
    ['offset', { floats: offset }],
    ['scale', { floats: scale }],
  ]);
  const svmAttrs: [string, AttrValue][] = [
    stringLabels ? ['classlabels_strings', { strings: svc.classes as string[] }] : ['classlabels_ints', { ints: svc.classes as number[] }],
    ['coefficients', { floats: svc.rawDualCoef.flat() }],
    ['kernel_params', { floats: [svc.gammaValue, svc.params.coef0, svc.params.degree] }],
    ['kernel_type', { string: KERNEL_TYPE[svc.params.kernel] }],
    ['post_transform', { string: 'NONE' }],
    ['rho', { floats: svc.rawIntercept }],
    ['support_vectors', { floats: svc.supportVectors.flat() }],
    ['vectors_per_class', { ints: svc.nSupport }],
  ];
  const svmNode = node('SVMClassifier', 'svc', ['scaled'], [LABEL_OUTPUT, SCORES_OUTPUT], svmAttrs);
  // onnxruntime gives one score per class pair (one-vs-one), or 2 columns for two classes.
  const nScores = k > 2 ? (k * (k - 1)) / 2 : 2;
  const graph = new ProtoWriter()
    .message(1, scalerNode)
    .message(1, svmNode)
    .string(2, options.modelName)
    .string(10, options.docString ?? '')
    .message(11, tensorValue(INPUT_NAME, ELEM.FLOAT, ['N', d]))
    .message(12, tensorValue(LABEL_OUTPUT, stringLabels ? ELEM.STRING : ELEM.INT64, ['N']))
    .message(12, tensorValue(SCORES_OUTPUT, ELEM.FLOAT, ['N', nScores]));
  const model = new ProtoWriter()
    .int(1, IR_VERSION)
    .string(2, 'model-lab')
    .string(3, options.producerVersion)
    .string(4, 'model-lab')
    .int(5, 1)
    .string(6, options.docString ?? '')
    .message(7, graph);
  for (const [domain, version] of Object.entries(OPSETS)) model.message(8, new ProtoWriter().string(1, domain).int(2, version));
  for (const [key, value] of Object.entries(options.metadata ?? {})) model.message(14, new ProtoWriter().string(1, key).string(2, value));
  return model.finish();
}
