// A cloned repository's model.json is untrusted input. Issue 18, item 8: one model.json with a
// wrong type (params.svc.C a string) must make that one model damaged, with the field named, and
// the listing and the comparison show the rest. Issue 12: a 1 GB model.json is refused by its size
// with that reason (it used to say "not UTF-8" after reading it all).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeFileSystem as fs } from '../../../src/core/io/nodeFileSystem';
import { train } from '../../../src/core/usecases/train';
import { listModels } from '../../../src/core/usecases/listModels';
import { ManifestCache } from '../../../src/core/experiments/manifestCache';
import { comparisonRows } from '../../../src/core/experiments/comparison';
import { runCliSync } from '../hardening/cliProcess';

let root: string;
let models: string;
let good: string;
before(async () => {
  root = mkdtempSync(join(tmpdir(), 'model-lab-untrusted-manifest-'));
  models = join(root, 'models');
  good = (await train({
    data: { kind: 'iris' }, layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 },
    kernel: 'rbf', C: 1, gamma: 'scale', degree: 3, coef0: 0, target: 'target', drop: [], modelsDir: models, name: 'good',
  }, fs)).modelDir;
});
after(() => rmSync(root, { recursive: true, force: true }));

function copyWith(name: string, edit: (m: any) => void): string {
  const dir = join(models, name);
  cpSync(good, dir, { recursive: true });
  const m = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
  m.name = name;
  edit(m);
  writeFileSync(join(dir, 'model.json'), JSON.stringify(m, null, 2));
  return dir;
}

const WRONG_TYPES: [string, (m: any) => void, RegExp][] = [
  ['c-string', (m) => { m.params.svc.C = '1'; }, /field "params\.svc\.C": expected a finite number, found "1"/],
  ['c-zero', (m) => { m.params.svc.C = 0; }, /field "params\.svc\.C": expected a number > 0, found 0/],
  ['kernel-object', (m) => { m.params.svc.kernel = { toString: 'x' }; }, /field "params\.svc\.kernel": expected one of "rbf", "linear", "poly", "sigmoid"/],
  ['gamma-text', (m) => { m.params.svc.gamma = 'huge'; }, /field "params\.svc\.gamma": expected a finite number/],
  ['weights-text', (m) => { m.params.svc.classWeight = { 0: 'heavy' }; }, /field "params\.svc\.classWeight": the weight of class "0" must be a finite number >= 0, found "heavy"/],
  ['shape-list', (m) => { m.params.svc.decisionFunctionShape = ['ovr']; }, /field "params\.svc\.decisionFunctionShape": expected one of "ovr", "ovo"/],
  ['svc-missing', (m) => { delete m.params.svc; }, /field "params\.svc" is missing/],
  ['name-markup', (m) => { m.name = '<b>x</b>'; }, /field "name": "<b>x<\/b>" is not a model name/],
];

test('a wrong type in model.json makes that model damaged (field named); the listing and the comparison keep the rest', async () => {
  for (const [name, edit] of WRONG_TYPES) copyWith(name, edit);
  for (const verify of ['manifest', 'files'] as const) {
    const listed = verify === 'files' ? await listModels(models, fs) : await new ManifestCache(fs, { verify }).list(models);
    const byName = new Map(listed.map((s) => [s.name, s]));
    assert.equal(byName.get('good')?.status, 'ok', verify);
    for (const [name, , reason] of WRONG_TYPES) {
      const s = byName.get(name);
      assert.equal(s?.status, 'damaged', `${verify}: ${name}`);
      assert.match(s.error!, new RegExp(`${name}/model\\.json: `));
      assert.match(s.error!, reason, `${verify}: ${name}`);
    }
    const rows = comparisonRows(listed);
    assert.equal(rows.find((r) => r.name === 'good')?.best, true);
    assert.equal(rows.filter((r) => r.status === 'damaged').length, WRONG_TYPES.length);
  }
  const r = runCliSync(['compare', '--out', models], root);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^\* +good /m);
  assert.match(r.out, /^ {2}c-string: .*field "params\.svc\.C": expected a finite number, found "1"$/m);
  for (const [name] of WRONG_TYPES) rmSync(join(models, name), { recursive: true });
});

test('a 1 GB model.json is refused by its size, with that reason, before it is read', async () => {
  const dir = join(models, 'huge');
  cpSync(good, dir, { recursive: true });
  truncateSync(join(dir, 'model.json'), 1024 ** 3); // sparse: takes no disk space
  const r = runCliSync(['validate', dir], root);
  assert.equal(r.code, 1);
  assert.match(r.out + r.err, /huge\/model\.json: 1\.0 GiB is more than the 16\.0 MiB Model Lab accepts for this file — it was not written by Model Lab \(or was damaged\); train the model again/);
  assert.doesNotMatch(r.out + r.err, /UTF-8/);
  const listed = await listModels(models, fs);
  assert.match(listed.find((s) => s.name === 'huge')!.error!, /1\.0 GiB is more than the 16\.0 MiB/);
  // The model's parts have a limit too (a classifier.json too large for one JavaScript string).
  rmSync(dir, { recursive: true });
  cpSync(good, dir, { recursive: true });
  truncateSync(join(dir, 'classifier.json'), 300 * 1024 ** 2);
  const listedAgain = await listModels(models, fs);
  assert.match(listedAgain.find((s) => s.name === 'huge')!.error!, /huge\/classifier\.json: 300\.0 MiB is more than the 256\.0 MiB Model Lab accepts/);
  rmSync(dir, { recursive: true });
});
