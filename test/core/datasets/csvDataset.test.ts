import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsvDataset } from '../../../src/core/datasets/csvDataset';
import { loadSource } from '../../../src/core/datasets/loadSource';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';
import { UserError } from '../../../src/core/types';
import { validate } from '../../../src/core/usecases/validate';
import { pythonScript } from '../../../src/core/interop/exportPython';

const BAD = 'test/fixtures/workflow/bad';
const expected = JSON.parse(readFileSync(join(BAD, 'expected.json'), 'utf8')) as Record<string, { message: string; target?: string }>;

describe('every bad CSV is refused with a message naming file, line, column and the fix', () => {
  for (const [file, want] of Object.entries(expected)) {
    test(file, async () => {
      const bytes = readFileSync(join(BAD, file));
      await assert.rejects(
        parseCsvDataset(bytes, { fileLabel: file, target: want.target ?? 'target', offerDropna: true }), // as training reads it
        (e: unknown) => {
          assert.ok(e instanceof UserError, `not a UserError: ${String(e)}`);
          assert.equal(e.message, want.message);
          return true;
        },
      );
    });
  }
});

test('BOM, CRLF and integer labels: labels stay numbers, classes sort numerically', async () => {
  const d = await parseCsvDataset(readFileSync('test/fixtures/workflow/csv/signals.csv'), { fileLabel: 'signals.csv' });
  assert.deepEqual(d.featureNames, ['a', 'b', 'c', 'd']);
  assert.equal(d.X.length, 96);
  assert.deepEqual(d.classes, [3, 10, 20]);
  assert.equal(d.X[0][0], 0.2896044228339061);
  assert.equal(d.lines[0], 2);
});

test('quoted header, string labels, other target, id/timestamp dropped', async () => {
  const d = await parseCsvDataset(readFileSync('test/fixtures/workflow/csv/flowers.csv'), { fileLabel: 'flowers.csv', target: 'species' });
  assert.deepEqual(d.featureNames, ['stem, height', 'leaf_width', 'petal_count']);
  assert.deepEqual(d.classes, ['aster', 'rose', 'tulip']);
  assert.deepEqual(d.dropped, ['id', 'timestamp']);
  assert.deepEqual(d.X[0], [5.76, 0.79, 2.01]);
});

test('a quoted field spanning lines is reported at the line where its row starts', async () => {
  const text = 'x,target\n1,a\n2,"b\nc"\n3,c\nzz,a\n';
  await assert.rejects(parseCsvDataset(text, { fileLabel: 't.csv' }), /t\.csv line 6, column "x": "zz" is not a number/);
});

test('the snapshot of a CSV source is the file byte for byte', async () => {
  const path = join(process.cwd(), 'test/fixtures/workflow/csv/flowers.csv');
  const snap = await loadSource({ kind: 'csv', path }, { target: 'species', drop: ['id', 'timestamp'] }, nodeFileSystem);
  assert.deepEqual(Buffer.from(snap.bytes), readFileSync(path));
  const back = await parseCsvDataset(snap.bytes, { fileLabel: 'data.csv', target: 'species', drop: ['id', 'timestamp'] });
  assert.deepEqual(back.X, snap.dataset.X);
  assert.deepEqual(back.y, snap.dataset.y);
  assert.equal(snap.provenance.source, 'csv');
  assert.equal(snap.provenance.path, path);
});

test('a missing data file names the path and the flag', async () => {
  await assert.rejects(
    loadSource({ kind: 'csv', path: '/nonexistent/x.csv' }, { target: 'target', drop: [] }, nodeFileSystem),
    /\/nonexistent\/x\.csv: cannot read the data file \(no such file\) — check the path given with --data/,
  );
});

