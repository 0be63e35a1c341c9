// model-lab train with lists (a sweep) and model-lab compare, through the bundled dist/cli.js;
// accuracies are scikit-learn's (test/fixtures/sweep/expected.json).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const CLI = resolve('dist/cli.js');
const expected = JSON.parse(readFileSync('test/fixtures/sweep/expected.json', 'utf8')) as { cases: { C: number; gamma: string | number; seed: number; trainAccuracy: number; validAccuracy: number }[] };

let cwd: string;
before(() => {
  const b = spawnSync(process.execPath, ['scripts/build.mjs'], { encoding: 'utf8' });
  assert.equal(b.status, 0, b.stderr);
  cwd = mkdtempSync(join(tmpdir(), 'model-lab-cli-sweep-'));
  // The sweep every compare test reads.
  const r = run(['train', '--C', '0.1,1,10', '--gamma', 'scale, 0.1', '--json', '--out', 'models']);
  assert.equal(r.code, 0, r.err);
});
after(() => rmSync(cwd, { recursive: true, force: true }));

function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const nameOf = (c: { C: number; gamma: string | number; seed: number }) => `iris-C${c.C}-g${c.gamma}-s${c.seed}`;

test('train with lists: one model per combination, scikit-learn\'s accuracies, one JSON object', () => {
  const r = run(['train', '--C=0.1,1,10', '--gamma', 'scale,0.1', '--seed', '2023', '--json', '--out', 'sweep1']);
  assert.equal(r.code, 0, r.err);
  const out = JSON.parse(r.out);
  assert.deepEqual([out.planned, out.cancelled], [6, false]);
  assert.deepEqual(out.models.map((m: { name: string }) => m.name), expected.cases.map(nameOf));
  for (const [i, c] of expected.cases.entries()) {
    assert.deepEqual([out.models[i].C, out.models[i].gamma, out.models[i].seed], [c.C, c.gamma, c.seed]);
    assert.deepEqual([out.models[i].trainAccuracy, out.models[i].validAccuracy], [c.trainAccuracy, c.validAccuracy]);
    assert.equal(out.models[i].model, join(cwd, 'sweep1', nameOf(c)));
  }
  assert.deepEqual(readdirSync(join(cwd, 'sweep1')).sort(), expected.cases.map(nameOf).sort());
});

test('train with a seed list prints the course lines per model; a single value keeps the one-model output', () => {
  const r = run(['train', '--seed', '2022,2023', '--out', 'sweep2']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^\[1\/2\] C=1, gamma=scale, seed=2022\nTrain Accuracy : 0\.9833333333333333\nValid Accuracy : 0\.9666666666666667\nSaved model to .*iris-C1-gscale-s2022\n\n\[2\/2\] C=1, gamma=scale, seed=2023\nTrain Accuracy : 0\.9666666666666667\nValid Accuracy : 1\.0\n/);
  const one = run(['train', '--seed', '2022', '--json', '--out', 'single']);
  assert.equal(one.code, 0, one.err);
  assert.deepEqual(Object.keys(JSON.parse(one.out)), ['model', 'name', 'trainAccuracy', 'validAccuracy', 'train', 'valid']);
});

