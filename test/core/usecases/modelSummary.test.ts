// The orders and groups of the model lists (Saved Models view, CLI listings): total orders, damaged
// models last by accuracy, ties broken the same way everywhere.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { compareModels, groupOf, newestFirst } from '../../../src/core/usecases/modelSummary';
import type { ModelSummary } from '../../../src/core/usecases/contracts';

function summary(name: string, validAccuracy: number | undefined, created: string, source = 'iris', path = 'iris'): ModelSummary {
  return {
    name, dir: `/m/${name}`, status: validAccuracy === undefined ? 'damaged' : 'ok', mtimeMs: 0, created, validAccuracy,
    ...(validAccuracy === undefined ? {} : { manifest: { data: { source, path } } as ModelSummary['manifest'] }),
  };
}

const models = [
  summary('b', 0.9, '2026-12-01T10:00:00Z'),
  summary('a', 1, '2026-12-01T09:00:00Z', 'csv', '/w/iris.csv'),
  summary('c', 1, '2026-12-01T11:00:00Z'),
  summary('broken', undefined, '2026-12-01T12:00:00Z'),
];

test('by validation accuracy: highest first, ties newest first, damaged last', () => {
  assert.deepEqual([...models].sort(compareModels('validAccuracy')).map((m) => m.name), ['c', 'a', 'b', 'broken']);
});

test('by date: newest first; by name: alphabetical', () => {
  assert.deepEqual([...models].sort(compareModels('created')).map((m) => m.name), ['broken', 'c', 'b', 'a']);
  assert.deepEqual([...models].sort(newestFirst).map((m) => m.name), ['broken', 'c', 'b', 'a']);
  assert.deepEqual([...models].sort(compareModels('name')).map((m) => m.name), ['a', 'b', 'broken', 'c']);
});

test('groups by data source', () => {
  assert.deepEqual(models.map((m) => groupOf(m, 'data')), ['built-in iris data', '/w/iris.csv', 'built-in iris data', 'damaged']);
  assert.deepEqual(models.map((m) => groupOf(m, 'none')), ['', '', '', '']);
});
