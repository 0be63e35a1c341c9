// One snapshot per sweep, against a real PostgreSQL table that the generator fills as fast as it can
// while the sweep trains: every model of the sweep has the same data.csv (same sha256, same id
// range), and Compare marks a model trained later, on other rows of the same table.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPostgresBinaries, startThrowawayCluster, type ThrowawayCluster } from '../../../scripts/pg/throwawayCluster';
import { runSweep } from '../../../src/core/experiments/sweep';
import { train } from '../../../src/core/usecases/train';
import { listModels } from '../../../src/core/usecases/listModels';
import { comparisonRows } from '../../../src/core/experiments/comparison';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';
import type { TrainOptions } from '../../../src/core/usecases/contracts';
import { startCli } from '../hardening/cliProcess';

const bin = findPostgresBinaries();
const skip = bin || process.env.CI === 'true' ? false : 'PostgreSQL binaries (initdb, pg_ctl) not found: install the postgresql package to run these tests';
if (skip) console.log(`# SKIPPED sweep snapshot tests: ${skip}`);

let cluster: ThrowawayCluster;
let modelsDir: string;
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('a sweep over a table the generator is filling (real server)', { skip }, () => {
  before(async () => {
    cluster = await startThrowawayCluster();
    modelsDir = mkdtempSync(join(tmpdir(), 'model-lab-sweep-snapshot-'));
  });
  after(() => {
    cluster?.stop();
    rmSync(modelsDir, { recursive: true, force: true });
  });

  test('six models, one data.csv: same sha256 and id range while rows keep arriving; a later model is marked', async () => {
    cluster.psql('CREATE DATABASE sweep');
    const url = cluster.url('sweep', 'table=iris_data&limit=100&order=id');
    // The generator in its own process, as a user runs it beside the sweep: it inserts while the sweep computes.
    process.env.PGPASSWORD = cluster.password;
    const generator = startCli(['generate', '--url', cluster.url('sweep'), '--interval', '0', '--seed', 'sweep'], tmpdir());
    delete process.env.PGPASSWORD;
    const rowsNow = () => Number(cluster.psql('SELECT count(*) FROM iris_data', 'sweep').trim());
    const waitForRows = async (n: number) => {
      while (!/^#/m.test(generator.output()) || rowsNow() < n) await new Promise((r) => setTimeout(r, 20));
    };
    try {
      await waitForRows(300);
      const base: TrainOptions = {
        data: { kind: 'postgres', spec: { url, password: cluster.password } }, layout: 'separate', seed: 2023,
        trainSize: { kind: 'fraction', value: 0.8 }, kernel: 'rbf', C: 1, gamma: 'scale', degree: 3, coef0: 0,
        target: 'target', drop: ['id', 'timestamp'], modelsDir,
      };
      const before = rowsNow();
      const sweep = await runSweep(base, { C: [0.1, 1, 10], gamma: ['scale', 0.1], seed: [2023] }, nodeFileSystem);
      assert.equal(sweep.models.length, 6);
      // The table grew while the sweep trained: reading it again per model would have given other rows.
      const during = rowsNow() - before;
      assert.ok(during > 20, `${during} rows were inserted during the sweep`);
      const manifests = sweep.models.map((m) => JSON.parse(readFileSync(join(m.result.modelDir, 'model.json'), 'utf8')));
      const hashes = new Set(sweep.models.map((m) => sha256(join(m.result.modelDir, 'data.csv'))));
      assert.equal(hashes.size, 1, 'every data.csv is the same file');
      assert.deepEqual(new Set(manifests.map((m) => m.data.sha256)), hashes);
      assert.equal(new Set(manifests.map((m) => JSON.stringify(m.data.idRange))).size, 1);
      assert.equal(new Set(manifests.map((m) => m.data.readAt)).size, 1);
      assert.equal(manifests[0].data.rows, 100);

      let rows = comparisonRows(await listModels(modelsDir, nodeFileSystem));
      assert.deepEqual(rows.filter((r) => r.dataDiffers).map((r) => r.name), []);
      assert.deepEqual(new Set(rows.map((r) => JSON.stringify(r.dataIdRange))), new Set([JSON.stringify(manifests[0].data.idRange)]));

      // One more model of the same table, later: other rows. It is the odd one out.
      await waitForRows(before + during + 200);
      const later = await train({ ...base, name: 'later' }, nodeFileSystem);
      rows = comparisonRows(await listModels(modelsDir, nodeFileSystem));
      assert.deepEqual(rows.filter((r) => r.dataDiffers).map((r) => r.name), [later.name]);
    } finally {
      generator.child.kill('SIGINT');
      await generator.done;
    }
  });
});
