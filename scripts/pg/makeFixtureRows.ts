// Writes test/fixtures/postgres/data.csv: the snapshot (newest 100 of 150 rows) that our generator
// puts into a real, throwaway PostgreSQL with a fixed seed, read back by fetchPostgresSnapshot.
// scripts/fixtures/postgres.py then computes scikit-learn's numbers for exactly these rows.
//   node --import tsx scripts/pg/makeFixtureRows.ts && /usr/bin/python3 scripts/fixtures/postgres.py
import { writeFileSync } from 'node:fs';
import { runIrisGenerator } from '../../src/core/database/irisGenerator';
import { fetchPostgresSnapshot } from '../../src/core/database/postgresSnapshot';
import { startThrowawayCluster } from './throwawayCluster';

export const FIXTURE_SEED = 'model-lab-0';
export const FIXTURE_COUNT = 150;
export const FIXTURE_LIMIT = 100;

async function main(): Promise<void> {
  const cluster = await startThrowawayCluster();
  try {
    const url = cluster.url('postgres', `table=iris_data&limit=${FIXTURE_LIMIT}`);
    await runIrisGenerator({ url, password: cluster.password, intervalMs: 0, count: FIXTURE_COUNT, seed: FIXTURE_SEED });
    const snap = await fetchPostgresSnapshot({ url, password: cluster.password });
    writeFileSync('test/fixtures/postgres/data.csv', snap.csv);
    process.stdout.write(`wrote test/fixtures/postgres/data.csv (${snap.provenance.rows} rows, ids ${JSON.stringify(snap.provenance.idRange)})\n`);
  } finally {
    cluster.stop();
  }
}

if (require.main === module) void main();
