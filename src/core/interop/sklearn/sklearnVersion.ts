// scikit-learn stores its version in every pickled estimator (_sklearn_version). Model Lab reads the
// files of the releases whose attributes it knows, and writes objects for the releases it was checked
// against: each has a Debian package, so its own files are fixtures (test/fixtures/sklearn-releases/,
// scripts/fixtures/sklearn_releases.sh).
import { UserError, remedyError } from '../../types';
import type { PyObject } from '../pickle/pickleValues';

/**
 * The releases checked against scikit-learn itself, with how their objects differ. 1.2.1: Debian 12
 * (the course's); 1.4.2: Debian 13; 1.9.0: Debian testing. 1.4 pickles what 1.2 does; 1.9 adds
 * Pipeline.transform_input and SVC._effective_probability, SVC's probability parameter defaults to
 * the string "deprecated", and a scaler that centres or scales counts its rows in a float64.
 */
export const SKLEARN_RELEASES = [
  { minor: '1.2', tested: '1.2.1', pipelineTransformInput: false, svcProbabilityDeprecated: false, samplesSeenFloat: false },
  { minor: '1.4', tested: '1.4.2', pipelineTransformInput: false, svcProbabilityDeprecated: false, samplesSeenFloat: false },
  { minor: '1.9', tested: '1.9.0', pipelineTransformInput: true, svcProbabilityDeprecated: true, samplesSeenFloat: true },
] as const;

export type SklearnRelease = (typeof SKLEARN_RELEASES)[number];

/** The release exported by default: the course's (Debian 12's scikit-learn). */
export const EXPORT_SKLEARN_VERSION = '1.2.1';

/** "a, b and c" (or "a, b or c"). */
function inWords(items: readonly string[], last: 'and' | 'or'): string {
  return `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`;
}

/** "1.2.1, 1.4.2 and 1.9.0". */
const TESTED_TEXT = inWords(SKLEARN_RELEASES.map((r) => r.tested), 'and');

/** The releases Model Lab writes for, in words: "1.2.x, 1.4.x or 1.9.x" (or "… and 1.9.x"). */
export function writtenReleases(last: 'and' | 'or'): string {
  return inWords(SKLEARN_RELEASES.map((r) => `${r.minor}.x`), last);
}

/**
 * What a front end says when an environment has a release Model Lab does not write for; each adds
 * its own way to choose the nearest of writtenReleases('and') (a flag, a setting).
 */
export function unwrittenReleaseText(found: { readonly version: string; readonly where: string }): string {
  return `${found.where} has scikit-learn ${found.version}, which Model Lab does not write for: it loads these files with an InconsistentVersionWarning`;
}
const FIRST_MINOR = 2;
const LAST_MINOR = 9;
const VERSION = /^1\.(\d+)\.\d+(\.post\d+)?$/;

/**
 * Files from 1.2 to 1.9 are read: the attributes Model Lab reads (the fitted libsvm arrays, the
 * scaler's statistics, the parameters) mean the same in the first and the last, which the fixtures
 * check; the releases between them were not run here.
 */
export function checkSklearnVersion(obj: PyObject, fileLabel: string): string {
  const v = obj.attrs.get('_sklearn_version');
  const range = `scikit-learn 1.${FIRST_MINOR} to 1.${LAST_MINOR}`;
  if (typeof v !== 'string') {
    throw new UserError(`${fileLabel}: the ${obj.cls.name} records no scikit-learn version (_sklearn_version); Model Lab reads files from ${range} (tested with ${TESTED_TEXT}).`);
  }
  const minor = VERSION.exec(v)?.[1];
  if (minor === undefined || Number(minor) < FIRST_MINOR || Number(minor) > LAST_MINOR) {
    throw new UserError(
      `${fileLabel}: the ${obj.cls.name} was saved by scikit-learn ${v}; Model Lab reads files from ${range} ` +
        `(tested with ${TESTED_TEXT}; the private attributes it relies on change between releases). Re-save it with one of those, or retrain it in Model Lab.`,
    );
  }
  return v;
}

/** The release of SKLEARN_RELEASES a version such as "1.9.1" belongs to, if any. */
function releaseOf(version: string): SklearnRelease | undefined {
  const minor = /^(1\.\d+)\.\d+$/.exec(version)?.[1];
  return SKLEARN_RELEASES.find((r) => r.minor === minor);
}

/** True for a version exportSklearnTarget takes (a setting's check, before anything is written). */
export function isExportableSklearnVersion(version: string): boolean {
  return releaseOf(version) !== undefined;
}

/** Where an export's release came from: asked for (a flag, a setting, an environment), the .joblib files saved with the model, its import record, or the default. */
export type ExportVersionFrom = 'asked' | 'import' | 'saved' | 'default';

/** How a front end says where the release came from, when the model itself decided it. */
export function versionFromText(from: ExportVersionFrom): string | undefined {
  return from === 'import' ? 'the release it was imported from' : from === 'saved' ? 'the release of the .joblib files saved with it' : undefined;
}

/** The joblib part of a request to save a model (TrainOptions.saveJoblib, sklearnVersion). */
export interface JoblibRequest {
  readonly saveJoblib?: boolean;
  readonly sklearnVersion?: string;
}

/**
 * The joblib part of `o` as a save request takes it, checked: a release the files cannot be written
 * for is refused here, when a run starts, not after its fits.
 */
export function joblibRequest(o: JoblibRequest): { saveJoblib?: true; sklearnVersion?: string } {
  if (!o.saveJoblib) return {};
  exportSklearnTarget(o.sklearnVersion);
  return o.sklearnVersion !== undefined ? { saveJoblib: true, sklearnVersion: o.sklearnVersion } : { saveJoblib: true };
}

/** What exported objects are written for: the _sklearn_version they carry and that release's attributes. */
export interface SklearnTarget {
  readonly version: string;
  readonly release: SklearnRelease;
}

/**
 * The release to write objects for: 1.2.x, 1.4.x or 1.9.x. Other releases keep other private
 * attributes, and a file written for one would be wrong for them.
 */
export function exportSklearnTarget(version: string = EXPORT_SKLEARN_VERSION): SklearnTarget {
  const release = releaseOf(version);
  if (!release) {
    throw remedyError(
      `scikit-learn ${version} is not supported for export: Model Lab writes objects for scikit-learn ${writtenReleases('or')} ` +
        `(tested with ${TESTED_TEXT}; the private attributes change between releases)`,
      {
        option: 'sklearn-version',
        text: 'choose the release your Python has, or the nearest, with {option} (a file for another release loads with an InconsistentVersionWarning)',
      },
    );
  }
  return { version, release };
}