test('train with a kernel list: one model per kernel × C × gamma (linear once per C), each the same files as that model trained alone', () => {
  const r = run(['train', '--kernel', 'rbf,linear,poly', '--C', '0.1,1', '--gamma', 'scale,auto', '--json', '--out', 'kernels']);
  assert.equal(r.code, 0, r.err);
  const out = JSON.parse(r.out) as { planned: number; models: { name: string; kernel: string; C: number; gamma: string }[] };
  assert.equal(out.planned, 10);
  assert.deepEqual(out.models.map((m) => m.name), [
    'iris-C0.1-gscale-s2023', 'iris-C0.1-gauto-s2023', 'iris-C1-gscale-s2023', 'iris-C1-gauto-s2023',
    'iris-linear-C0.1-s2023', 'iris-linear-C1-s2023',
    'iris-poly-C0.1-gscale-s2023', 'iris-poly-C0.1-gauto-s2023', 'iris-poly-C1-gscale-s2023', 'iris-poly-C1-gauto-s2023',
  ]);
  for (const m of out.models) {
    const alone = run(['train', '--kernel', m.kernel, '--C', String(m.C), '--gamma', m.gamma, '--out', `alone-${m.name}`]);
    assert.equal(alone.code, 0, alone.err);
    for (const file of ['scaler.json', 'classifier.json']) {
      assert.deepEqual(readFileSync(join(cwd, 'kernels', m.name, file)), readFileSync(join(cwd, `alone-${m.name}`, m.name, file)), `${m.name}/${file}`);
    }
  }
  // degree and coef0 lists: poly once per degree × coef0, sigmoid once per coef0, rbf once; each model as trained alone.
  const poly = run(['train', '--kernel', 'rbf,poly,sigmoid', '--degree', '2,3', '--coef0=0,1', '--json', '--out', 'degrees']);
  assert.equal(poly.code, 0, poly.err);
  const models = (JSON.parse(poly.out) as { models: { name: string; kernel: string; degree: number; coef0: number }[] }).models;
  assert.deepEqual(models.map((m) => [m.name, m.degree, m.coef0]), [
    // A kernel fitted once for a list it does not use carries the list's first value (it changes nothing there).
    ['iris-C1-gscale-s2023', 2, 0],
    ['iris-poly-d2-C1-gscale-s2023', 2, 0], ['iris-poly-d2-r1-C1-gscale-s2023', 2, 1], ['iris-poly-C1-gscale-s2023', 3, 0], ['iris-poly-r1-C1-gscale-s2023', 3, 1],
    ['iris-sigmoid-C1-gscale-s2023', 2, 0], ['iris-sigmoid-r1-C1-gscale-s2023', 2, 1],
  ]);
  for (const m of models.slice(1, 3)) {
    const alone = run(['train', '--kernel', m.kernel, '--degree', String(m.degree), '--coef0', String(m.coef0), '--out', `alone-${m.name}`]);
    assert.equal(alone.code, 0, alone.err);
    assert.deepEqual(readFileSync(join(cwd, 'degrees', m.name, 'classifier.json')), readFileSync(join(cwd, `alone-${m.name}`, m.name, 'classifier.json')), m.name);
  }
  const named = run(['train', '--kernel', 'poly', '--degree', '2,3', '--out', 'degrees2']);
  assert.match(named.out, /^\[1\/2\] C=1, gamma=scale, degree=2, seed=2023\n/);
  const lines = run(['train', '--kernel', 'linear,sigmoid', '--out', 'kernels2']);
  assert.equal(lines.code, 0, lines.err);
  assert.match(lines.out, /^\[1\/2\] kernel=linear, C=1, seed=2023\n[^]*\n\[2\/2\] kernel=sigmoid, C=1, gamma=scale, seed=2023\n/);
});

