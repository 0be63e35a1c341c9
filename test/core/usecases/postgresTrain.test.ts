// Training from PostgreSQL rows on a real throwaway server: the snapshot is saved as data.csv (with
// id and timestamp, recorded as dropped) and validation reproduces the accuracies from it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPostgresBinaries, startThrowawayCluster, type ThrowawayCluster } from '../../../scripts/pg/throwawayCluster';
import { runIrisGenerator } from '../../../src/core/database/irisGenerator';
import { train } from '../../../src/core/usecases/train';
import { validate } from '../../../src/core/usecases/validate';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';
import type { DataSpec } from '../../../src/core/usecases/contracts';

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
