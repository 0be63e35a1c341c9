// The Compare Models table on real model folders (a sweep on iris plus a damaged folder): rows,
// sorting, filtering, the best flag, CSV export and the metric-vs-parameter series.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Gamma } from '../../../src/core/svm/svc';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';
import { listModels } from '../../../src/core/usecases/listModels';
import { runSweep } from '../../../src/core/experiments/sweep';
import type { ComparisonRow } from '../../../src/core/experiments/comparison';
import { COMPARISON_COLUMNS, cellText, comparisonRows, csvField, dataText, rowsToCsv, sortRows, visibleColumns } from '../../../src/core/experiments/comparison';
import { train } from '../../../src/core/usecases/train';
import { filterRows } from '../../../src/core/experiments/rowFilter';
import { metricSeries, wantsLogScale } from '../../../src/core/experiments/metricSeries';

interface Case { C: number; gamma: Gamma; seed: number; trainAccuracy: number; validAccuracy: number }
const expected = JSON.parse(readFileSync('test/fixtures/sweep/expected.json', 'utf8')) as { grid: { C: number[]; gamma: Gamma[]; seed: number[] }; cases: Case[] };

let modelsDir: string;
let rows: ComparisonRow[];
before(async () => {
  modelsDir = mkdtempSync(join(tmpdir(), 'model-lab-compare-'));
  await runSweep({
    data: { kind: 'iris' }, layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 },
    kernel: 'rbf', C: 1, gamma: 'scale', degree: 3, coef0: 0, target: 'target', drop: [], modelsDir,
  }, expected.grid, nodeFileSystem);
  mkdirSync(join(modelsDir, 'broken'));
  writeFileSync(join(modelsDir, 'broken', 'model.json'), '{"format": "model-lab-model", "formatVersion": 1');
  rows = comparisonRows(await listModels(modelsDir, nodeFileSystem));
});
after(() => rmSync(modelsDir, { recursive: true, force: true }));

const names = (rs: readonly ComparisonRow[]) => rs.map((r) => r.name);