test('compare leaves out what a kernel does not use: no gamma for linear, degree only for poly, coef0 for poly and sigmoid (table, CSV, filter)', () => {
  const r = run(['train', '--kernel', 'linear,rbf,poly,sigmoid', '--gamma', 'scale', '--out', 'uses']);
  assert.equal(r.code, 0, r.err);
  const csv = run(['compare', '--out', 'uses', '--csv', '-', '--sort', 'name']);
  assert.equal(csv.code, 0, csv.err);
  const [header, ...lines] = csv.out.trim().split('\r\n').map((l) => l.split(','));
  const at = (k: string) => header!.indexOf(k);
  const cells = Object.fromEntries(lines.map((l) => [l[0], [l[at('gamma')], l[at('degree')], l[at('coef0')]]]));
  assert.deepEqual(cells, {
    'iris-C1-gscale-s2023': ['scale', '', ''],
    'iris-linear-C1-s2023': ['', '', ''],
    'iris-poly-C1-gscale-s2023': ['scale', '3', '0.0'],
    'iris-sigmoid-C1-gscale-s2023': ['scale', '', '0.0'],
  });
  const table = run(['compare', '--out', 'uses', '--sort', 'name']);
  assert.doesNotMatch(table.out.split('\n').find((l) => l.includes('iris-linear-C1-s2023'))!, /scale/);
  // The text table has the degree and coef0 columns too (two poly models may differ only there).
  const row = (name: string) => table.out.split('\n').find((l) => l.startsWith(`   ${name} `) || l.startsWith(`*  ${name} `))!.trim().split(/\s{2,}/);
  assert.match(table.out.split('\n')[0]!, /gamma {2}degree {2}coef0 {2}Train accuracy/);
  assert.deepEqual(row('iris-poly-C1-gscale-s2023').slice(-6, -3), ['scale', '3', '0.0']);
  const filtered = run(['compare', '--out', 'uses', '--filter', 'gamma=scale', '--csv', '-']);
  assert.doesNotMatch(filtered.out, /linear/);
  assert.equal(filtered.out.trim().split('\r\n').length, 4);
});

test('the text table\'s Data column names the CSV file a model was trained on (the CSV output keeps the source and the path)', () => {
  writeFileSync(join(cwd, 'petals.csv'), readFileSync(resolve('test/fixtures/workflow/csv/signals.csv')));
  assert.equal(run(['train', '--data', 'petals.csv', '--out', 'mixed']).code, 0);
  assert.equal(run(['train', '--out', 'mixed']).code, 0);
  const table = run(['compare', '--out', 'mixed', '--sort', 'name']);
  const line = (name: string) => table.out.split('\n').find((l) => l.includes(` ${name} `))!;
  assert.match(line('iris-C1-gscale-s2023'), /Z {2}iris {2}/);
  assert.match(line('petals-C1-gscale-s2023'), /Z {2}csv: petals\.csv {2}/);
  const csv = run(['compare', '--out', 'mixed', '--csv', '-', '--sort', 'name']);
  const [header, ...lines] = csv.out.trim().split('\r\n').map((l) => l.split(','));
  assert.deepEqual(lines.map((l) => [l[header!.indexOf('Data')], l[header!.indexOf('Data path')]]), [['iris', 'iris'], ['csv', join(cwd, 'petals.csv')]]);
});

test('each data source has its own best: a CSV\'s models are not ranked against the built-in iris\'s (validated on other rows)', () => {
  writeFileSync(join(cwd, 'petals.csv'), readFileSync(resolve('test/fixtures/workflow/csv/signals.csv')));
  assert.equal(run(['train', '--data', 'petals.csv', '--C', '1,10', '--out', 'perdata']).code, 0);
  assert.equal(run(['train', '--C', '0.1,1', '--out', 'perdata']).code, 0);
  const out = JSON.parse(run(['compare', '--out', 'perdata', '--json']).out);
  type Row = { name: string; dataSource: string; validAccuracy: number; best: boolean };
  const models: Row[] = out.models;
  const topOf = (source: string) => Math.max(...models.filter((m) => m.dataSource === source).map((m) => m.validAccuracy));
  const expectedBest = models.filter((m) => m.validAccuracy === topOf(m.dataSource)).map((m) => m.name).sort();
  assert.deepEqual(models.filter((m) => m.best).map((m) => m.name).sort(), expectedBest);
  // The point: a petals model is best among the petals models, though iris's top is higher.
  assert.ok(topOf('csv') < topOf('iris'), `petals ${topOf('csv')} vs iris ${topOf('iris')}`);
  assert.ok(models.some((m) => m.dataSource === 'csv' && m.best));
  assert.deepEqual(out.bestOfData.map((g: { data: string }) => g.data).sort(), ['csv: petals.csv', 'iris']);
  const line = (args: string[]) => run(['compare', '--out', 'perdata', ...args]).out.trim().split('\n').pop();
  assert.match(line([])!, /^4 models; \* = best of each data source \(2: models of different data are not ranked against each other\): highest validation accuracy/);
  assert.match(line(['--filter', 'petals.csv'])!, /^2 of 4 models match "petals\.csv"; \* = best of the csv: petals\.csv models \(each data source has its own best\): highest validation accuracy/);
});

