// A saved model as the course's own Python: pandas reads the model's data.csv, train_test_split with
// the recorded seed and sizes, StandardScaler + SVC (or the Pipeline) with the model's parameters,
// the accuracy prints and joblib.dump. Run with scikit-learn 1.2.x it prints the accuracies Model Lab
// recorded and dumps the files Model Lab exports (1.4.2 and 1.9.0 print them too:
// scripts/fixtures/sklearn_releases.sh). Text from model.json only ever lands inside string
// literals or escaped comments: a model folder from elsewhere cannot put code into the script.
import type { ModelManifest } from '../../artifacts/manifest';
import type { SplitSize } from '../../types';
import { paths } from '../../io/fileSystem';
import { pythonFloat } from '../../text/pythonFloat';
import { TOOL } from '../../artifacts/toolInfo';
import { pyFloat, pyInt, type PyOut } from '../pickle/pickleOut';
import { scalerKeywords, svcKeywords, type PyParam } from '../sklearn/sklearnParams';
import { JOBLIB_FILES } from '../exportJoblib';
import { pythonLiteral, pythonString } from './pythonLiteral';

export interface PythonScriptOptions {
  /** Absolute path of data.csv as the script should name it. */
  readonly dataPath: string;
  /** Where the script will live: when it is data.csv's folder, the path is written relative to the script. */
  readonly scriptDir?: string;
  /** Read the label column as text (a model saved before labels were typed, whose classes are text). */
  readonly labelsAsText?: boolean;
  /** Strip the spaces around header names / text labels, which Model Lab trims and pandas keeps. */
  readonly strip?: { readonly names: boolean; readonly labels: boolean };
  /**
   * An imported model whose files were not fitted on its recorded split: the script trains another
   * model, with these accuracies when known (imported-from.json's refitOnSplit).
   */
  readonly trainsAnother?: { readonly trainAccuracy?: number; readonly validAccuracy?: number };
}

