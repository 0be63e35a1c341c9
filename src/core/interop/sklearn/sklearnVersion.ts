// scikit-learn stores its version in every pickled estimator (_sklearn_version). The private
// attribute names read here are those of the tested release; other releases are refused.
import { UserError } from '../../types';
import type { PyObject } from '../pickle/pickleValues';

export const TESTED_SKLEARN = '1.2';
const SUPPORTED = /^1\.2\.\d+(\.post\d+)?$/;

export function checkSklearnVersion(obj: PyObject, fileLabel: string): string {
  const v = obj.attrs.get('_sklearn_version');
  if (typeof v !== 'string') {
    throw new UserError(`${fileLabel}: the ${obj.cls.name} records no scikit-learn version (_sklearn_version); Model Lab reads models saved by scikit-learn ${TESTED_SKLEARN}.x only.`);
  }
  if (!SUPPORTED.test(v)) {
    throw new UserError(
      `${fileLabel}: the ${obj.cls.name} was saved by scikit-learn ${v}; Model Lab reads files from scikit-learn ${TESTED_SKLEARN}.x only ` +
        `(the private attributes it relies on change between releases). Re-save it with scikit-learn ${TESTED_SKLEARN}, or retrain it in Model Lab.`,
    );
  }
  return v;
}

/** The release the exported objects are checked against (a fixture per supported release). */
export const EXPORT_SKLEARN_VERSION = '1.2.1';

/**
 * The scikit-learn version to write into exported objects (_sklearn_version). Only 1.2.x: other
 * releases keep other private attributes, and a file written for one would be wrong for them.
 */
export function exportSklearnVersion(version: string = EXPORT_SKLEARN_VERSION): string {
  if (!SUPPORTED.test(version)) {
    throw new UserError(
      `scikit-learn ${version} is not supported for export: Model Lab writes objects for scikit-learn ${TESTED_SKLEARN}.x only ` +
        `(tested with ${EXPORT_SKLEARN_VERSION}; the private attributes change between releases) — use --sklearn-version ${EXPORT_SKLEARN_VERSION} and scikit-learn ${TESTED_SKLEARN}`,
    );
  }
  return version;
}