test('bad lists are command-line mistakes (exit 2) naming the option and the item; nothing is trained', () => {
  const cases: [string[], RegExp][] = [
    [['--C', '0.1,,10'], /^model-lab train: --C item 2 of "0\.1,,10" is empty/],
    [['--C', 'abc,1'], /^model-lab train: --C item 1 of "abc,1": "abc" is not a number/],
    [['--gamma', 'scale,fast'], /"fast" is neither "scale", "auto" nor a number/],
    [['--seed', '2022,2022'], /--seed lists 2022 twice/],
    [['--seed', '1,-2'], /must be a whole number from 0 to 4294967295/],
    [['--kernel', 'rbf,foo'], /^model-lab train: --kernel item 2 of "rbf,foo": "foo" is not a kernel — use rbf, linear, poly, sigmoid/],
    [['--kernel', 'rbf,rbf'], /--kernel lists rbf twice/],
    [['--degree', '2,x'], /^model-lab train: --degree item 2 of "2,x": "x" must be a whole number from 0 to 1000/],
    [['--kernel', 'rbf,linear', '--degree', '2,3'], /^model-lab train: the degree list \(2, 3\) changes no model: only the poly kernel uses degree, and this sweep trains rbf, linear — add poly to the kernels, or give one degree$/m],
    [['--kernel', 'linear', '--gamma', '0,1'], /^model-lab train: the gamma list \(0, 1\) changes no model: only the rbf, poly and sigmoid kernels use gamma, and this sweep trains linear/m],
    [['--C', Array.from({ length: 1001 }, (_, i) => i + 1).join(',')], /^model-lab train: the sweep has 1001 combinations \(1001 C × 1 gamma × 1 seed\); at most 1000/],
  ];
  for (const [args, pattern] of cases) {
    const r = run(['train', ...args, '--out', 'refused']);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, pattern);
  }
  assert.throws(() => readdirSync(join(cwd, 'refused')));
});

test('compare --json: rows sorted by validAccuracy (highest first), every best flagged', () => {
  const r = run(['compare', '--json']);
  assert.equal(r.code, 0, r.err);
  const out = JSON.parse(r.out);
  const top = Math.max(...expected.cases.map((c) => c.validAccuracy));
  assert.deepEqual([...out.best].sort(), expected.cases.filter((c) => c.validAccuracy === top).map(nameOf).sort());
  assert.deepEqual(out.models.map((m: { validAccuracy: number }) => m.validAccuracy), expected.cases.map((c) => c.validAccuracy).sort((a, b) => b - a));
  assert.deepEqual(out.sort, { key: 'validAccuracy', direction: 'desc' });
});

