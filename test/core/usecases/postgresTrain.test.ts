// Training from PostgreSQL rows on a real throwaway server: the snapshot is saved as data.csv (with
// id and timestamp, recorded as dropped) and validation reproduces the accuracies from it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPostgresBinaries, startThrowawayCluster, type ThrowawayCluster } from '../../../scripts/pg/throwawayCluster';
import { runIrisGenerator } from '../../../src/core/database/irisGenerator';
import { train } from '../../../src/core/usecases/train';
import { validate } from '../../../src/core/usecases/validate';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';
import type { DataSpec } from '../../../src/core/usecases/contracts';
import { runCli } from '../../../src/cli/main';
import { UserError } from '../../../src/core/types';
import { requireScikitLearn, runPython } from '../interop/python/debianPython';

const skip = findPostgresBinaries() || process.env.CI === 'true' ? false : 'PostgreSQL binaries not found';

describe('train from PostgreSQL (real server)', { skip }, () => {
  let cluster: ThrowawayCluster;
  let dir: string;
  before(async () => {
    cluster = await startThrowawayCluster();
    dir = mkdtempSync(join(tmpdir(), 'model-lab-pgtrain-'));
  });
  after(() => {
    cluster?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const options = (data: DataSpec, name: string) => ({
    data, layout: 'pipeline' as const, seed: 2023, trainSize: { kind: 'fraction' as const, value: 0.8 },
    kernel: 'rbf' as const, C: 1, gamma: 'scale' as const, degree: 3, coef0: 0, target: 'target', drop: ['id', 'timestamp'],
    modelsDir: join(dir, 'models'), name,
  });

  test('snapshot saved as data.csv, provenance recorded, validation matches, same model as from the CSV', async () => {
    cluster.psql('CREATE DATABASE train1');
    const url = cluster.url('train1', 'table=iris_data&limit=50');
    await runIrisGenerator({ url, password: cluster.password, intervalMs: 0, count: 60, seed: 'engine' });

    const r = await train(options({ kind: 'postgres', spec: { url, password: cluster.password } }, 'from-pg'), nodeFileSystem);
    const manifest = JSON.parse(readFileSync(join(r.modelDir, 'model.json'), 'utf8'));
    assert.equal(manifest.data.source, 'postgres');
    assert.equal(manifest.data.path, url);
    assert.equal(manifest.data.table, 'iris_data');
    assert.equal(manifest.data.rows, 50);
    assert.deepEqual(manifest.data.dropped, ['id', 'timestamp']);
    assert.equal(JSON.stringify(manifest).includes(cluster.password), false);
    const header = readFileSync(join(r.modelDir, 'data.csv'), 'utf8').split('\n')[0].split(',');
    assert.ok(header.includes('id') && header.includes('timestamp') && header.includes('target'));
    assert.equal(r.train.total + r.valid.total, 50);

    const report = await validate(r.modelDir, nodeFileSystem);
    assert.equal(report.status, 'matches', report.error);

    // The same bytes as a CSV source train the very same model.
    const again = await train(options({ kind: 'csv', path: join(r.modelDir, 'data.csv') }, 'from-csv'), nodeFileSystem);
    assert.equal(again.train.accuracy, r.train.accuracy);
    assert.equal(again.valid.accuracy, r.valid.accuracy);
    assert.equal(readFileSync(join(again.modelDir, 'pipeline.json'), 'utf8'), readFileSync(join(r.modelDir, 'pipeline.json'), 'utf8'));
  });

  /** The course's script on the table's rows: psql's COPY CSV stands for pd.read_sql (psycopg2 is not installed), same rows, same float64s. */
  function courseScriptOnTable(db: string, query: string): string {
    const csv = join(dir, `${db}.csv`);
    writeFileSync(csv, cluster.psql(`COPY (${query}) TO STDOUT WITH CSV HEADER`, db));
    const r = runPython(['-c', [
      'import sys, pandas as pd',
      'from sklearn.model_selection import train_test_split',
      'from sklearn.preprocessing import StandardScaler',
      'from sklearn.svm import SVC',
      'df = pd.read_csv(sys.argv[1], float_precision="round_trip")',
      'X = df.drop(columns=["id", "timestamp", "target"])',
      'y = df["target"]',
      'X_train, X_valid, y_train, y_valid = train_test_split(X, y, train_size=0.8, random_state=2023)',
      'scaler = StandardScaler()',
      'classifier = SVC().fit(scaler.fit_transform(X_train), y_train)',
      'print(list(X.columns), classifier.score(scaler.transform(X_train), y_train), classifier.score(scaler.transform(X_valid), y_valid))',
    ].join('\n'), csv], dir);
    assert.equal(r.code, 0, r.err);
    return r.out.trim();
  }

  test('every column but id, timestamp and the target is a feature, in table order, as in the course\'s script; a text column is refused by name, --drop leaves it out', async () => {
    requireScikitLearn();
    cluster.psql('CREATE DATABASE extra');
    const url = cluster.url('extra', 'table=iris_data&limit=100');
    await runIrisGenerator({ url, password: cluster.password, intervalMs: 0, count: 150, seed: 'model-lab-0' });
    // A column added to the course's table (after target): the course's df.drop(...) keeps it as a feature.
    cluster.psql('ALTER TABLE iris_data ADD COLUMN sensor float8; UPDATE iris_data SET sensor = round((sin(id) * 3)::numeric, 2)', 'extra');
    const python = courseScriptOnTable('extra', 'SELECT * FROM iris_data ORDER BY id DESC LIMIT 100');
    assert.equal(python, "['sepal_length', 'sepal_width', 'petal_length', 'petal_width', 'sensor'] 0.9625 0.75"); // Model Lab said 0.9625 0.9 without sensor
    const data: DataSpec = { kind: 'postgres', spec: { url, password: cluster.password } };
    const r = await train(options(data, 'sensor'), nodeFileSystem);
    const manifest = JSON.parse(readFileSync(join(r.modelDir, 'model.json'), 'utf8'));
    assert.equal(`${JSON.stringify(manifest.featureNames).replace(/"/g, "'").replace(/,/g, ', ')} ${r.train.accuracy} ${r.valid.accuracy}`, python);
    assert.deepEqual(manifest.data.dropped, ['id', 'timestamp']);
    assert.equal(readFileSync(join(r.modelDir, 'data.csv'), 'utf8').split('\n')[0], 'id,timestamp,sepal_length,sepal_width,petal_length,petal_width,target,sensor');
    assert.equal((await validate(r.modelDir, nodeFileSystem)).status, 'matches');

    // A column that cannot be a feature: one line naming it, and the --drop that leaves it out.
    cluster.psql("ALTER TABLE iris_data ADD COLUMN note text; UPDATE iris_data SET note = 'ok'", 'extra');
    const refused = await train(options(data, 'note'), nodeFileSystem).then(() => assert.fail('trained on a text column'), (e: unknown) => e);
    assert.ok(refused instanceof UserError, String(refused));
    assert.equal(refused.message, 'Table "iris_data" column "note" (text) is not a number column (every column but id, timestamp, target is a feature, as after the course\'s df.drop(columns=[…])) — Model Lab trains on numbers, as scikit-learn\'s SVC does: leave it out with --drop "id,timestamp,note"');
    assert.equal(refused.detail.remedy?.settingValue, '["id","timestamp","note"]'); // VS Code: the setting modelLab.dropColumns
    const dropped = await train({ ...options(data, 'dropped'), drop: ['id', 'timestamp', 'note'] }, nodeFileSystem);
    assert.deepEqual([dropped.train.accuracy, dropped.valid.accuracy], [r.train.accuracy, r.valid.accuracy]);
    assert.deepEqual(JSON.parse(readFileSync(join(dropped.modelDir, 'model.json'), 'utf8')).data.dropped, ['id', 'timestamp', 'note']);
    // … and so does the CLI's --drop; leaving out sensor gives what the table gave before it was added.
    let out = '';
    let err = '';
    const saved = process.env.PGPASSWORD;
    process.env.PGPASSWORD = cluster.password;
    let code;
    try {
      code = await runCli(['train', '--data', url, '--drop', 'id,timestamp,note,sensor', '--json', '--out', join(dir, 'models')],
        { out: (t) => { out += t; }, err: (t) => { err += t; }, cwd: dir, signal: new AbortController().signal });
    } finally {
      if (saved === undefined) delete process.env.PGPASSWORD;
      else process.env.PGPASSWORD = saved;
    }
    assert.equal(code, 0, err);
    const cliModel = JSON.parse(readFileSync(join(JSON.parse(out).model as string, 'model.json'), 'utf8'));
    assert.deepEqual([cliModel.featureNames, cliModel.metrics.validAccuracy], [['sepal_length', 'sepal_width', 'petal_length', 'petal_width'], 0.9]);
  });

  test('labels are typed as pandas\' read_sql types the label column: integers int, real/double precision and numeric float, text str, a NULL among integers float', async () => {
    cluster.psql('CREATE DATABASE typed');
    const url = cluster.url('typed', 'table=iris_data&limit=100');
    await runIrisGenerator({ url, password: cluster.password, intervalMs: 0, count: 150, seed: 'model-lab-0' });
    cluster.psql(`CREATE TABLE labels AS SELECT id, timestamp, sepal_length, sepal_width, petal_length, petal_width, target AS int_target,
      target::float8 AS float_target, target::real AS real_target, target::numeric(3, 1) AS numeric_target, target::text AS text_target FROM iris_data`, 'typed');
    const labelColumns = ['int_target', 'float_target', 'real_target', 'numeric_target', 'text_target'];
    const spec: DataSpec = { kind: 'postgres', spec: { url: cluster.url('typed', 'table=labels&limit=100'), password: cluster.password } };
    const trained = async (target: string, dropna = false) => {
      const r = await train({ ...options(spec, target), target, drop: ['id', 'timestamp', ...labelColumns.filter((c) => c !== target)], dropna }, nodeFileSystem);
      const m = JSON.parse(readFileSync(join(r.modelDir, 'model.json'), 'utf8'));
      const labels = readFileSync(join(r.modelDir, 'data.csv'), 'utf8').split('\n').slice(1, 4).map((l) => l.split(',')[6 + labelColumns.indexOf(target)]);
      assert.equal((await validate(r.modelDir, nodeFileSystem)).status, 'matches');
      return { type: m.labelType, classes: m.classes, labels, accuracies: [r.train.accuracy, r.valid.accuracy], dir: r.modelDir };
    };
    const int = await trained('int_target');
    assert.deepEqual([int.type, int.classes], ['int', [0, 1, 2]]);
    for (const target of ['float_target', 'real_target', 'numeric_target']) {
      const f = await trained(target);
      // scikit-learn's classes_ are [0., 1., 2.]; data.csv writes them as pandas does, so that read_csv types them float64 too.
      assert.deepEqual([f.type, f.classes, f.accuracies], ['float', [0, 1, 2], int.accuracies], target);
      assert.ok(f.labels.every((l) => /^[012]\.0$/.test(l!)), `${target}: ${f.labels.join(' ')}`);
    }
    const text = await trained('text_target');
    assert.deepEqual([text.type, text.classes, text.accuracies], ['str', ['0', '1', '2'], int.accuracies]);
    // Printed as Python prints the classes: 1.0 for a float label, as for a CSV of 0.0, 1.0 … labels.
    const float = await trained('float_target');
    let out = '';
    const saved = process.env.PGPASSWORD;
    process.env.PGPASSWORD = cluster.password;
    try {
      assert.equal(await runCli(['predict', float.dir, '--data', cluster.url('typed', 'table=labels&limit=5')], { out: (t) => { out += t; }, err: () => undefined, cwd: dir, signal: new AbortController().signal }), 0);
    } finally {
      if (saved === undefined) delete process.env.PGPASSWORD;
      else process.env.PGPASSWORD = saved;
    }
    assert.ok(out.trimEnd().split('\n').slice(0, 5).every((l) => /^[012]\.0$/.test(l)), out);
    // A NULL among integer labels makes pandas read them as float64 (NaN), which dropna() keeps.
    cluster.psql('UPDATE labels SET int_target = NULL WHERE id = 100', 'typed');
    const holed = await trained('int_target', true);
    assert.deepEqual([holed.type, holed.classes], ['float', [0, 1, 2]]);
  });

  test('validation works from the data.csv snapshot with the server stopped', async () => {
    cluster.psql('CREATE DATABASE train2');
    const url = cluster.url('train2', 'table=iris_data&limit=40');
    await runIrisGenerator({ url, password: cluster.password, intervalMs: 0, count: 45, seed: 'offline' });
    const r = await train(options({ kind: 'postgres', spec: { url, password: cluster.password } }, 'offline'), nodeFileSystem);
    cluster.stop();
    // The server is gone: reading the table now fails, validation does not need it.
    await assert.rejects(train(options({ kind: 'postgres', spec: { url, password: cluster.password, connectTimeoutMs: 2000 } }, 'gone'), nodeFileSystem), { name: 'UserError' });
    const report = await validate(r.modelDir, nodeFileSystem);
    assert.equal(report.status, 'matches', report.error);
    assert.equal(report.train?.accuracy, r.train.accuracy);
    assert.equal(report.valid?.accuracy, r.valid.accuracy);
  });

  test('an unreachable server is refused before anything is written', async () => {
    const url = `postgres://nobody@127.0.0.1:1/none?table=iris_data`;
    await assert.rejects(train(options({ kind: 'postgres', spec: { url, connectTimeoutMs: 2000 } }, 'nope'), nodeFileSystem), { name: 'UserError' });
    assert.throws(() => readFileSync(join(dir, 'models', 'nope', 'model.json')));
  });
});
