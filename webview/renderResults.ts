// Builds the results page from a ResultsView. Pure DOM construction; the scatter plot and the
// buttons are wired by main.ts.
import type { ResultsView, SplitView, Status } from '../src/protocol/resultsPanel';
import { formatAccuracyCount, formatCvScore, formatPercent, pythonFloat, type AccuracyView } from '../src/protocol/resultsPanel';
import { h } from './dom';
import { tableScroll } from './tableScroll';

const STATUS_WORD: Record<Status, string> = { checking: 'checking…', cancelled: 'not validated', matches: 'matches', differs: 'differs', 'could-not-load': 'could not load' };

/**
 * A validation of the saved model whose files have changed on disk since: its verdict is about the
 * files as they were, so the badge says so instead of a plain "matches" above the changed banner.
 */
function validatedBeforeChange(v: ResultsView): boolean {
  return (v.changed?.length ?? 0) > 0 && !(v.edited?.length) && (v.status === 'matches' || v.status === 'differs');
}

/** The badge's word ('matches', 'could not load', …); the page also says it in its status line (resultsPage.ts). */
export function statusWord(v: ResultsView): string {
  if (!validatedBeforeChange(v)) return STATUS_WORD[v.status];
  return v.status === 'matches' ? 'matched before the change' : 'differed before the change';
}

/** When the recorded accuracies were recorded: at training, or at the import of scikit-learn files. */
function recordedWhen(v: ResultsView): 'trained' | 'imported' {
  return v.origin?.kind === 'imported' ? 'imported' : 'trained';
}

function statusExplanation(v: ResultsView): string {
  const when = recordedWhen(v);
  if (v.edited && v.edited.length > 0) {
    return `Computed from the files as they are now — ${v.edited.join(', ')} changed since saving — this is what the edited model predicts, not what was saved.`;
  }
  if (validatedBeforeChange(v)) {
    return `Validated before its files changed: the saved model then predicted ${v.status === 'matches' ? 'exactly the accuracies' : 'accuracies that differ from the ones'} recorded when it was ${when}. The files on disk are no longer the saved ones (below).`;
  }
  if (v.status === 'checking') return `Reloading the model from disk and recomputing both accuracies; the numbers below are the ones recorded when it was ${when}.`;
  if (v.status === 'cancelled') return `Validation cancelled: the numbers below are the ones recorded when it was ${when}; validate it again to check them.`;
  if (v.status === 'matches') return `The model was reloaded from disk and predicts exactly the accuracies recorded when it was ${when}.`;
  if (v.status === 'differs') return `The model was reloaded from disk, but its accuracies (or their counts of right predictions) differ from the ones recorded when it was ${when}.`;
  return v.error ?? 'The model could not be loaded.';
}

function section(title: string, ...content: (Node | null)[]): HTMLElement {
  return h('section', {}, h('h2', {}, title), ...content);
}