test('compare --sort C:asc --filter and --csv FILE', () => {
  const r = run(['compare', '--sort', 'C:asc', '--filter', 'scale', '--csv', 'table.csv']);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.split('\n');
  assert.match(lines[0], /^ {3}Name +Created +Data +Seed +Train size +Kernel +C +gamma +Train accuracy +Valid accuracy +Status$/);
  assert.deepEqual(lines.slice(1, 4).map((l) => l.split(/\s+/)[l.startsWith('*') ? 1 : 1]), ['iris-C0.1-gscale-s2023', 'iris-C1-gscale-s2023', 'iris-C10-gscale-s2023']);
  assert.match(r.out, /3 of 6 models match "scale"; \* = best: highest validation accuracy \(4 models tie\); table written to .*table\.csv/);
  const csv = readFileSync(join(cwd, 'table.csv'), 'utf8').split('\r\n');
  assert.equal(csv[0], 'Name,Created,Layout,Data,Data path,Rows,Seed,Train size,Valid size,Kernel,C,gamma,Train accuracy,Valid accuracy,Status,best,error');
  assert.match(csv[1], /^iris-C0\.1-gscale-s2023,[^,]+,separate,iris,iris,150,2023,120,30,rbf,0\.1,scale,0\.9333333333333333,0\.9,ok,false,$/);
  assert.equal(csv.length, 5);
  assert.match(run(['compare', '--filter', 'C=0.1 gamma=scale']).out, /\n1 of 6 models matches "C=0\.1 gamma=scale"; \* = best/);
  const dash = run(['compare', '--csv', '-', '--sort', 'name']);
  assert.equal(dash.out.split('\r\n')[1].split(',')[0], 'iris-C0.1-g0.1-s2023');
});

test('compare --filter understands param=value and comparisons, as the Compare page does', () => {
  const r = run(['compare', '--json', '--filter', 'C=10 valid>=0.95']);
  assert.equal(r.code, 0, r.err);
  const out = JSON.parse(r.out) as { models: { name: string }[]; bestRule: string };
  const want = expected.cases.filter((c) => c.C === 10 && c.validAccuracy >= 0.95).map(nameOf).sort();
  assert.deepEqual(out.models.map((m) => m.name).sort(), want);
  assert.ok(want.length > 0);
  assert.equal(out.bestRule, 'highest validation accuracy');
  const bad = run(['compare', '--filter', 'valid>=high']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--filter "valid>=high": valid needs a number — e\.g\. valid>=0\.9 or valid>=90%/);
});

test('compare --sort takes the short names --filter takes (valid, train, cv, rank, rows)', () => {
  const names = (sort: string) => {
    const r = run(['compare', '--json', '--sort', sort]);
    assert.equal(r.code, 0, r.err);
    return (JSON.parse(r.out) as { models: { name: string }[] }).models.map((m) => m.name);
  };
  assert.deepEqual(names('valid:asc'), names('validAccuracy:asc'));
  assert.deepEqual(names('Train'), names('trainAccuracy'));
  assert.deepEqual(names('rows:desc'), names('dataRows:desc'));
  assert.notDeepEqual(names('valid:asc'), names('valid:desc'));
});

test('compare refusals: unknown column (exit 2), missing models folder (exit 1)', () => {
  const bad = run(['compare', '--sort', 'accuracy']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--sort "accuracy" is not a column — use one of name, created/);
  const missing = run(['compare', '--out', 'nowhere']);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /nowhere: no models folder there — train a model first/);
});

test('compare --csv into a folder not there yet makes it, as export does; /proc (which takes no new files) is named so', () => {
  const made = run(['compare', '--csv', 'new/sub/table.csv']);
  assert.equal(made.code, 0, made.err);
  assert.match(readFileSync(join(cwd, 'new/sub/table.csv'), 'utf8'), /^Name,Created,/);
  const proc = run(['compare', '--csv', '/proc/table.csv']);
  assert.equal(proc.code, 1);
  assert.equal(proc.err, 'model-lab compare: /proc/table.csv: cannot write the CSV file — its folder takes no new files (or was removed meanwhile); choose another file (--csv)\n');
});

test('compare\'s text table keeps each model on one line: a folder name holding a line break (made by hand) is shown as its repr', () => {
  const r0 = run(['train', '--out', 'oddnames', '--name', 'plain']);
  assert.equal(r0.code, 0, r0.err);
  cpSync(join(cwd, 'oddnames/plain'), join(cwd, 'oddnames/two\nlines'), { recursive: true });
  const r = run(['compare', '--out', 'oddnames', '--sort', 'name']);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.split('\n');
  assert.match(lines[1]!, /^\* {2}plain /);
  assert.match(lines[2]!, /^\* {2}'two\\nlines' /);
  assert.equal(lines[3], '');
});

