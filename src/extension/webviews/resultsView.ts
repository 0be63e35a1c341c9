// Turns the core's ValidationReport (and the manifest in it) into the ResultsView the webview
// renders. Only reshaping and wording here: every number comes from the core.
import type { ResultsView, SplitView } from '../../protocol/resultsPanel';
import { importedFilesText, labelKey, modelOrigin, originText, savedDataWarning, manifestOf, pythonFloat, type Label, type ModelManifest, type ValidationReport } from '../engine';
import { describeSplitSize } from '../describeModel';

type Evaluation = NonNullable<ValidationReport['train']>;

function classIndexer(classes: readonly Label[]): (l: Label) => number {
  const index = new Map(classes.map((c, i) => [labelKey(c), i]));
  return (l) => index.get(labelKey(l)) ?? -1;
}

function splitView(e: Evaluation, indexOf: (l: Label) => number): SplitView {
  return {
    accuracy: e.accuracy, correct: e.correct, total: e.total,
    confusion: e.confusion.map((r) => [...r]),
    perClass: e.perClass.map((c) => ({ name: c.name, precision: c.precision, recall: c.recall, f1: c.f1, support: c.support })),
    indices: [...e.indices],
    predicted: e.predictions.map(indexOf),
  };
}

/** The view of a validation report (the model reloaded from disk and recomputed). */
export function buildResultsView(name: string, report: ValidationReport, validatedAt: Date): ResultsView {
  return viewOf(name, report, manifestOf(report), validatedAt);
}

/** The view of what model.json recorded, shown while the model is being reloaded ('checking'). */
export function buildRecordedView(name: string, modelDir: string, manifest: ModelManifest): ResultsView {
  // The accuracies model.json recorded: the page's first paint shows them while the model reloads.
  const recorded = { train: manifest.metrics.trainAccuracy, valid: manifest.metrics.validAccuracy };
  return { ...viewOf(name, { modelDir, status: 'matches', manifest, recorded }, manifest, new Date()), status: 'checking' };
}

function viewOf(name: string, report: ValidationReport, m: ModelManifest | undefined, validatedAt: Date): ResultsView {
  // The classes the metrics count: the model's, and a label it never saw in training (report.valid's).
  const classes: Label[] = report.valid?.perClass.map((c) => c.label) ?? m?.classes ?? [...new Set(report.data?.y ?? [])];
  const indexOf = classIndexer(classes);
  const classNames = report.data?.classNames ?? m?.classNames ?? classes.map(String);
  const svc = m?.params.svc;
  const origin = m ? modelOrigin(m) : undefined;
  return {
    name,
    modelDir: report.modelDir,
    status: report.status,
    ...(report.error !== undefined ? { error: report.error } : {}),
    validatedAt: validatedAt.toISOString(),
    ...(origin ? { origin: { kind: origin.kind, text: originText(origin), at: origin.created } } : {}),
    ...(report.recorded ? { recorded: { ...report.recorded } } : {}),
    ...(m ? { recordedCounts: {
      train: { accuracy: m.metrics.trainAccuracy, correct: m.metrics.trainCorrect, total: m.metrics.trainTotal },
      valid: { accuracy: m.metrics.validAccuracy, correct: m.metrics.validCorrect, total: m.metrics.validTotal },
    } } : {}),
    ...(report.train ? { train: splitView(report.train, indexOf) } : {}),
    ...(report.valid ? { valid: splitView(report.valid, indexOf) } : {}),
    classNames,
    parameters: m && svc ? [
      ['Layout', m.layout === 'pipeline' ? 'One pipeline: Pipeline([StandardScaler(), SVC()])' : 'Separate StandardScaler + SVC'],
      ['StandardScaler', `with_mean=${py(m.params.scaler.withMean)}, with_std=${py(m.params.scaler.withStd)}`],
      ['kernel', svc.kernel],
      // As SVC().get_params() prints them: floats with their '.0' (C=1.0, coef0=0.0), degree an int.
      ['C', pythonFloat(svc.C)],
      ['gamma', typeof svc.gamma === 'number' ? pythonFloat(svc.gamma) : svc.gamma],
      ['degree', String(svc.degree)],
      ['coef0', pythonFloat(svc.coef0)],
      ['tol', pythonFloat(svc.tol)],
      ['cache_size', `${svc.cacheSizeMB} MB`],
    ] : [],
    split: m ? [
      ['Method', 'train_test_split(shuffle=True)'],
      ['random_state', String(m.split.seed)],
      ['train_size', describeSplitSize(m.split.trainSize)],
      ['Rows', `${m.split.nTrain} train, ${m.split.nTest} validation (of ${m.data.rows})`],
    ] : [],
    provenance: m ? [
      ['Source', m.data.source === 'iris' ? 'built-in iris data (scikit-learn load_iris)' : m.data.source],
      ...(m.data.source !== 'iris' ? [['Path', m.data.path] as [string, string]] : []),
      ['Snapshot', `${m.data.file} (${m.data.rows} rows, ${m.data.columns} columns, target "${m.data.target}")${(m.data as { compression?: unknown }).compression === 'gzip' ? ', the file decompressed (gzip)' : ''}`],
      ['Features', m.featureNames.join(', ')],
      // What to drop again in Python (the exported script's df.drop lists them too).
      ...(m.data.dropped.length > 0 ? [['Left out', m.data.dropped.join(', ')] as [string, string]] : []),
      ['Classes', classNames.join(', ')],
      ...dataProvenance(m),
      ...codeProvenance(m),
      // An imported model was made by scikit-learn: which files, and when Model Lab imported them.
      ...(origin?.kind === 'imported'
        ? [['Imported from', importedFilesText(origin)], ['Imported', `${m.created} by ${origin.tool}`]] as [string, string][]
        : [['Saved', `${m.created} by ${m.tool.name} ${m.tool.version}`] as [string, string]]),
    ] : [],
    artifacts: m ? Object.entries(m.files).map(([file, sha256]) => ({ file, sha256 })) : [],
    ...(report.data ? { data: { featureNames: report.data.featureNames, X: report.data.X, y: report.data.y.map(indexOf) } } : {}),
    ...(report.edited && report.edited.length > 0 ? { edited: [...report.edited] } : {}),
    ...(m?.search ? { search: searchSummary(m) } : {}),
    ...dataWarnings(report),
  };
}

