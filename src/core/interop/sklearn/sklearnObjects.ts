// A Model Lab model as the StandardScaler, SVC and Pipeline objects scikit-learn builds when it fits
// them the course's way (the scaler on the DataFrame X_train — so it has feature_names_in_ — and the
// SVC on the scaled numpy array; a model imported from files fitted on a NumPy array has no
// feature_names_in_, as they had none), attribute for attribute, in __dict__ order, with numpy's dtypes:
// support_, _n_support and n_iter_ are int32; n_samples_seen_ and _gamma ('scale') numpy scalars.
// The attributes are 1.2.1's, with what a later release adds (SKLEARN_RELEASES in sklearnVersion.ts).
import type { Label } from '../../types';
import type { LabelType } from '../../labels';
import type { StandardScalerJSON } from '../../preprocessing/standardScaler';
import type { SVCJSON } from '../../svm/svc';
import { PyObjectOut, pyAttrs, pyDict, pyFloat, pyGlobal, pyInt, pyList, pyTuple, type PyOut } from '../pickle/pickleOut';
import { joblibArray } from '../joblib/writeJoblib';
import { numpyScalar, type NumpyArrayOut } from '../joblib/numpyOut';
import { scalerParams, svcParams } from './sklearnParams';
import type { SklearnTarget } from './sklearnVersion';
import { DEFAULT_EXTRAS, type SklearnExtras } from './sklearnExtras';

/** What the export needs beyond the fitted JSON: how the classes are typed and the training shape. */
export interface SklearnFit {
  readonly scaler: StandardScalerJSON;
  readonly svc: SVCJSON;
  readonly labelType: LabelType;
  /** Column names of X_train (feature_names_in_); null when it was a NumPy array (no feature_names_in_). */
  readonly featureNames: readonly string[] | null;
  /** Rows of X_train (shape_fit_[0]). */
  readonly nTrain: number;
  /** The Pipeline's step names; default the course's ('scaler', 'svc'). */
  readonly stepNames?: readonly [string, string];
  /** What imported files held beyond the model; the course's (DEFAULT_EXTRAS) by default. */
  readonly extras?: SklearnExtras;
}

const STANDARD_SCALER = pyGlobal('sklearn.preprocessing._data', 'StandardScaler');
const SVC_CLASS = pyGlobal('sklearn.svm._classes', 'SVC');
const PIPELINE = pyGlobal('sklearn.pipeline', 'Pipeline');

function floats(data: ArrayLike<number>, shape: readonly number[] = [data.length]): PyOut {
  return joblibArray({ dtype: 'float64', shape, data });
}

function int32s(data: ArrayLike<number>): PyOut {
  return joblibArray({ dtype: 'int32', shape: [data.length], data });
}

function optionalFloats(data: readonly number[] | null): PyOut {
  return data === null ? null : floats(data);
}

/** feature_names_in_: the column names as an object array of str. */
function namesArray(names: readonly string[]): PyOut {
  return joblibArray({ dtype: 'object', shape: [names.length], data: names });
}

/** classes_ as np.unique leaves it: int64, float64, bool, or an object array of str. */
function classesArray(classes: readonly Label[], labelType: LabelType): NumpyArrayOut {
  const shape = [classes.length];
  switch (labelType) {
    case 'int': return { dtype: 'int64', shape, data: classes as number[] };
    case 'float': return { dtype: 'float64', shape, data: classes as number[] };
    case 'bool': return { dtype: 'bool', shape, data: classes.map((c) => c === 'True') };
    case 'str': return { dtype: 'object', shape, data: classes as string[] };
  }
}

