// model-lab end to end: the bundled dist/cli.js in a child process, numbers checked against
// scikit-learn's (test/fixtures/workflow/reference.json).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const CLI = resolve('dist/cli.js');
const FIXTURES = resolve('test/fixtures/workflow');
const reference = JSON.parse(readFileSync(join(FIXTURES, 'reference.json'), 'utf8')).cases as any[];
const badExpected = JSON.parse(readFileSync(join(FIXTURES, 'bad/expected.json'), 'utf8')) as Record<string, { message: string }>;
const ref = (data: string, layout: string, seed: number) =>
  reference.find((c) => c.data === data && c.layout === layout && c.seed === seed && c.kernel === 'rbf' && c.testSize === null);

let cwd: string;
before(() => {
  const b = spawnSync(process.execPath, ['scripts/build.mjs'], { encoding: 'utf8' });
  assert.equal(b.status, 0, b.stderr);
  cwd = mkdtempSync(join(tmpdir(), 'model-lab-cli-'));
});
after(() => rmSync(cwd, { recursive: true, force: true }));

function run(args: string[], dir = cwd) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function freshDir(): string {
  return mkdtempSync(join(cwd, 'case-'));
}

test('model-lab train with no options prints the course numbers for seed 2023, validate reproduces them', () => {
  const dir = freshDir();
  const t = run(['train'], dir);
  assert.equal(t.code, 0, t.err);
  const lines = t.out.trimEnd().split('\n');
  assert.equal(lines[0], 'Train Accuracy : 0.9666666666666667');
  assert.equal(lines[1], 'Valid Accuracy : 1.0');
  assert.equal(lines[0].split(' : ')[1], ref('iris', 'separate', 2023).trainAccuracyText);
  const saved = /^Saved model to (.+)$/.exec(lines[2])![1];
  assert.equal(saved, join(dir, 'models', 'iris-C1-gscale-s2023'));
  assert.deepEqual(readdirSync(saved).sort(), ['classifier.json', 'data.csv', 'model.json', 'scaler.json']);
  assert.equal(t.err, '');

  const v = run(['validate', saved], dir);
  assert.equal(v.code, 0, v.err);
  const vl = v.out.trimEnd().split('\n');
  assert.equal(vl[0], 'Load Model Train Accuracy : 0.9666666666666667');
  assert.equal(vl[1], 'Load Model Valid Accuracy : 1.0');
  assert.match(v.out, /Match: the reloaded model reproduces the recorded accuracies exactly/);
});

test('--seed 2022 gives scikit-learn\'s 0.9833333333333333 / 0.9666666666666667', () => {
  const t = run(['train', '--seed', '2022'], freshDir());
  assert.equal(t.code, 0, t.err);
  const r = ref('iris', 'separate', 2022);
  assert.equal(r.trainAccuracyText, '0.9833333333333333');
  assert.ok(t.out.startsWith(`Train Accuracy : ${r.trainAccuracyText}\nValid Accuracy : ${r.validAccuracyText}\n`));
});

test('--layout pipeline --json: one JSON object; validate --json says it matches', () => {
  const dir = freshDir();
  const t = run(['train', '--layout', 'pipeline', '--seed', '42', '--json', '--name', 'mine'], dir);
  assert.equal(t.code, 0, t.err);
  const j = JSON.parse(t.out);
  assert.equal(t.out.trim().split('\n').length, 1);
  const r = ref('iris', 'pipeline', 42);
  assert.equal(j.model, join(dir, 'models', 'mine'));
  assert.equal(j.trainAccuracy, r.trainAccuracy);
  assert.equal(j.validAccuracy, r.validAccuracy);
  assert.deepEqual(j.train, { correct: Math.round(r.trainAccuracy * r.nTrain), total: r.nTrain });
  assert.deepEqual(readdirSync(j.model).sort(), ['data.csv', 'model.json', 'pipeline.json']);

  const v = run(['validate', 'models/mine', '--json'], dir);
  assert.equal(v.code, 0, v.err);
  const vj = JSON.parse(v.out);
  assert.equal(vj.matches, true);
  assert.equal(vj.status, 'matches');
  assert.equal(vj.trainAccuracy, r.trainAccuracy);
  assert.deepEqual(vj.recorded, { trainAccuracy: r.trainAccuracy, validAccuracy: r.validAccuracy });
  assert.equal(vj.valid.confusion.flat().reduce((a: number, b: number) => a + b, 0), r.nTest);
});

