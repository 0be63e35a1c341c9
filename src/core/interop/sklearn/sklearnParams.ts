// The constructor parameters of scikit-learn's StandardScaler and SVC (1.2's; 1.9's probability) as
// Python values, with the Python types a script gets when it writes them (C=1.0 is a float, degree=3
// an int, cache_size=200 an int). The joblib export stores exactly these; the Python script export
// prints exactly these.
import type { LabelType } from '../../labels';
import { DEFAULT_SVC_PARAMS, type SVCParams } from '../../svm/svc';
import { PyDictOut, PyFloatOut, PyIntOut, pyDict, pyFloat, pyInt, type PyOut } from '../pickle/pickleOut';
import { SKLEARN_RELEASES, type SklearnRelease } from './sklearnVersion';

/** A parameter and its Python value. */
export type PyParam = readonly [name: string, value: PyOut];

/** StandardScaler.__init__ order (its __dict__ and get_params). */
export function scalerParams(withMean: boolean, withStd: boolean, copy = true): PyParam[] {
  return [['with_mean', withMean], ['with_std', withStd], ['copy', copy]];
}

/** A Python float, or an int when scikit-learn's default is an int and the value is whole (cache_size=200). */
function intIfWhole(v: number): PyOut {
  return Number.isSafeInteger(v) ? pyInt(v) : pyFloat(v);
}

/** A class label as a dict key of class_weight, typed like the classes. */
function labelKey(key: string, labelType: LabelType): PyOut {
  switch (labelType) {
    case 'int': return pyInt(Number(key));
    case 'float': return pyFloat(Number(key));
    case 'bool': return key === 'True';
    case 'str': return key;
  }
}

/**
 * SVC's parameters in BaseSVC.__init__ order, i.e. as they stand in a fitted SVC's __dict__. Since 1.9
 * probability defaults to the string "deprecated" (Model Lab fits no probability estimates).
 */
export function svcParams(p: SVCParams, labelType: LabelType, release: SklearnRelease = SKLEARN_RELEASES[0]): PyParam[] {
  const classWeight: PyOut = p.classWeight === null || p.classWeight === 'balanced'
    ? p.classWeight
    : pyDict(Object.entries(p.classWeight).map(([k, w]) => [labelKey(k, labelType), pyFloat(w)] as const));
  return [
    ['decision_function_shape', p.decisionFunctionShape],
    ['break_ties', p.breakTies],
    ['kernel', p.kernel],
    ['degree', pyInt(p.degree)],
    ['gamma', typeof p.gamma === 'number' ? pyFloat(p.gamma) : p.gamma],
    ['coef0', pyFloat(p.coef0)],
    ['tol', pyFloat(p.tol)],
    ['C', pyFloat(p.C)],
    ['nu', pyFloat(0)],
    ['epsilon', pyFloat(0)],
    ['shrinking', p.shrinking],
    ['probability', release.svcProbabilityDeprecated ? 'deprecated' : false],
    ['cache_size', intIfWhole(p.cacheSizeMB)],
    ['class_weight', classWeight],
    ['verbose', false],
    ['max_iter', pyInt(p.maxIter)],
    ['random_state', null],
  ];
}

/** SVC's keyword order in its signature (how a script writes them). */
const SVC_SIGNATURE = [
  'C', 'kernel', 'degree', 'gamma', 'coef0', 'shrinking', 'probability', 'tol', 'cache_size', 'class_weight', 'verbose',
  'max_iter', 'decision_function_shape', 'break_ties', 'random_state',
];

/** Python equality of two parameter values (1 == 1.0; a dict is never a default). */
function samePython(a: PyOut, b: PyOut): boolean {
  const num = (v: PyOut) => (v instanceof PyIntOut ? Number(v.value) : v instanceof PyFloatOut ? v.value : undefined);
  if (num(a) !== undefined || num(b) !== undefined) return num(a) === num(b);
  if (a instanceof PyDictOut || b instanceof PyDictOut) return false;
  return a === b;
}

/** The parameters that differ from the defaults, in signature order: what `SVC(...)` needs spelled out. */
export function nonDefaultParams(params: readonly PyParam[], defaults: readonly PyParam[], order?: readonly string[]): PyParam[] {
  const base = new Map(defaults);
  const out = params.filter(([name, v]) => !base.has(name) || !samePython(v, base.get(name)!));
  if (order) out.sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]));
  return out;
}

/** The SVC keywords a script must write for these parameters (signature order); SVC() has the defaults. */
export function svcKeywords(p: SVCParams, labelType: LabelType): PyParam[] {
  return nonDefaultParams(svcParams(p, labelType), svcParams(DEFAULT_SVC_PARAMS, labelType), SVC_SIGNATURE);
}

/** The StandardScaler keywords a script must write. */
export function scalerKeywords(withMean: boolean, withStd: boolean): PyParam[] {
  return nonDefaultParams(scalerParams(withMean, withStd), scalerParams(true, true));
}
