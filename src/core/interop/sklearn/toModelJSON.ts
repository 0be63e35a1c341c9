// Unpickled StandardScaler / SVC / Pipeline objects → Model Lab's JSON (StandardScalerJSON,
// SVCJSON), reading scikit-learn 1.2's attribute names. Raw libsvm values (_dual_coef_,
// _intercept_) are taken, so two-class models need no sign flip.
import { UserError } from '../../types';
import type { LabelType } from '../../labels';
import type { StandardScalerJSON } from '../../preprocessing/standardScaler';
import type { SVCJSON, SVCParams } from '../../svm/svc';
import { negativeZeros } from '../../svm/svcJson';
import { NdArray, PyDict, PyList, PyObject, PyTuple, describeValue, type PyValue } from '../pickle/pickleValues';
import { PyFields } from './pyFields';
import { checkSklearnVersion } from './sklearnVersion';

export interface EstimatorInfo {
  readonly sklearnVersion: string;
  /** feature_names_in_ when fitted on a DataFrame. */
  readonly featureNames: string[] | null;
}

/** What a scaler's file says beyond its JSON: also its copy parameter and what set_output asked of it. */
export interface ScalerInfo extends EstimatorInfo {
  readonly copy: boolean;
  /** _sklearn_output_config, e.g. {transform: 'pandas'} after set_output(transform="pandas"); null when never set. */
  readonly outputConfig: Record<string, string> | null;
}

/** What an SVC's file says beyond its JSON: also how its classes_ are typed. */
export interface SVCInfo extends EstimatorInfo {
  readonly labelType: LabelType;
  /**
   * Fitted with probability=True: Platt scaling's probA_/probB_, which Model Lab does not keep (only
   * predict_proba and predict_log_proba use them; predict and decision_function do not).
   */
  readonly probability: boolean;
  /** shape_fit_[0]: the rows it was fitted on (null when the file does not say). */
  readonly trainRows: number | null;
}

export function toStandardScalerJSON(obj: PyObject, fileLabel: string): StandardScalerJSON & { info: ScalerInfo } {
  const f = new PyFields(obj, fileLabel);
  const sklearnVersion = checkSklearnVersion(obj, fileLabel);
  const withMean = f.bool('with_mean');
  const withStd = f.bool('with_std');
  const nFeatures = f.int('n_features_in_');
  const seen = f.raw('n_samples_seen_');
  let nSamplesSeen: number;
  if (typeof seen === 'number') nSamplesSeen = seen;
  else if (seen instanceof NdArray && seen.data.length > 0 && seen.data.every((x) => x === seen.data[0]) && typeof seen.data[0] === 'number') {
    nSamplesSeen = seen.data[0]; // per-feature counts (NaN handling) that all agree
  } else return f.fail('n_samples_seen_', 'differs per feature (the data had missing values), which Model Lab does not support');
  const vec = (field: string, needed: boolean): number[] | null => {
    const v = f.raw(field);
    if (v === null) {
      if (needed) f.fail(field, 'is None but the scaler settings need it');
      return null;
    }
    return f.floatVector(field, nFeatures);
  };
  return {
    kind: 'StandardScaler',
    withMean,
    withStd,
    nFeatures,
    nSamplesSeen,
    mean: vec('mean_', withMean),
    var: vec('var_', withStd),
    scale: vec('scale_', withStd),
    info: { sklearnVersion, featureNames: f.optionalStrings('feature_names_in_'), copy: !f.has('copy') || f.raw('copy') !== false, outputConfig: outputConfig(f) },
  };
}

/** set_output's settings (str → str; anything else in the dict is not scikit-learn's and is left out). */
function outputConfig(f: PyFields): Record<string, string> | null {
  if (!f.has('_sklearn_output_config')) return null;
  const config: Record<string, string> = {};
  for (const [key, value] of f.dict('_sklearn_output_config').entries) {
    if (typeof key === 'string' && typeof value === 'string') config[key] = value;
  }
  return config;
}

const KERNELS = ['rbf', 'linear', 'poly', 'sigmoid'] as const;