function keyValues(rows: [string, string][]): HTMLElement {
  return h('dl', { class: 'kv' }, ...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

function accuracyTable(v: ResultsView): HTMLElement {
  const row = (label: string, now: SplitView | undefined, recorded: number | undefined, counts: AccuracyView | undefined, id: string) => {
    const same = now && recorded !== undefined ? now.accuracy === recorded : undefined;
    const recordedText = recorded === undefined ? '—' : counts && counts.accuracy === recorded ? formatAccuracyCount(counts) : formatPercent(recorded);
    return h('tr', {},
      h('th', { scope: 'row' }, label),
      h('td', { id: `${id}-now`, class: 'num' }, now ? formatAccuracyCount(now) : '—'),
      // What the course's "Load Model Train Accuracy :" prints for the reloaded model (the Output
      // channel's line): beside the recorded number it was read as the recorded one.
      h('td', { id: `${id}-now-raw`, class: 'num muted' }, now ? pythonFloat(now.accuracy) : '—'),
      h('td', { id: `${id}-recorded`, class: 'num' }, recordedText),
      h('td', { class: same === undefined ? '' : same ? 'ok' : 'bad' }, same === undefined ? '' : same ? '= recorded' : '≠ recorded'),
    );
  };
  return tableScroll(h('table', { class: 'accuracy' },
    h('thead', {}, h('tr', {}, h('td', {}), h('th', { scope: 'col' }, 'Reloaded from disk'), h('th', { scope: 'col' }, 'Reloaded, as Python prints it'), h('th', { scope: 'col' }, recordedWhen(v) === 'imported' ? 'Recorded at import' : 'Recorded at training'), h('th', { scope: 'col' }, 'Same?'))),
    h('tbody', {},
      row('Train accuracy', v.train, v.recorded?.train, v.recordedCounts?.train, 'train'),
      row('Validation accuracy', v.valid, v.recorded?.valid, v.recordedCounts?.valid, 'valid'),
    ),
  ), 'Accuracy');
}

function confusionTable(title: string, id: string, s: SplitView, classNames: string[]): HTMLElement {
  // A loop, not Math.max(...cells): past ~125,000 arguments (350 classes) the spread overflows the stack.
  const max = s.confusion.flat().reduce((a, b) => Math.max(a, b), 1);
  return h('div', { class: 'matrix' },
    h('h3', {}, title),
    tableScroll(h('table', { id, class: 'confusion' },
      h('caption', {}, `rows: true class · columns: predicted class · ${s.total} rows`),
      h('thead', {}, h('tr', {}, h('td', {}), ...classNames.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, ...s.confusion.map((r, i) => h('tr', {},
        h('th', { scope: 'row' }, classNames[i] ?? String(i)),
        ...r.map((n, j) => h('td', { class: `num ${i === j ? 'diag' : n > 0 ? 'off' : ''} shade-${Math.round((n / max) * 4)}` }, n)),
      ))),
    ), title),
  );
}

function perClassTable(title: string, s: SplitView): HTMLElement {
  const f = (x: number) => x.toFixed(4);
  return h('div', { class: 'perclass' },
    h('h3', {}, title),
    tableScroll(h('table', {},
      h('thead', {}, h('tr', {}, ...['Class', 'Precision', 'Recall', 'F1', 'Support'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, ...s.perClass.map((c) => h('tr', {}, h('th', { scope: 'row' }, c.name), h('td', { class: 'num' }, f(c.precision)), h('td', { class: 'num' }, f(c.recall)), h('td', { class: 'num' }, f(c.f1)), h('td', { class: 'num' }, c.support)))),
    ), title),
  );
}

export interface PageParts {
  readonly root: HTMLElement;
  readonly canvas: HTMLCanvasElement | undefined;
  readonly xSelect: HTMLElement | undefined;
  readonly ySelect: HTMLElement | undefined;
  readonly revalidate: HTMLElement;
  readonly reveal: HTMLElement;
  /** "Show what it predicts now", when files changed since saving. */
  readonly predictNow: HTMLElement | undefined;
  /** "Show Tuning Results", for a tuned model. */
  readonly showTuning: HTMLElement | undefined;
}

/** A tuned model: how its grid search chose it, and the way to the whole search. */
function searchSection(v: ResultsView): { section: HTMLElement; showTuning: HTMLElement } | undefined {
  const s = v.search;
  if (!s) return undefined;
  const showTuning = h('vscode-button', { id: 'show-tuning', secondary: '' }, 'Show Tuning Results');
  return {
    section: section('Cross-validation',
      h('p', { id: 'search-summary' },
        `Chosen by GridSearchCV: ${s.candidates} candidates × ${s.folds} folds (StratifiedKFold) on the ${s.rows} training rows. ` +
        `This model's parameters ranked ${s.rank} of ${s.candidates}, mean CV accuracy ${formatCvScore(s.meanScore, s.stdScore)}; it was then refitted on all ${s.rows} training rows.`),
      h('div', { class: 'actions' }, showTuning)),
    showTuning,
  };
}

/** The files changed on disk since saving, and what the user can do about it. */
function changedBanner(v: ResultsView): { banner: HTMLElement; predictNow: HTMLElement | undefined } | undefined {
  if (!v.changed || v.changed.length === 0) return undefined;
  const what = h('p', {}, h('strong', {}, 'Changed since it was saved: '), v.changed.map((c) => `${c.file} (${c.change})`).join(', '), '.');
  const numbers = v.train || v.valid || v.recorded ? 'so the numbers below do not vouch for them' : 'so they do not make the saved model';
  // A missing file (or one that is now a folder or link) leaves nothing to evaluate as it is now.
  const gone = v.changed.filter((c) => c.change !== 'modified').map((c) => c.file);
  if (gone.length > 0) {
    return {
      banner: h('div', { id: 'changed', class: 'changed', role: 'alert' }, what,
        h('p', {}, `These files are no longer as they were saved (model.json records a sha256 of each, and of itself), ${numbers}. Without ${gone.join(' and ')} the model cannot be evaluated as it is now: restore ${gone.length === 1 ? 'it' : 'them'} and Re-validate, or train the model again.`)),
      predictNow: undefined,
    };
  }
  const predictNow = h('vscode-button', { id: 'predict-now', secondary: '' }, 'Show what it predicts now');
  const banner = h('div', { id: 'changed', class: 'changed', role: 'alert' }, what,
    h('p', {}, `These files are no longer as they were saved (model.json records a sha256 of each, and of itself), ${numbers}. Re-validate checks the saved model again (restore the files to make it match); "Show what it predicts now" evaluates the edited files as they are.`),
    h('div', { class: 'actions' }, predictNow));
  return { banner, predictNow };
}

/** A native select (named by its label for screen readers, keyboard-operable as every select is). */
function featureSelect(id: string, label: string, names: string[], selected: number): HTMLElement {
  const select = h('select', { id });
  names.forEach((n, i) => select.append(h('option', { value: String(i), ...(i === selected ? { selected: '' } : {}) }, n)));
  return h('label', { class: 'feature', for: id }, h('span', {}, label), select);
}

/** When the model was last checked; a model that could not be loaded was not validated. */
function whenText(v: ResultsView): string {
  if (v.status === 'checking' || v.status === 'cancelled') return 'Not validated yet';
  return `${v.status === 'could-not-load' ? 'Checked' : 'Validated'} ${new Date(v.validatedAt).toLocaleString()}`;
}

export function renderResults(v: ResultsView, xi: number, yi: number): PageParts {
  const revalidate = h('vscode-button', { id: 'revalidate' }, 'Re-validate');
  const reveal = h('vscode-button', { id: 'reveal', secondary: '' }, 'Reveal artifacts');
  const header = h('header', {},
    h('h1', {}, v.name),
    // An imported model says so under its name: its numbers were recorded at the import, not at a training.
    v.origin?.kind === 'imported' ? h('p', { id: 'origin', class: 'muted' }, `${v.origin.text[0]!.toUpperCase()}${v.origin.text.slice(1)} · ${new Date(v.origin.at).toLocaleString()}`) : null,
    h('p', { class: 'status-line' },
      h('span', { id: 'status', class: 'status', 'data-status': v.status, ...(validatedBeforeChange(v) ? { 'data-stale': '' } : {}) }, statusWord(v)),
      h('span', { id: 'status-text', class: v.status === 'could-not-load' ? 'reason' : '' }, statusExplanation(v)),
    ),
    h('div', { class: 'actions' }, revalidate, reveal),
    // The recorded view has not been validated yet: it must not carry a validation time.
    h('p', { class: 'muted' }, `${whenText(v)} · ${v.modelDir}`),
  );
  const changed = changedBanner(v);
  // A warning about the data it learnt from (a feature that numbers the rows): kept with the model, not only in a notification.
  const warned = v.dataWarnings?.length
    ? h('div', { id: 'data-warning', class: 'changed', role: 'note' }, ...v.dataWarnings.map((w) => h('p', {}, h('strong', {}, '⚠ Data warning: '), w)))
    : undefined;
  const root = h('div', { class: 'page' }, header, changed?.banner, warned);
  let canvas: HTMLCanvasElement | undefined;
  let xSelect: HTMLElement | undefined;
  let ySelect: HTMLElement | undefined;
  if (v.train || v.valid || v.recorded) root.append(section('Accuracy', accuracyTable(v)));
  const search = searchSection(v);
  if (search) root.append(search.section);
  if (v.train && v.valid) {
    root.append(section('Confusion matrices', h('div', { class: 'row' },
      confusionTable('Train confusion matrix', 'train-confusion', v.train, v.classNames),
      confusionTable('Validation confusion matrix', 'valid-confusion', v.valid, v.classNames),
    )));
    root.append(section('Per class', h('div', { class: 'row' }, perClassTable('Train', v.train), perClassTable('Validation', v.valid))));
  }
  if (v.data && v.data.featureNames.length >= 2) {
    canvas = h('canvas', { id: 'scatter', role: 'img', 'aria-label': 'Scatter plot of the data rows by two features, colored by class' });
    const xs = featureSelect('x-feature', 'X axis', v.data.featureNames, xi);
    const ys = featureSelect('y-feature', 'Y axis', v.data.featureNames, yi);
    xSelect = xs.querySelector('select')!;
    ySelect = ys.querySelector('select')!;
    root.append(section('Scatter plot',
      h('div', { class: 'controls' }, xs, ys),
      h('div', { class: 'chart' }, canvas),
      h('p', { class: 'muted' }, '● train rows · ▲ validation rows · ring: misclassified by the reloaded model'),
    ));
  }
  if (v.parameters.length) root.append(section('Parameters', keyValues(v.parameters)));
  if (v.split.length) root.append(section('Split', keyValues(v.split)));
  if (v.provenance.length) root.append(section('Data provenance', keyValues(v.provenance)));
  if (v.artifacts.length) {
    root.append(section('Artifact files', tableScroll(h('table', { class: 'artifacts' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'File'), h('th', { scope: 'col' }, 'SHA-256 (recorded in model.json)'))),
      h('tbody', {}, ...v.artifacts.map((a) => h('tr', {}, h('td', {}, a.file), h('td', { class: 'hash' }, a.sha256 ?? '—')))),
    ), 'Artifact files')));
  }
  return { root, canvas, xSelect, ySelect, revalidate, reveal, predictNow: changed?.predictNow, showTuning: search?.showTuning };
}
