// One Pipeline file, or a scaler file plus a classifier file, → one imported model.
import { UserError, remedyError } from '../../types';
import type { StandardScalerJSON } from '../../preprocessing/standardScaler';
import type { SVCJSON } from '../../svm/svc';
import type { LabelType } from '../../labels';
import type { Compression } from '../joblib/decompress';
import { readJoblib } from '../joblib/readJoblib';
import { PyObject, describeValue } from '../pickle/pickleValues';
import { pipelineSteps, toStandardScalerJSON, toSVCJSON } from './toModelJSON';
import type { SklearnExtras } from './sklearnExtras';

export interface JoblibFile {
  /** Shown in messages (usually the path). */
  readonly label: string;
  readonly bytes: Uint8Array;
}

export interface ImportedSklearnModel {
  readonly layout: 'separate' | 'pipeline';
  readonly scaler: StandardScalerJSON;
  readonly svc: SVCJSON;
  /** How classes_ is typed (int64, float64, bool or text). */
  readonly labelType: LabelType;
  readonly sklearnVersion: string;
  /** Column names the model was fitted with (DataFrame input), else null. */
  readonly featureNames: string[] | null;
  /** Pipeline step names as saved ('scaler', 'svc' in the course; make_pipeline's 'standardscaler', 'svc'). */
  readonly stepNames: [string, string] | null;
  /** What the files hold beyond the model, for an export to write back. */
  readonly extras: SklearnExtras;
  readonly compression: Compression[];
  /** Things worth telling the user that do not stop the import. */
  readonly notes: string[];
}

/** An SVC fitted with probability=True: what Model Lab keeps of it and what it does not. */
export const PROBABILITY_NOTE =
  'the SVC was fitted with probability=True; Model Lab does not keep its Platt-scaling probability estimates (probA_, probB_), ' +
  'so it has no predict_proba — predictions and accuracies are unaffected (predict does not use them), ' +
  'and an export to scikit-learn has probability=False';

export type EstimatorKind = 'StandardScaler' | 'SVC' | 'Pipeline';

/** Reads one file and says what it holds (for pairing scaler + classifier files). */
export function readEstimator(file: JoblibFile): { kind: EstimatorKind; obj: PyObject; compression: Compression } {
  const { root, compression } = readJoblib(file.bytes, file.label);
  if (!(root instanceof PyObject) || root.cls.allowed === 'NumpyArrayWrapper') {
    throw new UserError(`${file.label}: the file holds a ${describeValue(root)}, not a StandardScaler, SVC or Pipeline.`);
  }
  return { kind: root.cls.allowed as EstimatorKind, obj: root, compression };
}

function strip<T extends { info: unknown }>(x: T): Omit<T, 'info'> {
  const { info: _info, ...rest } = x;
  return rest;
}

export function importSklearnModel(files: readonly JoblibFile[]): ImportedSklearnModel {
  const read = files.map((f) => ({ file: f, ...readEstimator(f) }));
  const notes: string[] = [];
  if (read.length === 1 && read[0]!.kind === 'Pipeline') {
    const { file, obj, compression } = read[0]!;
    const steps = pipelineSteps(obj, file.label);
    const scaler = toStandardScalerJSON(steps.scaler, file.label);
    const svc = toSVCJSON(steps.svc, file.label);
    return finish('pipeline', scaler, svc, steps.names, [compression], notes, file.label, steps.verbose);
  }
  const scalers = read.filter((r) => r.kind === 'StandardScaler');
  const svcs = read.filter((r) => r.kind === 'SVC');
  if (read.length === 2 && scalers.length === 1 && svcs.length === 1) {
    const scaler = toStandardScalerJSON(scalers[0]!.obj, scalers[0]!.file.label);
    const svc = toSVCJSON(svcs[0]!.obj, svcs[0]!.file.label);
    return finish('separate', scaler, svc, null, [scalers[0]!.compression, svcs[0]!.compression], notes, svcs[0]!.file.label);
  }
  const found = read.map((r) => `${r.file.label} holds a ${r.kind}`).join('; ');
  const base = `${found}. A model is either one Pipeline file, or one StandardScaler file plus one SVC file.`;
  const lone = read.length === 1 ? read[0]!.kind : undefined;
  if (lone === 'StandardScaler') {
    throw remedyError(base, { option: 'classifier', text: 'Give the classifier too ({option} classifier.joblib), or put classifier.joblib beside it.', settingText: 'put the classifier beside it as classifier.joblib' }, {}, ' ');
  }
  if (lone === 'SVC') {
    throw remedyError(base, { option: 'classifier', text: 'Give the scaler file as the main path and this one with {option}, or put scaler.joblib beside it.', settingText: 'put the scaler beside it as scaler.joblib' }, {}, ' ');
  }
  throw new UserError(base);
}

function finish(
  layout: 'separate' | 'pipeline',
  scalerWithInfo: ReturnType<typeof toStandardScalerJSON>,
  svcWithInfo: ReturnType<typeof toSVCJSON>,
  stepNames: [string, string] | null,
  compression: Compression[],
  notes: string[],
  svcLabel: string,
  pipelineVerbose = false,
): ImportedSklearnModel {
  const scaler = strip(scalerWithInfo) as StandardScalerJSON;
  const svc = strip(svcWithInfo) as SVCJSON;
  if (scaler.nFeatures !== svc.nFeatures) {
    throw new UserError(`${svcLabel}: the SVC expects ${svc.nFeatures} features but the scaler was fitted on ${scaler.nFeatures}; these files do not belong together.`);
  }
  const versions = [scalerWithInfo.info.sklearnVersion, svcWithInfo.info.sklearnVersion];
  if (versions[0] !== versions[1]) notes.push(`the scaler was saved by scikit-learn ${versions[0]} and the SVC by ${versions[1]}`);
  if (svcWithInfo.info.probability) notes.push(PROBABILITY_NOTE);
  return {
    layout,
    scaler,
    svc,
    labelType: svcWithInfo.info.labelType,
    sklearnVersion: versions[1]!,
    featureNames: scalerWithInfo.info.featureNames ?? svcWithInfo.info.featureNames,
    stepNames,
    extras: {
      scalerCopy: scalerWithInfo.info.copy,
      scalerOutputConfig: scalerWithInfo.info.outputConfig,
      svcFeatureNames: svcWithInfo.info.featureNames,
      svcTrainRows: svcWithInfo.info.trainRows,
      pipelineVerbose,
    },
    compression,
    notes,
  };
}