export function toSVCJSON(obj: PyObject, fileLabel: string): SVCJSON & { info: SVCInfo } {
  const f = new PyFields(obj, fileLabel);
  const sklearnVersion = checkSklearnVersion(obj, fileLabel);
  const kernel = f.raw('kernel');
  if (typeof kernel !== 'string' || !(KERNELS as readonly string[]).includes(kernel)) {
    f.fail('kernel', `is ${typeof kernel === 'string' ? `'${kernel}'` : describeValue(kernel)}; supported kernels: ${KERNELS.join(', ')}`);
  }
  if (f.has('_sparse') && f.raw('_sparse') !== false) f.fail('_sparse', 'is True: models fitted on sparse matrices are not supported');
  const gammaRaw = f.raw('gamma');
  const gamma = gammaRaw === 'scale' || gammaRaw === 'auto' ? gammaRaw : f.number('gamma');
  const dfs = f.string('decision_function_shape');
  if (dfs !== 'ovr' && dfs !== 'ovo') f.fail('decision_function_shape', `is '${dfs}'`);
  const params: SVCParams = {
    kernel: kernel as SVCParams['kernel'],
    C: f.number('C'),
    gamma,
    degree: f.int('degree'),
    coef0: f.number('coef0'),
    tol: f.number('tol'),
    shrinking: f.bool('shrinking'),
    maxIter: f.int('max_iter'),
    classWeight: classWeightParam(f),
    cacheSizeMB: f.number('cache_size'),
    decisionFunctionShape: dfs as 'ovr' | 'ovo',
    breakTies: f.bool('break_ties'),
  };
  const { labels: classes, labelType } = f.labels('classes_');
  if (classes.length < 2) f.fail('classes_', `holds ${classes.length} class(es); an SVC needs at least 2`);
  const k = classes.length;
  const nFeatures = f.int('n_features_in_');
  const nSupport = f.intVector('_n_support', k);
  const nSv = nSupport.reduce((a, b) => a + b, 0);
  const supportVectors = f.floatMatrix('support_vectors_', nFeatures);
  if (supportVectors.length !== nSv) f.fail('support_vectors_', `has ${supportVectors.length} rows but _n_support adds up to ${nSv}`);
  const rawDualCoef = f.floatMatrix('_dual_coef_', nSv);
  if (rawDualCoef.length !== k - 1) f.fail('_dual_coef_', `has ${rawDualCoef.length} rows, expected ${k - 1}`);
  const nPairs = (k * (k - 1)) / 2;
  const gammaValue = f.number('_gamma');
  return {
    kind: 'SVC',
    params,
    classes,
    gammaValue,
    nFeatures,
    support: f.intVector('support_', nSv),
    supportVectors,
    nSupport,
    rawDualCoef,
    rawDualCoefNegativeZeros: negativeZeros(rawDualCoef),
    rawIntercept: f.floatVector('_intercept_', nPairs),
    classWeight: f.floatVector('class_weight_', k),
    fitStatus: f.int('fit_status_'),
    nIter: f.has('n_iter_') ? f.intVector('n_iter_', nPairs) : new Array<number>(nPairs).fill(0),
    info: { sklearnVersion, featureNames: f.optionalStrings('feature_names_in_'), labelType, probability: fittedProbability(f), trainRows: shapeFitRows(f) },
  };
}

function shapeFitRows(f: PyFields): number | null {
  const shape = f.has('shape_fit_') ? f.raw('shape_fit_') : null;
  const rows = shape instanceof PyTuple ? shape.items[0] : undefined;
  return typeof rows === 'number' && Number.isSafeInteger(rows) && rows > 0 ? rows : null;
}

/**
 * Whether the SVC holds probability estimates: probability=True (1.2 to 1.8), _effective_probability
 * (1.9, where the parameter defaults to "deprecated"), or a non-empty _probA however it got there.
 */
function fittedProbability(f: PyFields): boolean {
  const probA = f.has('_probA') ? f.raw('_probA') : null;
  return (f.has('probability') && f.raw('probability') === true)
    || (f.has('_effective_probability') && f.raw('_effective_probability') === true)
    || (probA instanceof NdArray && probA.data.length > 0);
}

function classWeightParam(f: PyFields): SVCParams['classWeight'] {
  const v = f.raw('class_weight');
  if (v === null || v === 'balanced') return v;
  if (!(v instanceof PyDict)) return f.fail('class_weight', `is a ${describeValue(v)}`);
  const out: Record<string, number> = {};
  for (const [key, w] of v.entries) {
    if (typeof w !== 'number' || !Number.isFinite(w)) f.fail('class_weight', `has a non-number weight for ${String(key)}`);
    out[String(key)] = w;
  }
  return out;
}

/** Pipeline.steps must be exactly [(name, StandardScaler), (name, SVC)]. */
export function pipelineSteps(obj: PyObject, fileLabel: string): { scaler: PyObject; svc: PyObject; names: [string, string]; verbose: boolean } {
  const f = new PyFields(obj, fileLabel);
  checkSklearnVersion(obj, fileLabel);
  const steps = f.raw('steps');
  const items: PyValue[] = steps instanceof PyList ? steps.items : steps instanceof PyTuple ? [...steps.items] : f.fail('steps', `is a ${describeValue(steps)}`);
  const described = items.map((s) =>
    s instanceof PyTuple && s.items.length === 2 && typeof s.items[0] === 'string' ? `${s.items[0]}: ${describeValue(s.items[1])}` : describeValue(s),
  );
  const shapeOk =
    items.length === 2 &&
    items.every((s) => s instanceof PyTuple && s.items.length === 2 && typeof s.items[0] === 'string' && s.items[1] instanceof PyObject);
  const [a, b] = shapeOk ? (items as PyTuple[]).map((s) => s.items[1] as PyObject) : [];
  if (!shapeOk || a!.cls.allowed !== 'StandardScaler' || b!.cls.allowed !== 'SVC') {
    throw new UserError(
      `${fileLabel}: the Pipeline's steps are [${described.join(', ')}]; Model Lab imports exactly two steps, a StandardScaler then an SVC.`,
    );
  }
  const names = (items as PyTuple[]).map((s) => s.items[0] as string) as [string, string];
  return { scaler: a!, svc: b!, names, verbose: f.has('verbose') && f.raw('verbose') === true };
}