test('CSV with string labels and --target: numbers as scikit-learn; predict labels rows in input order', () => {
  const dir = freshDir();
  const t = run(['train', '--data', join(FIXTURES, 'csv/flowers.csv'), '--target', 'species', '--json'], dir);
  assert.equal(t.code, 0, t.err);
  const j = JSON.parse(t.out);
  const r = ref('csv/flowers.csv', 'separate', 2023);
  assert.equal(j.trainAccuracy, r.trainAccuracy);
  assert.equal(j.validAccuracy, r.validAccuracy);
  assert.equal(j.name, 'flowers-C1-gscale-s2023');

  // Rows in another column order, with an extra column: matched by name.
  const csv = readFileSync(join(FIXTURES, 'csv/flowers.csv'), 'utf8').trim().split('\n').slice(1, 13)
    .map((line) => line.split(','))
    .map((f) => [f[3], f[2], f[1], 'x', f[4]].join(','));
  writeFileSync(join(dir, 'rows.csv'), ['petal_count,leaf_width,"stem, height",note,species', ...csv].join('\n') + '\n');
  const p = run(['predict', j.model, '--data', 'rows.csv', '--json'], dir);
  assert.equal(p.code, 0, p.err);
  const pj = JSON.parse(p.out);
  assert.deepEqual(pj.predictions, r.predictions.slice(0, 12));
  assert.equal(typeof pj.accuracy, 'number');

  const plain = run(['predict', j.model, '--data', 'rows.csv'], dir);
  assert.deepEqual(plain.out.trimEnd().split('\n').slice(0, 12), r.predictions.slice(0, 12));
});

test('predict: true labels that are none of the model\'s classes are said on stderr (how many, the first, the classes), not shown as a bare low accuracy', () => {
  const dir = freshDir();
  const t = run(['train', '--json'], dir);
  assert.equal(t.code, 0, t.err);
  const model = JSON.parse(t.out).model as string;
  // Two rows labelled as the model's classes are (0), two with the class name instead.
  const header = 'sepal length (cm),sepal width (cm),petal length (cm),petal width (cm),target';
  writeFileSync(join(dir, 'rows.csv'), [header, '5.1,3.5,1.4,0.2,0', '4.9,3.0,1.4,0.2,0', '4.7,3.2,1.3,0.2,setosa', '4.6,3.1,1.5,0.2,setosa', ''].join('\n'));
  const note = 'model-lab predict: rows.csv: 2 of 4 rows have a label in "target" that is none of the model\'s classes (0 (setosa), 1 (versicolor), 2 (virginica)), e.g. "setosa" on line 4 — they count as wrong in the accuracy; is the label column coded otherwise than in the training data?\n';
  const plain = run(['predict', model, '--data', 'rows.csv'], dir);
  assert.equal(plain.code, 0, plain.err);
  assert.equal(plain.err, note);
  assert.match(plain.out, /\nAccuracy : 0\.5 \(2\/4\)\n$/);
  const json = run(['predict', model, '--data', 'rows.csv', '--json'], dir);
  assert.equal(json.err, note);
  const j = JSON.parse(json.out);
  assert.equal(j.accuracy, 0.5);
  assert.deepEqual(j.unknownLabels, { rows: 2, first: { label: 'setosa', line: 4 } });
  // Labels that are all the model's classes: nothing on stderr, no unknownLabels.
  writeFileSync(join(dir, 'known.csv'), [header, '5.1,3.5,1.4,0.2,0', '4.9,3.0,1.4,0.2,0.0', ''].join('\n'));
  const known = run(['predict', model, '--data', 'known.csv', '--json'], dir);
  assert.equal(known.err, '');
  assert.equal(JSON.parse(known.out).unknownLabels, undefined);
});

