// Progress on a real terminal (a pseudo-terminal from util-linux `script`): every step of a training
// run and of predict shows on stderr's status line, which is cleared before output; without a
// terminal nothing but the output is written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cliPath, runCliSync } from '../core/hardening/cliProcess';
import { fitToWidth } from '../../src/cli/processIO';

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
const skip = hasScript ? false : 'util-linux `script` (a pseudo-terminal) is not installed';
const DATA = resolve('test/fixtures/sample/data.csv');

let root: string;
before(() => { root = mkdtempSync(join(tmpdir(), 'model-lab-tty-')); });
after(() => rmSync(root, { recursive: true, force: true }));

/** The command's terminal output (stdout and stderr mixed, as a user sees them); `columns`: the terminal's width. */
function onTerminal(args: string[], columns?: number): string {
  const quoted = [process.execPath, cliPath(), ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const r = spawnSync('script', ['-qec', `${columns !== undefined ? `stty cols ${columns}; ` : ''}${quoted}`, '/dev/null'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  return r.stdout;
}

/** What clears the status line: carriage return, ESC [K (erase to the end of the line). */
const CLEAR = '\r\x1b[K';
/** The texts the status line showed, in order: what follows a clear and is not an output line. */
const statuses = (tty: string) => tty.split(CLEAR).slice(1).filter((piece) => !piece.includes('\r\n') && piece !== '');

test('train on a terminal: every step on the status line, cleared before each output line and at the end', { skip }, () => {
  const tty = onTerminal(['train', '--data', DATA, '--drop', 'id', '--max-rows', '400', '--out', join(root, 'models')]);
  const seen = statuses(tty);
  for (const step of [/^Counting rows… \d+%$/, /^Sampling 400 of 3,000 rows… \d+%$/, /^Reading data… \d+%$/, /^Splitting… 20%$/, /^Fitting StandardScaler and SVC… 30%$/, /^Scoring… 80%$/, /^Saving… 90%$/]) {
    assert.ok(seen.some((s) => step.test(s)), `${step} in ${JSON.stringify(seen)}`);
  }
  // Output comes after a clear of the status line; the terminal ends on output, not on a stale status.
  // The accuracies are printed once the model is saved (never before a save that could fail).
  const last = tty.split(CLEAR).at(-1)!;
  assert.ok(last.startsWith('Train Accuracy : 0.7875\r\nValid Accuracy : 0.6125\r\nSaved model to ') && last.endsWith('\r\n'), JSON.stringify(last));
  // Not a terminal: only the output.
  const piped = runCliSync(['train', '--data', DATA, '--drop', 'id', '--max-rows', '400', '--out', join(root, 'models')], root);
  assert.equal(piped.err, '');
  assert.match(piped.out, /^Train Accuracy : 0\.7875\nValid Accuracy : 0\.6125\nSaved model to /);
});

test('predict on a terminal: the rows labelled so far on the status line', { skip }, () => {
  const model = JSON.parse(runCliSync(['train', '--data', DATA, '--drop', 'id', '--json', '--out', join(root, 'p-models')], root).out).model;
  const tty = onTerminal(['predict', model, '--data', DATA]);
  assert.ok(statuses(tty).includes('Predicting (3,000 rows so far)…'), JSON.stringify(statuses(tty)));
  assert.match(tty, /Accuracy : 0\.\d+ \(\d+\/3000\)\r\n$/);
});

test('a sweep on a narrow terminal: each status fits in one row (a wrapped one could not be cleared) and keeps its end', { skip }, () => {
  const wide = statuses(onTerminal(['train', '--data', DATA, '--drop', 'id', '--max-rows', '300', '--C', '0.1,1', '--jobs', '1', '--out', join(root, 'wide')], 200));
  assert.ok(wide.some((t) => t.length >= 40), `a status longer than 40 characters on a wide terminal: ${JSON.stringify(wide)}`);
  const narrow = statuses(onTerminal(['train', '--data', DATA, '--drop', 'id', '--max-rows', '300', '--C', '0.1,1', '--jobs', '1', '--out', join(root, 'narrow')], 40));
  for (const t of narrow) assert.ok(Array.from(t).length < 40, `fits in 39 columns: ${JSON.stringify(t)}`);
  assert.ok(narrow.includes('Model 1 of 2 (C=0.1, gamma=scale, seed…'), JSON.stringify(narrow));
  // Counting rows… 42%: the percentage is kept when the step is cut.
  assert.equal(fitToWidth('Sampling 300 of 3,000 rows… 42%', 20), 'Sampling 300 o… 42%');
  assert.equal(fitToWidth('Sampling 300 of 3,000 rows… 42%', 80), 'Sampling 300 of 3,000 rows… 42%');
  assert.equal(fitToWidth('Sampling', undefined), 'Sampling');
});

test('compare on a terminal narrower than its table: columns are left out until every line fits, and the table says which; a pipe gets them all', { skip }, () => {
  const out = join(root, 'compare');
  runCliSync(['train', '--kernel', 'rbf,poly', '--degree', '2,3', '--out', out], root);
  const lines = (text: string) => text.replace(/\r\n/g, '\n').split('\n');
  const wide = onTerminal(['compare', '--out', out], 250);
  assert.match(lines(wide)[0]!, /Created +Data +Seed +Train size +Kernel +C +gamma +degree +coef0 +Train accuracy +Valid accuracy +Status$/);
  assert.doesNotMatch(wide, /Left out/);
  const narrow = onTerminal(['compare', '--out', out], 100);
  const table = lines(narrow).slice(0, 4);
  for (const l of table) assert.ok(l.length < 100, `fits in 99 columns: ${JSON.stringify(l)}`);
  // Columns alike in every row go first (they tell no model apart): kernel and degree stay, C and gamma go.
  assert.match(table[0]!, /^ +Name +Kernel +degree +Train accuracy +Valid accuracy +Status$/);
  assert.match(table[2]!, /^ +iris-poly-C1-gscale-s2023 +poly +3 +0\.9166666666666666 +0\.9666666666666667 +ok$/);
  assert.match(narrow, /\nLeft out for the terminal's 100 columns: Created, Train size, Data, Seed, gamma, C, coef0 \(all: --csv - or --json\)\r?\n/);
  // Piped: every column, no note.
  const piped = runCliSync(['compare', '--out', out], root);
  assert.match(piped.out.split('\n')[0]!, /Created +Data +Seed/);
  assert.doesNotMatch(piped.out, /Left out/);
});