/** The data warning of the saved rows (a feature that numbers the rows), with VS Code's way out. */
function dataWarnings(report: ValidationReport): Pick<ResultsView, 'dataWarnings'> {
  const warning = savedDataWarning(report);
  return warning ? { dataWarnings: [`${warning.detail.base ?? warning.message} — train it again with that column in the setting modelLab.dropColumns`] } : {};
}

/** A tuned model's search, summed up from model.json: the folds, the grid's size, this candidate's scores. */
function searchSummary(m: ModelManifest): NonNullable<ResultsView['search']> {
  const s = m.search!;
  const best = s.candidates[s.bestIndex]!;
  return { folds: s.cv.nSplits, candidates: s.candidates.length, rows: m.split.nTrain, meanScore: best.meanScore, stdScore: best.stdScore, rank: best.rank };
}

/** When and which rows were read (a database table changes under a running generator), and a sample. */
function dataProvenance(m: ModelManifest): [string, string][] {
  const out: [string, string][] = [];
  const d = m.data as Record<string, unknown>;
  if (typeof d.readAt === 'string') out.push(['Read at', d.readAt]);
  const range = d.idRange;
  if (Array.isArray(range) && range.length === 2) out.push(['Rows by id', `${String(range[0])} … ${String(range[1])}`]);
  const sample = d.sample as { n?: unknown; fromRows?: unknown; randomState?: unknown } | undefined;
  if (sample && typeof sample.n === 'number') out.push(['Sample', `${sample.n} of ${String(sample.fromRows)} rows (pandas df.sample(n=${sample.n}, random_state=${String(sample.randomState)}))`]);
  // Rows left out for a missing value (--dropna, modelLab.dropna): how many, and where in the file.
  // A CSV's rows are named by their lines, a table's (NULLs) by their ids.
  const dropna = d.dropna as { rows?: unknown; fromRows?: unknown; lines?: unknown; ids?: unknown } | undefined;
  if (dropna && typeof dropna.rows === 'number') {
    const listed = (v: unknown) => (Array.isArray(v) ? v.slice(0, 10).map(String).join(', ') + (dropna.rows as number > 10 ? ' …' : '') : '');
    const where = Array.isArray(dropna.lines) ? `, lines ${listed(dropna.lines)} of the file` : Array.isArray(dropna.ids) ? `, ids ${listed(dropna.ids)}` : '';
    out.push(['Missing values', `${dropna.rows} of ${String(dropna.fromRows)} rows left out (pandas dropna())${where}`]);
  }
  if (typeof d.sha256 === 'string') out.push(['Data sha256', d.sha256]);
  return out;
}

/** The code the model came from: the workspace's git commit, and whether it had uncommitted changes. */
function codeProvenance(m: ModelManifest): [string, string][] {
  const g = m.git;
  if (!g) return [['Code', 'not recorded (the workspace is not a git repository)']];
  const where = `git commit ${g.commit.slice(0, 12)}${g.branch ? ` on ${g.branch}` : ''}`;
  const state = g.dirty === true ? `with uncommitted changes${g.changed?.length ? ` (${g.changed.join(', ')})` : ''}`
    : g.dirty === false ? 'clean (no uncommitted changes)' : `uncommitted changes unknown${g.note ? ` (${g.note})` : ''}`;
  return [['Code', `${where}, ${state}`]];
}

function py(b: boolean): string {
  return b ? 'True' : 'False';
}