test('a CSV read and written back by pandas (its index as "Unnamed: 0"): trained on, as scikit-learn would, with one warning line naming the fix', () => {
  const dir = freshDir();
  const iris = readFileSync(resolve('test/e2e/fixtures/iris.csv'), 'utf8').trim().split('\n');
  writeFileSync(join(dir, 'again.csv'), [`Unnamed: 0,${iris[0]}`, ...iris.slice(1).map((l, i) => `${i},${l}`), ''].join('\n'));
  const warned = run(['train', '--data', 'again.csv'], dir);
  assert.equal(warned.code, 0, warned.err);
  assert.equal(warned.err, 'model-lab train: warning: again.csv: the column "Unnamed: 0" is a row index that pandas wrote (DataFrame.to_csv without index=False), and it is trained on as a feature, so the model learns the order of the rows — leave it out with --drop "id,timestamp,Unnamed: 0"\n');
  // The fix as given: no warning, and the course's numbers again.
  const fixed = run(['train', '--data', 'again.csv', '--drop', 'id,timestamp,Unnamed: 0'], dir);
  assert.equal(fixed.err, '');
  const plain = run(['train', '--data', resolve('test/e2e/fixtures/iris.csv')], dir);
  assert.deepEqual(fixed.out.split('\n').slice(0, 2), plain.out.split('\n').slice(0, 2));
  // A sweep and a search say it once.
  assert.equal(run(['train', '--data', 'again.csv', '--C', '1,10'], dir).err.split('\n').filter((l) => l.includes('warning')).length, 1);
  assert.match(run(['tune', '--data', 'again.csv', '--C', '1,10', '--cv', '3'], dir).err, /^model-lab tune: warning: again\.csv: the column "Unnamed: 0" is a row index/);
});

test('a column that numbers the rows under another name than "id" (Kaggle\'s Iris.csv "Id"): trained on, as scikit-learn would, with one warning line naming the fix', () => {
  const dir = freshDir();
  const iris = readFileSync(resolve('test/e2e/fixtures/iris.csv'), 'utf8');
  writeFileSync(join(dir, 'Iris.csv'), iris.replace(/^id,/, 'Id,'));
  const warned = run(['train', '--data', 'Iris.csv'], dir);
  assert.equal(warned.code, 0, warned.err);
  assert.equal(warned.err, 'model-lab train: warning: Iris.csv: the column "Id" numbers the rows (1, 2, 3 … 150), and it is trained on as a feature, so the model learns the order of the rows — leave it out with --drop "id,timestamp,Id"\n');
  // scikit-learn 1.2.1 on the same columns (Id kept, timestamp dropped): the rows are sorted by class, so Id alone separates them.
  assert.deepEqual(warned.out.split('\n').slice(0, 2), ['Train Accuracy : 1.0', 'Valid Accuracy : 1.0']);
  // validate says it again (found in the saved rows), whenever the model is checked; the fix names the columns it dropped.
  const model = /Saved model to (.*)/.exec(warned.out)![1]!;
  const validated = run(['validate', model], dir);
  assert.equal(validated.code, 0);
  assert.equal(validated.err, 'model-lab validate: warning: Iris.csv: the column "Id" numbers the rows (1, 2, 3 … 150), and it is trained on as a feature, so the model learns the order of the rows — leave it out with --drop "timestamp,Id"\n');
  assert.deepEqual(JSON.parse(run(['validate', model, '--json'], dir).out).warnings, [validated.err.replace(/^model-lab validate: warning: /, '').trim()]);
  // The fix as given: no warning, and the course's numbers again.
  const fixed = run(['train', '--data', 'Iris.csv', '--drop', 'id,timestamp,Id'], dir);
  assert.equal(fixed.err, '');
  const fixedModel = /Saved model to (.*)/.exec(fixed.out)![1]!;
  assert.equal(run(['validate', fixedModel], dir).err, '');
  assert.equal(JSON.parse(run(['validate', fixedModel, '--json'], dir).out).warnings, undefined);
  assert.deepEqual(fixed.out.split('\n').slice(0, 2), ['Train Accuracy : 0.9666666666666667', 'Valid Accuracy : 1.0']);
  // Counting down (a table read newest first) is a row number too; the course's file, whose id is dropped, warns of nothing.
  const lines = iris.trim().split('\n');
  writeFileSync(join(dir, 'desc.csv'), [lines[0].replace(/^id,/, 'row,'), ...lines.slice(1).reverse(), ''].join('\n'));
  assert.match(run(['train', '--data', 'desc.csv'], dir).err, /^model-lab train: warning: desc\.csv: the column "row" numbers the rows \(150, 149, 148 … 1\)/);
  assert.equal(run(['train', '--data', resolve('test/e2e/fixtures/iris.csv')], dir).err, '');
});

