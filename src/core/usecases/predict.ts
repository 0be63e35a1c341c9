// Labels new rows with a saved model. Columns are matched by name, so order and extra columns
// (id, the target) do not matter; when the target column is there the accuracy is reported too.
import type { FileSystem } from '../io/fileSystem';
import { paths } from '../io/fileSystem';
import { UserError } from '../types';
import { loadModel } from '../artifacts/loadModel';
import { refuseCredentialUrl } from '../datasets/dataSpec';
import { osUserError } from '../io/osErrors';
import { parseFiniteNumber, readCsvRecords } from '../datasets/csvDataset';
import { typeLabelColumn } from '../datasets/labelColumn';
import type { PredictResult, RunControl } from './contracts';
import { accuracyCount, step } from './steps';

export async function predict(modelDir: string, csvPath: string, fs: FileSystem, control: RunControl = {}): Promise<PredictResult> {
  step(control, 'Loading model', 0);
  const model = await loadModel(fs, modelDir);
  const m = model.manifest;
  step(control, 'Reading data', 0.3);
  refuseCredentialUrl(csvPath, 'the data file name');
  const file = paths.basename(csvPath);
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(csvPath);
  } catch (e) {
    throw osUserError(e, { path: csvPath, doing: 'cannot read the data file', choose: 'check the path given with --data' })
      ?? new UserError(`${csvPath}: cannot read the data file — check the path given with --data`);
  }
  const records = await readCsvRecords(bytes, file);
  if (records.length < 2) throw new UserError(`${file}: no data rows — it needs a header line and at least one row`);
  const header = records[0].fields.map((h) => h.trim());
  const columns = m.featureNames.map((name) => {
    const i = header.indexOf(name);
    if (i < 0) throw new UserError(`${file} line ${records[0].line}: no column "${name}" — the model needs columns ${m.featureNames.map((n) => `"${n}"`).join(', ')}`);
    return i;
  });
  const X = records.slice(1).map(({ fields, line }) =>
    columns.map((c, k) => {
      const v = parseFiniteNumber(fields[c]);
      if (typeof v !== 'number') {
        const what = v === 'empty' ? 'is empty' : `${JSON.stringify(fields[c].trim())} is not ${v === 'not-finite' ? 'a finite number' : 'a number'}`;
        throw new UserError(`${file} line ${line}, column "${m.featureNames[k]}": ${what} — fix or remove the row`);
      }
      return v;
    }),
  );
  step(control, 'Predicting', 0.6);
  const predictions = model.pipeline.predict(X);
  const nameOf = new Map(m.classes.map((c, i) => [typeof c + ':' + String(c), m.classNames[i]]));
  const result: PredictResult = {
    modelDir,
    predictions,
    predictionNames: predictions.map((p) => nameOf.get(typeof p + ':' + String(p)) ?? String(p)),
    featureNames: m.featureNames,
    labelType: m.labelType,
  };
  control.progress?.report('Done', 1);
  const targetIndex = header.indexOf(m.data.target);
  if (targetIndex >= 0) {
    // The true labels typed as pandas types that column; compared by value as accuracy_score does (1 == 1.0).
    const rows = records.slice(1);
    const { y: truth } = typeLabelColumn(rows.map((r) => r.fields[targetIndex]), { file, target: m.data.target, lines: rows.map((r) => r.line) });
    return { ...result, accuracy: accuracyCount(truth, predictions) };
  }
  return result;
}