/** A fitted StandardScaler (fit on a DataFrame with these column names, or on a NumPy array: none). */
export function scalerObject(fit: SklearnFit, target: SklearnTarget): PyObjectOut {
  const s = fit.scaler;
  const names = fit.featureNames;
  const extras = fit.extras ?? DEFAULT_EXTRAS;
  return new PyObjectOut(STANDARD_SCALER, pyAttrs([
    ...scalerParams(s.withMean, s.withStd, extras.scalerCopy),
    // Where set_output before fit puts it (make_pipeline(...).set_output(transform="pandas").fit(...)).
    ...(extras.scalerOutputConfig ? [['_sklearn_output_config', pyDict(Object.entries(extras.scalerOutputConfig))] as const] : []),
    ...(names === null ? [] : [['feature_names_in_', namesArray(names)] as const]),
    ['n_features_in_', pyInt(s.nFeatures)],
    // 1.9 counts the rows in a float64 when it computes a mean or a variance (not when it does neither).
    ['n_samples_seen_', numpyScalar(target.release.samplesSeenFloat && (s.withMean || s.withStd) ? 'float64' : 'int64', s.nSamplesSeen)],
    ['mean_', optionalFloats(s.mean)],
    ['var_', optionalFloats(s.var)],
    ['scale_', optionalFloats(s.scale)],
    ['_sklearn_version', target.version],
  ]));
}

/** A fitted SVC (fit on a numpy array: no feature_names_in_; on a scaler's pandas output: its columns). */
export function svcObject(fit: SklearnFit, target: SklearnTarget): PyObjectOut {
  const v = fit.svc;
  const k = v.classes.length;
  const nSv = v.support.length;
  // libsvm's signed zeros as fitted (SVC.fromJSON gives them their sign).
  const raw = v.rawDualCoef.flat();
  // BaseLibSVM.fit flips the public dual_coef_ and intercept_ of a two-class model (0 becomes -0.0).
  const flip = k === 2;
  const extras = fit.extras ?? DEFAULT_EXTRAS;
  const publicCoef = flip ? raw.map((x) => -x) : raw;
  const publicIntercept = flip ? v.rawIntercept.map((x) => -x) : v.rawIntercept;
  return new PyObjectOut(SVC_CLASS, pyAttrs([
    ...svcParams(v.params, fit.labelType, target.release),
    ['_sparse', false],
    ...(extras.svcFeatureNames ? [['feature_names_in_', namesArray(extras.svcFeatureNames)] as const] : []),
    ['n_features_in_', pyInt(v.nFeatures)],
    ['class_weight_', floats(v.classWeight)],
    ['classes_', joblibArray(classesArray(v.classes, fit.labelType))],
    // 1.9: whether probability estimates were fitted, now that the parameter is deprecated.
    ...(target.release.svcProbabilityDeprecated ? [['_effective_probability', false] as const] : []),
    // 'scale' divides numpy float64s; 'auto' and a number give a Python float.
    ['_gamma', v.params.gamma === 'scale' ? numpyScalar('float64', v.gammaValue) : pyFloat(v.gammaValue)],
    ['support_', int32s(v.support)],
    ['support_vectors_', floats(v.supportVectors.flat(), [nSv, v.nFeatures])],
    ['_n_support', int32s(v.nSupport)],
    ['dual_coef_', floats(publicCoef, [k - 1, nSv])],
    ['intercept_', floats(publicIntercept)],
    ['_probA', floats([])],
    ['_probB', floats([])],
    ['fit_status_', pyInt(v.fitStatus)],
    ['_num_iter', int32s(v.nIter)],
    ['shape_fit_', pyTuple(pyInt(extras.svcTrainRows ?? fit.nTrain), pyInt(v.nFeatures))],
    ['_intercept_', floats(v.rawIntercept)],
    ['_dual_coef_', floats(raw, [k - 1, nSv])],
    ['n_iter_', int32s(v.nIter)],
    ['_sklearn_version', target.version],
  ]));
}

/** Pipeline([("scaler", StandardScaler()), ("svc", SVC())]) fitted on the DataFrame (or with an imported pipeline's step names). */
export function pipelineObject(fit: SklearnFit, target: SklearnTarget): PyObjectOut {
  const [scalerName, svcName] = fit.stepNames ?? ['scaler', 'svc'];
  return new PyObjectOut(PIPELINE, pyAttrs([
    ['steps', pyList([pyTuple(scalerName, scalerObject(fit, target)), pyTuple(svcName, svcObject(fit, target))])],
    ...(target.release.pipelineTransformInput ? [['transform_input', null] as const] : []),
    ['memory', null],
    ['verbose', (fit.extras ?? DEFAULT_EXTRAS).pipelineVerbose],
    ['_sklearn_version', target.version],
  ]));
}