test('compare: a model whose files changed since saving keeps its recorded numbers, marked changed, never best; a broken model.json stays damaged', () => {
  const r0 = run(['train', '--C', '0.5,1,2', '--json', '--out', 'edited']);
  assert.equal(r0.code, 0, r0.err);
  const recorded = JSON.parse(r0.out).models as { name: string; trainAccuracy: number; validAccuracy: number }[];
  appendFileSync(join(cwd, 'edited/iris-C0.5-gscale-s2023/classifier.json'), ' ');
  rmSync(join(cwd, 'edited/iris-C2-gscale-s2023/data.csv'));
  cpSync(join(cwd, 'edited/iris-C1-gscale-s2023'), join(cwd, 'edited/broken'), { recursive: true });
  writeFileSync(join(cwd, 'edited/broken/model.json'), '{');
  const json = run(['compare', '--json', '--out', 'edited', '--sort', 'name']);
  assert.equal(json.code, 0, json.err);
  const rows = (JSON.parse(json.out) as { models: { name: string; status: string; error?: string; best: boolean; trainAccuracy?: number; validAccuracy?: number }[] }).models;
  assert.deepEqual(rows.map((m) => [m.name, m.status, m.best]), [
    ['broken', 'damaged', false], ['iris-C0.5-gscale-s2023', 'changed', false], ['iris-C1-gscale-s2023', 'ok', true], ['iris-C2-gscale-s2023', 'changed', false],
  ]);
  for (const m of recorded) {
    const row = rows.find((r) => r.name === m.name)!;
    assert.deepEqual([row.trainAccuracy, row.validAccuracy], [m.trainAccuracy, m.validAccuracy], m.name);
  }
  assert.equal(rows[1].error, 'changed since saving: classifier.json (modified)');
  assert.equal(rows[3].error, 'changed since saving: data.csv (missing)');
  const text = run(['compare', '--out', 'edited']).out;
  assert.match(text, /\n\nChanged since saving \(recorded numbers shown; train the model again or restore its files\):\n {2}iris-C0\.5-gscale-s2023: classifier\.json \(modified\)\n {2}iris-C2-gscale-s2023: data\.csv \(missing\)\n\nDamaged:\n {2}broken: .*broken\/model\.json: /);
  assert.match(run(['compare', '--out', 'edited', '--filter', 'changed']).out, /\n2 of 4 models match "changed"; \* = best/);
});

test('Ctrl-C during a sweep keeps exactly the models that were reported saved', async () => {
  const out = join(cwd, 'cancelled');
  const child = spawn(process.execPath, [CLI, 'train', '--C', '0.1,0.2,0.5,1,2,5,10,20,50,100', '--seed', '1,2,3', '--out', out], { cwd });
  let stdout = '';
  let sent = false;
  child.stdout.on('data', (d) => {
    stdout += d;
    if (!sent && stdout.includes('Saved model to')) {
      sent = true;
      child.kill('SIGINT');
    }
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const [code, signal] = await new Promise<[number | null, string | null]>((res) => child.on('close', (c, s) => res([c, s])));
  // The sweep stops at the next step of the model in progress, which leaves nothing behind.
  assert.equal(code, 130, `exit ${code} signal ${signal}: ${stderr}`);
  assert.match(stderr, /^model-lab train: cancelled after \d+ of 30 models — the \d+ finished ones? (is|are) kept/);
  const saved = [...stdout.matchAll(/Saved model to (.+)/g)].map((m) => m[1].split('/').pop()!);
  assert.ok(saved.length >= 1 && saved.length < 30, `saved ${saved.length}`);
  assert.deepEqual(readdirSync(out).sort(), saved.sort());
});
