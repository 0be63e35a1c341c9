// A --json command that fails midway after it produced something still prints its one JSON document:
// what it produced (the models a sweep saved, the search tune scored, the listing compare read) and
// the failure in "error", in the words of the one line on stderr; the exit code stays 1. A real full
// disk: a tiny tmpfs filled up (skipped, with the reason, where mounting is not allowed).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliSync, type CliRun } from '../core/hardening/cliProcess';

let root: string;
const mounts: string[] = [];
before(() => { root = mkdtempSync(join(tmpdir(), 'model-lab-json-failure-')); });
after(() => {
  for (const m of mounts.reverse()) spawnSync('umount', ['-l', m]);
  rmSync(root, { recursive: true, force: true });
});

/** A 2 MB tmpfs with `free` bytes left (a filler file takes the rest); or why not here. */
function nearlyFull(name: string, free: number): { dir: string } | { skip: string } {
  const dir = join(root, name);
  mkdirSync(dir);
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m,mode=0755', 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) return { skip: `cannot mount a tmpfs here (${(r.stderr || r.error?.message || '').trim()})` };
  mounts.push(dir);
  const s = statfsSync(dir);
  writeFileSync(join(dir, 'filler'), Buffer.alloc(s.bavail * s.bsize - free));
  return { dir };
}

/** Exit 1, one line on stderr, and stdout one JSON document whose "error" is that line's words. */
function failedDocument(r: CliRun, command: string): Record<string, unknown> {
  assert.equal(r.code, 1, r.err);
  const lines = r.err.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, 1, `one line on stderr: ${r.err}`);
  assert.ok(lines[0]!.startsWith(`model-lab ${command}: `), lines[0]);
  assert.match(lines[0]!, /the disk is full/);
  assert.equal(r.out.split('\n').filter((l) => l !== '').length, 1, `one JSON document on stdout: ${r.out}`);
  const doc = JSON.parse(r.out) as Record<string, unknown>;
  assert.equal(doc.error, lines[0]!.slice(`model-lab ${command}: `.length));
  return doc;
}

test('train sweep --json stopped by a full disk: the document lists the models saved before it, with "error"', (t) => {
  // Room for some of the four models (each takes about 20 KB here), not all.
  const m = nearlyFull('sweep', 48 * 1024);
  if ('skip' in m) return t.skip(m.skip);
  const r = runCliSync(['train', '--out', 'm', '--C', '0.1,1,10,100', '--json'], m.dir);
  const doc = failedDocument(r, 'train');
  const saved = readdirSync(join(m.dir, 'm')).sort();
  assert.ok(saved.length > 0 && saved.length < 4, `some models saved, not all: ${saved.join(', ')}`);
  const models = doc.models as { name: string; model: string; trainAccuracy: number }[];
  assert.deepEqual(models.map((x) => x.name).sort(), saved);
  for (const x of models) assert.ok(existsSync(join(x.model, 'model.json')), x.model);
  assert.equal(doc.planned, 4);
  assert.equal(doc.cancelled, false);
  assert.match(String(doc.error), new RegExp(`\\(${saved.length} models? saved before it: `));
});

test('tune --json whose refit cannot be saved: the document holds the search scored, with "error"; nothing saved', (t) => {
  const m = nearlyFull('tune', 4 * 1024);
  if ('skip' in m) return t.skip(m.skip);
  const r = runCliSync(['tune', '--out', 'models', '--C', '1,10', '--gamma', 'scale,auto', '--cv', '3', '--jobs', '1', '--json'], m.dir);
  const doc = failedDocument(r, 'tune');
  assert.equal(doc.cv, 3);
  assert.equal((doc.candidates as unknown[]).length, 4);
  assert.ok((doc.best as { params: { C: number } }).params.C > 0);
  assert.equal(doc.model, undefined, 'no model was saved');
  assert.deepEqual(readdirSync(m.dir), ['filler']);
});

test('compare --json --csv FILE on a full disk: the listing is printed without "csv", with "error"', (t) => {
  const models = join(root, 'models');
  assert.equal(runCliSync(['train', '--out', models, '--C', '1,10'], root).code, 0);
  const m = nearlyFull('compare', 0);
  if ('skip' in m) return t.skip(m.skip);
  const r = runCliSync(['compare', '--out', models, '--csv', join(m.dir, 'table.csv'), '--json'], root);
  const doc = failedDocument(r, 'compare');
  assert.deepEqual((doc.models as { name: string }[]).map((x) => x.name).sort(), ['iris-C1-gscale-s2023', 'iris-C10-gscale-s2023']);
  assert.equal(doc.csv, undefined);
  assert.match(String(doc.error), /table\.csv: cannot write the CSV file — the disk is full/);
});

test('tune whose refit cannot be saved, as text: the search\'s table and best params on stdout, then the one line on stderr; nothing saved', (t) => {
  const m = nearlyFull('tune-text', 4 * 1024);
  if ('skip' in m) return t.skip(m.skip);
  const r = runCliSync(['tune', '--out', 'models', '--C', '1,10', '--gamma', 'scale,auto', '--cv', '3', '--jobs', '1'], m.dir);
  assert.equal(r.code, 1, r.err);
  const lines = r.err.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, 1, `one line on stderr: ${r.err}`);
  assert.match(lines[0]!, /^model-lab tune: .*the disk is full/);
  const out = r.out.split('\n');
  assert.equal(out[0], 'GridSearchCV: 4 candidates × 3 folds (StratifiedKFold); * = best_params_ — not refitted, no model saved');
  assert.match(out[1]!, /^\s+rank\s+mean_test_score\s+std_test_score\s+kernel\s+C\s+gamma$/);
  assert.equal(out.filter((l) => /^\*?\s+\d\s+0\.\d+\s+\S+\s+rbf\s/.test(l)).length, 4, r.out);
  assert.match(r.out, /\nBest params : \{'C': [\d.]+, 'gamma': '(scale|auto)', 'kernel': 'rbf'\}\nBest CV Accuracy : 0\.\d+\n$/);
  assert.doesNotMatch(r.out, /Saved model to/);
  assert.deepEqual(readdirSync(m.dir), ['filler']);
});