/** Characters that end a line (and so a comment) in Python or in an editor, and other controls. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const LINE_BREAKING = /[\u0000-\u001f\u007f\u0085\u2028\u2029]/g;

/** A comment's text on one line: a line break could start code, so breaks and controls are escaped (\n, \u2028). */
function comment(text: string): string {
  const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
  return text.replace(LINE_BREAKING, (c) => named[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function call(name: string, params: readonly PyParam[]): string {
  return `${name}(${params.map(([k, v]) => `${k}=${pythonLiteral(v)}`).join(', ')})`;
}

function sizeLiteral(size: SplitSize): PyOut {
  return size.kind === 'fraction' ? pyFloat(size.value) : pyInt(size.value);
}

function dataComment(m: ModelManifest): string[] {
  const d = m.data;
  if (d.source === 'iris') return ['# data.csv holds the iris data set (scikit-learn\'s load_iris), as Model Lab wrote it.'];
  if (d.source === 'postgres') {
    const ids = Array.isArray(d.idRange) && d.idRange.length === 2 ? `, id ${String(d.idRange[0])} to ${String(d.idRange[1])}` : '';
    const lines = [
      `# The rows were read from PostgreSQL by Model Lab on ${comment(m.created)}:`,
      `#   ${comment(d.path)}`,
    ];
    if (typeof d.query === 'string') lines.push(`#   ${comment(d.query)}  (${d.rows} rows${ids})`);
    const left = d.dropna as { rows?: unknown; fromRows?: unknown; ids?: unknown } | undefined;
    if (left !== undefined) lines.push(`#   of ${String(left.fromRows)} rows read; ${String(left.rows)} with a NULL in a feature or the target were left out, as pandas' dropna() leaves out what read_sql reads as NaN`);
    lines.push('# data.csv is that snapshot: this script reads it, not the table, which may have changed since.');
    return lines;
  }
  const sample = d.sample as { n?: unknown; randomState?: unknown } | undefined;
  const dropna = d.dropna as { subset?: unknown; rows?: unknown; fromRows?: unknown } | undefined;
  if (sample === undefined && dropna === undefined) return [`# data.csv is a byte-for-byte copy of ${comment(d.path)} as it was when the model was trained.`];
  // data.csv holds the rows trained on; how pandas draws the same rows from the file, as comments.
  const lines = [`# data.csv holds the rows of ${comment(d.path)} that the model was trained on; in pandas:`, `#   df = pd.read_csv(${comment(pythonString(d.path))})`];
  if (sample !== undefined) lines.push(`#   df = df.sample(n=${String(sample.n)}, random_state=${String(sample.randomState)})`);
  if (dropna !== undefined) {
    const subset = Array.isArray(dropna.subset) ? dropna.subset.map((c) => pythonString(String(c))).join(', ') : '';
    lines.push(`#   df = df.dropna(subset=[${comment(subset)}])  # ${String(dropna.rows)} of ${String(dropna.fromRows)} rows had a missing value`);
  }
  return lines;
}

/**
 * A missing label made pandas read the file's integer labels as float64 (dropna keeps the type), so
 * the classes are 0.0, 1.0 …: data.csv, without those rows, reads as int64 and is cast back.
 */
function labelCast(m: ModelManifest, target: string): string[] {
  if (m.labelType !== 'float' || m.data.dropna === undefined) return [];
  return ['# The file\'s missing labels made pandas read this column as float64, as the model\'s classes are.', `df[${target}] = df[${target}].astype("float64")`];
}

function stripLines(strip: PythonScriptOptions['strip'], target: string): string[] {
  if (!strip || (!strip.names && !strip.labels)) return [];
  const what = strip.names && strip.labels ? 'column names and labels' : strip.names ? 'column names' : 'labels';
  return [
    `# Model Lab trims the spaces around the file's ${what}; pandas keeps them.`,
    ...(strip.names ? ['df.columns = df.columns.str.strip()'] : []),
    ...(strip.labels ? [`df[${target}] = df[${target}].str.strip()`] : []),
  ];
}

/** The script's text. `m` is a loaded (hash-checked) manifest. */
export function pythonScriptText(m: ModelManifest, options: PythonScriptOptions): string {
  const pipeline = m.layout === 'pipeline';
  const target = pythonString(m.data.target);
  const dropped = [m.data.target, ...m.data.dropped].map(pythonString).join(', ');
  const besideScript = options.scriptDir !== undefined && paths.relative(options.scriptDir, paths.dirname(options.dataPath)) === '';
  const dataExpr = besideScript
    ? `Path(__file__).resolve().parent / ${pythonString(paths.basename(options.dataPath))}`
    : `Path(${pythonString(options.dataPath)})`;
  const split: string[] = [];
  if (m.split.trainSize) split.push(`train_size=${pythonLiteral(sizeLiteral(m.split.trainSize))}`);
  if (m.split.testSize) split.push(`test_size=${pythonLiteral(sizeLiteral(m.split.testSize))}`);
  split.push(`random_state=${m.split.seed}`);
  const scaler = call('StandardScaler', scalerKeywords(m.params.scaler.withMean, m.params.scaler.withStd));
  const svc = call('SVC', svcKeywords(m.params.svc, m.labelType));
  const readOptions = ['float_precision="round_trip"', ...(options.labelsAsText ? [`dtype={${target}: str}`] : [])].join(', ');

  const recorded = `train ${pythonFloat(m.metrics.trainAccuracy)}, valid ${pythonFloat(m.metrics.validAccuracy)}`;
  const another = options.trainsAnother;
  const intro = another === undefined
    ? [
      '# It repeats the training in scikit-learn: the same rows, split, scaler and SVC parameters,',
      `# so it prints the accuracies Model Lab recorded: ${recorded}.`,
    ]
    : [
      '# It fits StandardScaler + SVC with the model\'s parameters on the training part of its split. The model',
      '# was imported from scikit-learn files that were not fitted there (another split, other rows or sample',
      `# weights), so this trains another model${another.trainAccuracy !== undefined && another.validAccuracy !== undefined
        ? `, which prints train ${pythonFloat(another.trainAccuracy)}, valid ${pythonFloat(another.validAccuracy)}`
        : ''}`,
      `# (the imported model: ${recorded}).`,
    ];
  const lines = [
    `# Model Lab model ${comment(m.name)} as scikit-learn code (written by Model Lab ${TOOL.version}).`,
    ...intro,
    'from pathlib import Path',
    '',
    'import joblib',
    'import pandas as pd',
    'from sklearn.metrics import accuracy_score',
    'from sklearn.model_selection import train_test_split',
    ...(pipeline ? ['from sklearn.pipeline import Pipeline'] : []),
    'from sklearn.preprocessing import StandardScaler',
    'from sklearn.svm import SVC',
    '',
    ...dataComment(m),
    `DATA = ${dataExpr}`,
    '',
    '# round_trip: every number read exactly as written, as Model Lab reads it.',
    `df = pd.read_csv(DATA, ${readOptions})`,
    ...stripLines(options.strip, target),
    ...labelCast(m, target),
    `X = df.drop(columns=[${dropped}])`,
    `y = df[${target}]`,
    `X_train, X_valid, y_train, y_valid = train_test_split(X, y, ${split.join(', ')})`,
    '',
  ];
  if (pipeline) {
    lines.push(
      `model_pipeline = Pipeline([("scaler", ${scaler}), ("svc", ${svc})])`,
      'model_pipeline.fit(X_train, y_train)',
      '',
      'train_pred = model_pipeline.predict(X_train)',
      'valid_pred = model_pipeline.predict(X_valid)',
    );
  } else {
    lines.push(
      `scaler = ${scaler}`,
      'scaled_X_train = scaler.fit_transform(X_train)',
      'scaled_X_valid = scaler.transform(X_valid)',
      '',
      `classifier = ${svc}`,
      'classifier.fit(scaled_X_train, y_train)',
      '',
      'train_pred = classifier.predict(scaled_X_train)',
      'valid_pred = classifier.predict(scaled_X_valid)',
    );
  }
  lines.push(
    '',
    'train_acc = accuracy_score(y_true=y_train, y_pred=train_pred)',
    'valid_acc = accuracy_score(y_true=y_valid, y_pred=valid_pred)',
    '',
    'print("Train Accuracy :", train_acc)',
    'print("Valid Accuracy :", valid_acc)',
    '',
    ...(pipeline
      ? [`joblib.dump(model_pipeline, ${pythonString(JOBLIB_FILES.pipeline.pipeline)})`]
      : [`joblib.dump(scaler, ${pythonString(JOBLIB_FILES.separate.scaler)})`, `joblib.dump(classifier, ${pythonString(JOBLIB_FILES.separate.classifier)})`]),
  );
  return lines.join('\n') + '\n';
}