test('a first line of data is refused with a header line to insert; whole-number names with one text name are a header', async () => {
  // UCI's iris.data: four measurements and the species, no header line.
  const uci = '5.1,3.5,1.4,0.2,Iris-setosa\n7.0,3.2,4.7,1.4,Iris-versicolor\n6.3,3.3,6.0,2.5,Iris-virginica\n';
  await assert.rejects(parseCsvDataset(uci, { fileLabel: 'iris.data' }), (e: unknown) => {
    assert.ok(e instanceof UserError);
    assert.equal(e.detail.missingHeader, 'sepal_length,sepal_width,petal_length,petal_width,target');
    assert.equal(e.detail.line, 1);
    return true;
  });
  // Labels first, another target, other data: the suggestion follows the line's shape.
  await assert.rejects(parseCsvDataset('a,1.5,2.5\nb,1.0,2.0\na,1.2,2.2\n', { fileLabel: 'f.csv', target: 'class' }), (e: unknown) =>
    e instanceof UserError && e.detail.missingHeader === 'class,x1,x2');
  // Decimals written with a point are data even when they are whole (5.0).
  await assert.rejects(parseCsvDataset('5.0,3.0,1.0,0.0,Iris-setosa\n5.0,3.0,1.0,0.0,Iris-setosa\n6.0,3.0,5.0,2.0,Iris-virginica\n', { fileLabel: 'whole.data' }), (e: unknown) =>
    e instanceof UserError && e.detail.missingHeader === 'sepal_length,sepal_width,petal_length,petal_width,target');
  // Years as column names (whole numbers) and a label: trained as a header.
  const years = await parseCsvDataset('2019,2020,2021,target\n1.5,2.5,3.5,0\n1.4,2.5,3.5,1\n1.6,2.5,3.5,0\n', { fileLabel: 'years.csv' });
  assert.deepEqual(years.featureNames, ['2019', '2020', '2021']);
  assert.equal(years.X.length, 3);
});

test('a saved model whose data.csv header is a line of data (trained before such a line was refused) still validates and exports', async () => {
  // Saved by `model-lab train --data iris.data --target Iris-setosa` at a2a9fd1: 149 rows, the first taken as names.
  const dir = 'test/fixtures/workflow/saved-data-like-header';
  const report = await validate(dir, nodeFileSystem, {});
  assert.equal(report.status, 'matches', report.error);
  assert.deepEqual([report.train?.correct, report.train?.total, report.valid?.correct, report.valid?.total], [117, 119, 29, 30]);
  // The exported script drops the same columns from the same header.
  assert.match((await pythonScript(dir, nodeFileSystem)).text, /X = df\.drop\(columns=\["Iris-setosa"\]\)/);
});

test('a nameless header field has the name pandas gives it ("Unnamed: N"): left out by that name, refused otherwise; a field of spaces is a name to pandas and stays refused', async () => {
  const rows = (header: string) => [header, '0,5.1,3.5,1.4,0.2,0', '1,4.9,3.0,1.4,0.2,1', '2,6.3,3.3,6.0,2.5,1'].join('\n') + '\n';
  const d = await parseCsvDataset(rows(',a,b,c,d,target'), { fileLabel: 'indexed.csv', drop: ['Unnamed: 0'] });
  assert.deepEqual([d.featureNames, d.X[1]], [['a', 'b', 'c', 'd'], [4.9, 3.0, 1.4, 0.2]]);
  const middle = rows('a,b,,c,d,target');
  await assert.rejects(parseCsvDataset(middle, { fileLabel: 'middle.csv' }), (e: UserError) => {
    assert.equal(e.message, 'middle.csv line 1: column 3 has no name — give every column a name in the header, or leave it out by the name pandas gives it with --drop "id,timestamp,Unnamed: 2"');
    assert.equal(e.detail.remedy?.proposed, undefined, 'a real feature may have lost its name: no one-click fix');
    return true;
  });
  assert.deepEqual((await parseCsvDataset(middle, { fileLabel: 'middle.csv', drop: ['Unnamed: 2'] })).featureNames, ['a', 'b', 'c', 'd']);
  await assert.rejects(parseCsvDataset(rows('a,b, ,c,d,target'), { fileLabel: 'spaces.csv', drop: ['Unnamed: 2'] }),
    { message: 'spaces.csv line 1: column 3 has no name — give every column a name in the header' });
});