test('a bad CSV: exit 1, one line naming file/line/column, no model folder', () => {
  for (const file of ['not-a-number.csv']) {
    const dir = freshDir();
    const t = run(['train', '--data', join(FIXTURES, 'bad', file)], dir);
    assert.equal(t.code, 1);
    assert.equal(t.out, '');
    assert.equal(t.err, `model-lab train: ${badExpected[file].message}\n`);
    assert.equal(existsSync(join(dir, 'models')), false);
  }
});

test('a command-line mistake: exit 2, one line with a hint', () => {
  const dir = freshDir();
  const r = run(['train', '--sed', '1'], dir);
  assert.equal(r.code, 2);
  assert.equal(r.err, 'model-lab train: unknown option --sed — did you mean --seed?\n');
  assert.deepEqual(readdirSync(dir), []);
});

test('a single-dash word is refused whole, pointing to the long option it names; -C is --C', () => {
  const dir = freshDir();
  const cases: [string[], string][] = [
    [['train', '-seed', '5'], 'model-lab train: unknown option -seed — did you mean --seed?\n'],
    [['train', '-gamma', '0.1'], 'model-lab train: unknown option -gamma — did you mean --gamma?\n'],
    [['tune', '-cv', '3'], 'model-lab tune: unknown option -cv — did you mean --cv?\n'],
    // A single letter that is no option gets no made-up neighbour (it was "did you mean --C?").
    [['train', '-x', '5'], 'model-lab train: unknown option -x — run "model-lab train --help" for the options\n'],
    [['train', '--x', '5'], 'model-lab train: unknown option --x — run "model-lab train --help" for the options\n'],
  ];
  for (const [args, err] of cases) {
    const r = run(args, dir);
    assert.equal(r.code, 2, args.join(' '));
    assert.equal(r.err, err);
  }
  assert.deepEqual(readdirSync(dir), []);
  // -C, scikit-learn's name, is the documented short form of --C.
  const c = run(['train', '-C', '5', '--json'], dir);
  assert.equal(c.code, 0, c.err);
  assert.equal(JSON.parse(c.out).name, 'iris-C5-gscale-s2023');
  assert.match(run(['train', '--help']).out, /^ {2}--C X, -C X +regularization/m);
});

test('a --name that is no folder name is a command-line mistake (exit 2) wherever --name is taken', () => {
  const dir = freshDir();
  const rule = "is not allowed — use the letters a-z and A-Z, digits, '.', '_' and '-' (at most 128), starting with a letter or digit";
  const cases: [string[], string][] = [
    [['train', '--name', 'my model'], `model-lab train: model name "my model" ${rule}\n`],
    [['train', '--name', 'a b', '--C', '1,2'], `model-lab train: model name "a b" ${rule}\n`],
    [['tune', '--name', 'a/b', '--C', '1,2'], `model-lab tune: model name "a/b" ${rule}\n`],
    [['tune', '--collect', 'results', '--name', '../x'], `model-lab tune: model name "../x" ${rule}\n`],
    [['import', 'model.joblib', '--name', '.hidden'], `model-lab import: model name ".hidden" ${rule}\n`],
  ];
  for (const [args, err] of cases) {
    const r = run(args, dir);
    assert.equal(r.code, 2, args.join(' '));
    assert.equal(r.err, err);
  }
  assert.deepEqual(readdirSync(dir), []);
});

