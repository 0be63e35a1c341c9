// Which column names the exported scaler / pipeline checks (its feature_names_in_). A model trained
// on the course's iris.csv or iris_data table knows the iris measurements as sepal_length …, while
// the course's reload code gives them as load_iris(as_frame=True) names them ("sepal length (cm)" …),
// and scikit-learn refuses a DataFrame whose columns are named otherwise than at fit time. The same
// four columns under the other spelling (columnAliases.ts, as predict reads them) can be written
// instead; when they are not, the front ends say which names the files check.
import { IRIS_FEATURE_NAMES } from '../datasets/iris';
import { aliasesOf } from '../datasets/columnAliases';
import { UserError } from '../types';

export const EXPORT_FEATURE_NAMES = ['trained', 'load-iris'] as const;
/** `trained`: the model's own names (the default); `load-iris`: load_iris(as_frame=True)'s. */
export type ExportFeatureNames = (typeof EXPORT_FEATURE_NAMES)[number];

/** load-iris asked for a model whose features are not the four iris measurements (the CLI's exit 2). */
export class FeatureNamesRefused extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'FeatureNamesRefused';
  }
}

/** True when `names` are the four iris measurements in load_iris's order, each under either spelling. */
export function areIrisFeatures(names: readonly string[] | null): boolean {
  return names !== null && names.length === IRIS_FEATURE_NAMES.length &&
    names.every((n, i) => n === IRIS_FEATURE_NAMES[i] || aliasesOf(IRIS_FEATURE_NAMES[i]!).includes(n));
}

/** The iris measurements under names other than load_iris's: the export can write either. */
export function differsFromLoadIris(names: readonly string[] | null): names is readonly string[] {
  return names !== null && areIrisFeatures(names) && names.some((n, i) => n !== IRIS_FEATURE_NAMES[i]);
}

/**
 * The names the files check for `choice`: the model's, or load_iris's. Throws FeatureNamesRefused
 * for load-iris when the model's features are not the iris four in load_iris's order.
 */
export function exportedFeatureNames(names: readonly string[] | null, choice: ExportFeatureNames, modelDir: string): readonly string[] | null {
  if (choice === 'trained') return names;
  if (!areIrisFeatures(names)) {
    const had = names === null ? 'no column names (it was fitted on an array)' : names.join(', ');
    throw new FeatureNamesRefused(`${modelDir}: load_iris's feature names (${IRIS_FEATURE_NAMES.join(', ')}) are for a model of those four measurements in that order, and this model has ${had} — export it with the names it was trained on`);
  }
  return [...IRIS_FEATURE_NAMES];
}

/**
 * "the files check the columns sepal_length, … (iris.csv's header); load_iris(as_frame=True)'s
 * differ (sepal length (cm), …)": said beside files that keep the trained names, before the front
 * end's own remedy. `what`: a plural subject ("the files").
 */
export function featureNamesNote(what: string, names: readonly string[], from: string): string {
  return `${what} check the columns ${names.join(', ')} (${from}); load_iris(as_frame=True)'s differ (${IRIS_FEATURE_NAMES.join(', ')})`;
}