describe('comparison rows', () => {
  test('one row per folder with the manifest\'s facts; a damaged folder is a row with its reason', () => {
    assert.equal(rows.length, 7);
    const r = rows.find((x) => x.name === 'iris-C10-gscale-s2023')!;
    assert.deepEqual(
      { layout: r.layout, dataSource: r.dataSource, dataPath: r.dataPath, dataRows: r.dataRows, seed: r.seed, trainSize: r.trainSize, validSize: r.validSize, kernel: r.kernel, C: r.C, gamma: r.gamma, status: r.status },
      { layout: 'separate', dataSource: 'iris', dataPath: 'iris', dataRows: 150, seed: 2023, trainSize: 120, validSize: 30, kernel: 'rbf', C: 10, gamma: 'scale', status: 'ok' });
    assert.equal(r.trainAccuracy, 0.9833333333333333);
    assert.match(r.created!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const broken = rows.find((x) => x.name === 'broken')!;
    assert.equal(broken.status, 'damaged');
    assert.match(broken.error!, /model\.json: not valid JSON/);
    assert.equal(broken.best, false);
    for (const c of expected.cases) {
      const row = rows.find((x) => x.C === c.C && x.gamma === c.gamma)!;
      assert.deepEqual([row.trainAccuracy, row.validAccuracy], [c.trainAccuracy, c.validAccuracy]);
    }
  });

  test('every model with the highest validation accuracy is flagged best, and only those', () => {
    const top = Math.max(...expected.cases.map((c) => c.validAccuracy));
    const best = expected.cases.filter((c) => c.validAccuracy === top).map((c) => `iris-C${c.C}-g${c.gamma}-s${c.seed}`);
    assert.deepEqual(names(rows.filter((r) => r.best)).sort(), best.sort());
    assert.equal(best.length, 4);
    // With one clear winner only it is flagged; with no usable model nothing is.
    const two = comparisonRows([{ ...rowSummary(rows, 'iris-C0.1-gscale-s2023') }, { ...rowSummary(rows, 'iris-C0.1-g0.1-s2023') }]);
    assert.deepEqual(two.map((r) => r.best), [true, false]);
    assert.deepEqual(comparisonRows([rowSummary(rows, 'broken')]).map((r) => r.best), [false]);
  });
});

function rowSummary(rs: ComparisonRow[], name: string) {
  const r = rs.find((x) => x.name === name)!;
  return {
    name: r.name, dir: r.dir, status: r.status === 'changed' ? 'ok' as const : r.status, mtimeMs: 0, error: r.error, created: r.created, layout: r.layout,
    trainAccuracy: r.trainAccuracy, validAccuracy: r.validAccuracy,
    params: r.C === undefined ? undefined : { kernel: r.kernel!, C: r.C, gamma: r.gamma!, degree: 3, coef0: 0, seed: r.seed! },
    dataSource: r.dataPath,
  };
}

describe('sorting', () => {
  test('numbers sort numerically (10 after 1), missing values last in both directions', () => {
    assert.deepEqual(sortRows(rows, 'C', 'asc').map((r) => r.C), [0.1, 0.1, 1, 1, 10, 10, undefined]);
    assert.deepEqual(sortRows(rows, 'C', 'desc').map((r) => r.C), [10, 10, 1, 1, 0.1, 0.1, undefined]);
    assert.deepEqual(sortRows(rows, 'validAccuracy').map((r) => r.validAccuracy), [1, 1, 1, 1, 0.9, 0.8666666666666667, undefined]);
    assert.deepEqual(sortRows(rows, 'trainAccuracy', 'asc').map((r) => r.trainAccuracy),
      [0.9083333333333333, 0.9333333333333333, 0.9666666666666667, 0.9666666666666667, 0.975, 0.9833333333333333, undefined]);
  });

  test('gamma mixes numbers and words: numbers first, then words, then missing; ties by name', () => {
    assert.deepEqual(sortRows(rows, 'gamma', 'asc').map((r) => `${r.gamma}:${r.C}`), ['0.1:0.1', '0.1:1', '0.1:10', 'scale:0.1', 'scale:1', 'scale:10', 'undefined:undefined']);
  });

  test('text sorts naturally (model-2 before model-10) and status puts damaged before ok', () => {
    const synthetic = ['model-10', 'model-2', 'Model-3'].map((name) => ({ ...rows[0], name }));
    assert.deepEqual(names(sortRows(synthetic, 'name')), ['model-2', 'Model-3', 'model-10']);
    assert.deepEqual(names(sortRows(rows, 'status')).slice(0, 1), ['broken']);
  });

  test('every column can sort without throwing, and sorting does not change the input', () => {
    const before = names(rows);
    for (const c of COMPARISON_COLUMNS) assert.equal(sortRows(rows, c.key).length, rows.length);
    assert.deepEqual(names(rows), before);
  });
});

describe('filtering', () => {
  test('every word must appear in some cell, case-insensitively', () => {
    assert.deepEqual(names(filterRows(rows, 'C10')).sort(), ['iris-C10-g0.1-s2023', 'iris-C10-gscale-s2023']);
    assert.deepEqual(names(filterRows(rows, 'SCALE c0.1')), ['iris-C0.1-gscale-s2023']);
    assert.deepEqual(names(filterRows(rows, 'damaged')), ['broken']);
    assert.deepEqual(names(filterRows(rows, 'not valid json')), ['broken']);
    assert.equal(filterRows(rows, 'best').length, 4);
    assert.equal(filterRows(rows, '0.8666666666666667').length, 1);
    assert.equal(filterRows(rows, '   ').length, 7);
    assert.equal(filterRows(rows, 'nothing-like-this').length, 0);
  });
});

describe('CSV export', () => {
  test('a header and one CRLF line per row; accuracies as Python prints them', () => {
    const sorted = sortRows(rows, 'name');
    const csv = rowsToCsv(sorted);
    const lines = csv.split('\r\n');
    assert.equal(lines.at(-1), '');
    assert.equal(lines[0], 'Name,Created,Layout,Data,Data path,Rows,Seed,Train size,Valid size,Kernel,C,gamma,Train accuracy,Valid accuracy,Status,best,error');
    assert.equal(lines.length, 1 + 7 + 1);
    const c1 = lines.find((l) => l.startsWith('iris-C1-gscale-s2023,'))!;
    assert.match(c1, /,separate,iris,iris,150,2023,120,30,rbf,1\.0,scale,0\.9666666666666667,1\.0,ok,true,$/);
    assert.match(lines.find((l) => l.startsWith('broken,'))!, /^broken,,,,,,,,,,,,,,damaged,false,".+"$/);
  });

  test('RFC 4180 quoting and a guard against spreadsheet formulas', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    assert.equal(csvField('cr\rx'), '"cr\rx"');
    assert.equal(csvField('=HYPERLINK("http://x","y")'), '"\'=HYPERLINK(""http://x"",""y"")"');
    assert.equal(csvField('+1'), "'+1");
    assert.equal(csvField('-2+3'), "'-2+3");
    assert.equal(csvField('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvField('\tx'), "'\tx");
    assert.equal(csvField(undefined), '');
    const evil = { ...rows[0], name: '=cmd|"/c calc"!A1', dataPath: '/data/a,b.csv' };
    const line = rowsToCsv([evil], ['name', 'dataPath', 'C']).split('\r\n')[1];
    assert.equal(line, `"'=cmd|""/c calc""!A1","/data/a,b.csv",${cellText(evil, 'C')}`);
  });
});

describe('metric-vs-parameter series', () => {
  test('valid accuracy against C: one line per gamma, sorted by C, log scale for 0.1 … 10', () => {
    const s = metricSeries(rows, 'validAccuracy', 'C');
    assert.equal(s.axis.kind, 'logarithmic');
    assert.deepEqual(s.lines.map((l) => l.label), ['gamma=0.1', 'gamma=scale']);
    assert.equal(s.common, 'kernel=rbf, seed=2023, data=iris');
    const scale = s.lines.find((l) => l.label === 'gamma=scale')!;
    assert.deepEqual(scale.points.map((p) => [p.x, p.y]), expected.cases.filter((c) => c.gamma === 'scale').map((c) => [c.C, c.validAccuracy]));
    assert.deepEqual(s.excluded, [{ name: 'broken', reason: 'damaged' }]);
  });

  test('train accuracy against gamma: "scale" is a category after the numbers, never dropped', () => {
    const s = metricSeries(rows, 'trainAccuracy', 'gamma');
    assert.deepEqual(s.axis, { kind: 'category', categories: ['0.1', 'scale'] });
    assert.deepEqual(s.lines.map((l) => l.label), ['C=0.1', 'C=1', 'C=10']);
    for (const line of s.lines) assert.deepEqual(line.points.map((p) => p.x), ['0.1', 'scale']);
    assert.deepEqual(s.lines.flatMap((l) => l.points.map((p) => p.y)).sort(), expected.cases.map((c) => c.trainAccuracy).sort());
    assert.deepEqual(s.excluded.map((e) => e.name), ['broken']);
  });

  test('log scale only when every value is positive and max/min ≥ 100', () => {
    assert.equal(wantsLogScale([0.1, 10]), true);
    assert.equal(wantsLogScale([0.1, 9.99]), false);
    assert.equal(wantsLogScale([0, 0.1, 100]), false);
    assert.equal(wantsLogScale([1]), false);
    assert.equal(wantsLogScale([]), false);
  });
});

describe('optional columns', () => {
  test('CV, degree and coef0 columns only when some row needs them; the CSV has the columns the table shows', () => {
    assert.deepEqual(visibleColumns(rows).map((c) => c.key).filter((k) => k.startsWith('cv') || k === 'degree' || k === 'coef0'), []);
    const ok = rows.find((r) => r.status === 'ok')!;
    const tuned = [...rows, { ...ok, name: 'tuned', kernel: 'poly' as const, degree: 2, coef0: 1, cvMean: 0.975, cvStd: 0.02, cvRank: 1 }];
    assert.deepEqual(visibleColumns(tuned).map((c) => c.key).filter((k) => k.startsWith('cv') || k === 'degree' || k === 'coef0'), ['degree', 'coef0', 'cvMean', 'cvStd', 'cvRank']);
    const header = rowsToCsv(tuned).split('\r\n')[0]!;
    assert.match(header, /,Kernel,C,gamma,degree,coef0,Train accuracy,Valid accuracy,CV mean,CV std,CV rank,Status,best,error$/);
    assert.match(rowsToCsv(tuned).split('\r\n').find((l) => l.startsWith('tuned,'))!, /,poly,[\d.]+,[\w.]+,2,1\.0,[\d.]+,[\d.]+,0\.975,0\.02,1,ok,/);
  });
});

describe('data snapshots', () => {
  test('models of one sweep share data.csv: none is marked', () => {
    assert.equal(new Set(rows.filter((r) => r.status === 'ok').map((r) => r.dataSha256)).size, 1);
    assert.deepEqual(rows.filter((r) => r.dataDiffers).map((r) => r.name), []);
  });

  test('a model trained on other rows of the same file is marked; a tie marks both; other files are not compared', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'model-lab-compare-data-'));
    try {
      const csv = join(dir, 'rows.csv');
      const other = join(dir, 'other.csv');
      const lines = ['a,b,target', ...Array.from({ length: 40 }, (_, i) => `${i % 7},${(i * 3) % 5},${i % 2}`)];
      writeFileSync(csv, lines.join('\n') + '\n');
      writeFileSync(other, lines.slice(0, 30).join('\n') + '\n');
      const modelsDir = join(dir, 'models');
      const trainOn = (path: string, name: string) => runSweep({
        data: { kind: 'csv', path }, layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 },
        kernel: 'rbf', C: 1, gamma: 'scale', degree: 3, coef0: 0, target: 'target', drop: [], modelsDir, name,
      }, { C: [1], gamma: ['scale'], seed: [2023] }, nodeFileSystem);
      await trainOn(csv, 'first');
      await trainOn(other, 'elsewhere');
      writeFileSync(csv, [...lines, '9,9,1'].join('\n') + '\n'); // the file grew
      await trainOn(csv, 'grown');
      let marked = comparisonRows(await listModels(modelsDir, nodeFileSystem)).filter((r) => r.dataDiffers).map((r) => r.name);
      assert.deepEqual(marked.sort(), ['first-C1-gscale-s2023', 'grown-C1-gscale-s2023'], 'one each: neither is the usual data');
      await trainOn(csv, 'grown-again');
      marked = comparisonRows(await listModels(modelsDir, nodeFileSystem)).filter((r) => r.dataDiffers).map((r) => r.name);
      assert.deepEqual(marked, ['first-C1-gscale-s2023']);
      assert.deepEqual(filterRows(comparisonRows(await listModels(modelsDir, nodeFileSystem)), 'data-differs').map((r) => r.name), marked);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('changed models', () => {
  test('a model whose files changed since saving is marked changed, with the files, and is never best', () => {
    const base = comparisonRows([rowSummary(rows, 'iris-C0.1-gscale-s2023'), rowSummary(rows, 'iris-C10-gscale-s2023')]);
    assert.deepEqual(base.map((r) => r.best), [false, true]);
    const edited = comparisonRows([rowSummary(rows, 'iris-C0.1-gscale-s2023'), rowSummary(rows, 'iris-C10-gscale-s2023')],
      (s) => (s.name === 'iris-C10-gscale-s2023' ? ['classifier.json (modified)'] : undefined));
    assert.deepEqual(edited.map((r) => [r.status, r.best]), [['ok', true], ['changed', false]]);
    assert.equal(edited[1]!.error, 'changed since saving: classifier.json (modified)');
  });
});

describe('the Data cell of files of one name in different folders', () => {
  let root: string;
  before(() => { root = mkdtempSync(join(tmpdir(), 'model-lab-compare-names-')); });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('as much of the path as tells them apart ("csv: A/iris.csv", "csv: B/iris.csv"); a name of its own stays a name', async () => {
    // Two folders of a multi-root workspace, each with its iris.csv (it read "csv: iris.csv" twice,
    // and Compare's ★ note named two best models for "csv: iris.csv").
    const iris = readFileSync('test/e2e/fixtures/iris.csv');
    const files = ['A/iris.csv', 'B/iris.csv', 'A/data/x/sample.csv', 'B/data/x/sample.csv', 'C/penguins.csv'];
    for (const f of files) {
      mkdirSync(join(root, f, '..'), { recursive: true });
      writeFileSync(join(root, f), iris);
    }
    const modelsDir = join(root, 'models');
    for (const [i, f] of files.entries()) {
      await train({
        data: { kind: 'csv', path: join(root, f) }, layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 },
        kernel: 'rbf', C: 1, gamma: 'scale', degree: 3, coef0: 0, target: 'target', drop: ['id', 'timestamp'], modelsDir, name: `m${i}`,
      }, nodeFileSystem);
    }
    const shown = comparisonRows(await listModels(modelsDir, nodeFileSystem)).map((r) => [r.name, dataText(r)]);
    assert.deepEqual(shown.sort(), [
      ['m0', 'csv: A/iris.csv'], ['m1', 'csv: B/iris.csv'], ['m2', 'csv: A/data/x/sample.csv'], ['m3', 'csv: B/data/x/sample.csv'], ['m4', 'csv: penguins.csv'],
    ]);
  });
});