test('validate of a damaged model: exit 1, one line; --as-is evaluates it as it is now, saying so', () => {
  const dir = freshDir();
  const t = JSON.parse(run(['train', '--json', '--name', 'm'], dir).out);
  writeFileSync(join(t.model, 'data.csv'), readFileSync(join(t.model, 'data.csv'), 'utf8').replace('5.1', '5.3'));
  const v = run(['validate', 'models/m'], dir);
  assert.equal(v.code, 1);
  assert.match(v.err, /^model-lab validate: .*data\.csv: sha256 is [0-9a-f]+ but model\.json records [0-9a-f]+ — the file changed after saving; restore it, or train the model again\n$/);
  const vj = run(['validate', 'models/m', '--json'], dir);
  assert.equal(vj.code, 1);
  assert.equal(JSON.parse(vj.out).status, 'could-not-load');
  // --as-is: evaluated as the files are now, named as edited, never passed off as the saved model.
  const asIs = run(['validate', 'models/m', '--as-is'], dir);
  assert.match(asIs.out, /\nEvaluated as the files are now — changed since saving: data\.csv\. This is what the edited model predicts, not what was saved\.\n(The edited files still reproduce the recorded accuracies|DIFFERENT: the edited files do not reproduce the recorded accuracies)\.\n$/);
  assert.doesNotMatch(asIs.out, /Match: the reloaded model/);
  const asIsJson = JSON.parse(run(['validate', 'models/m', '--as-is', '--json'], dir).out);
  assert.deepEqual(asIsJson.edited, ['data.csv']);
  // A parameter edited after the fit (C: the fitted model predicts as before; scikit-learn's SVC too):
  // --as-is evaluates the classifier as it is, not refusing it for disagreeing with model.json's params.
  const params = freshDir();
  const p = JSON.parse(run(['train', '--json', '--name', 'm'], params).out);
  writeFileSync(join(p.model, 'classifier.json'), readFileSync(join(p.model, 'classifier.json'), 'utf8').replace('"C": 1,', '"C": 7,'));
  const asIsC = run(['validate', 'models/m', '--as-is'], params);
  assert.equal(asIsC.code, 0, asIsC.err);
  assert.match(asIsC.out, /\nEvaluated as the files are now — changed since saving: classifier\.json\. This is what the edited model predicts, not what was saved\.\nThe edited files still reproduce the recorded accuracies\.\n$/);
  // A model whose files are as saved is validated as usual.
  const same = freshDir();
  run(['train', '--name', 'm'], same);
  const ok = run(['validate', 'models/m', '--as-is'], same);
  assert.equal(ok.code, 0);
  assert.match(ok.out, /\nMatch: the reloaded model reproduces the recorded accuracies exactly\.\n$/);
});

test('--help and --version', () => {
  const h = run(['--help']);
  assert.equal(h.code, 0);
  assert.match(h.out, /model-lab train/);
  const v = run(['--version']);
  assert.equal(v.out.trim(), JSON.parse(readFileSync('package.json', 'utf8')).version);
  // `help COMMAND` is `COMMAND --help`, as in git and npm; an unknown one is a mistake (exit 2).
  assert.deepEqual(run(['help', 'train']), run(['train', '--help']));
  assert.match(run(['help', 'compare']).out, /^Usage: model-lab compare /);
  assert.deepEqual(run(['help']), { ...h, code: 0 });
  const typo = run(['help', 'trian']);
  assert.deepEqual([typo.code, typo.out], [2, '']);
  assert.match(typo.err, /^model-lab help: no command "trian" — did you mean "train"\? commands: train, /);
});
