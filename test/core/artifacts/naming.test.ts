// How a model is named after its data: a database URL without table= reads the default table
// (iris_data), so its models are named after that table — they were "postgres-…" (the URL's scheme),
// whatever the database was called, and messages said "PostgreSQL data".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dataSlug, modelNameProblem, nameCandidate } from '../../../src/core/artifacts/naming';
import { dataLabel } from '../../../src/core/usecases/train';

test('a database URL names the table it reads, the default one too', () => {
  const pg = (url: string) => ({ kind: 'postgres' as const, spec: { url } });
  assert.equal(dataSlug(pg('postgres://u@h:5432/analytics')), 'iris-data');
  assert.equal(dataLabel(pg('postgres://u@h:5432/analytics')), 'table iris_data');
  assert.equal(dataSlug(pg('postgres://u@h:5432/analytics?table=Readings_2026&limit=50')), 'readings-2026');
  assert.equal(dataLabel(pg('postgres://u@h:5432/analytics?limit=50&table=readings')), 'table readings');
  assert.equal(dataSlug({ kind: 'csv', path: '/d/iris.csv.gz' }), 'iris');
  assert.equal(dataSlug({ kind: 'iris' }), 'iris');
});

test('a name at the length limit keeps its -2, -3 … suffix within it (a second save made a 130-character folder)', () => {
  const long = 'y'.repeat(128);
  assert.equal(nameCandidate(long, 1), long);
  assert.equal(nameCandidate(long, 2), `${'y'.repeat(126)}-2`);
  assert.equal(nameCandidate(long, 12), `${'y'.repeat(125)}-12`);
  assert.equal(nameCandidate('iris', 3), 'iris-3');
  assert.equal(modelNameProblem(nameCandidate(long, 2)), undefined);
});
