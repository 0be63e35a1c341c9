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
