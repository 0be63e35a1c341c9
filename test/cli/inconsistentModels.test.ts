// predict and export refuse a model validate refuses, in validate's words: a model.json whose
// featureNames are not data.csv's columns, and a classifier.json of another model copied in — both
// with every hash recomputed by hand, so that only the model's own consistency can tell. One line on
// stderr, exit 1, nothing written; a valid model still predicts and exports as before.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { runCliSync } from '../core/hardening/cliProcess';
import { sealManifest, MANIFEST_SEAL_FIELD } from '../../src/core/artifacts/manifestSeal';
import { sha256Hex } from '../../src/core/artifacts/hash';

let root: string;
before(() => {
  root = mkdtempSync(join(tmpdir(), 'model-lab-inconsistent-'));
  assert.equal(runCliSync(['train', '--out', 'models', '--seed', '2023,1'], root).code, 0);
});
after(() => rmSync(root, { recursive: true, force: true }));

/** Rewrites model.json with `edit` applied, its files' hashes recomputed and sealed again, as a careful hand edit would. */
function forge(dir: string, edit: (m: Record<string, unknown>) => void): void {
  const m = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as Record<string, unknown>;
  delete m[MANIFEST_SEAL_FIELD];
  edit(m);
  const files = m.files as Record<string, string>;
  for (const f of Object.keys(files)) files[f] = sha256Hex(readFileSync(join(dir, f)));
  writeFileSync(join(dir, 'model.json'), JSON.stringify(sealManifest(m), null, 2));
}

function copyOf(name: string): string {
  const dir = join(root, 'edited', name);
  cpSync(join(root, 'models', 'iris-C1-gscale-s2023'), dir, { recursive: true });
  return dir;
}

/** validate's refusal, then predict and every export: the same line, exit 1, no output file. */
function refusedEverywhere(dir: string, reason: RegExp): void {
  const v = runCliSync(['validate', dir, '--json'], root);
  assert.equal(v.code, 1, v.err);
  const said = JSON.parse(v.out) as { status: string; error: string };
  assert.equal(said.status, 'could-not-load');
  assert.match(said.error, reason);
  const outs = join(root, 'exports', basename(dir));
  const runs: [string[], string][] = [
    [['predict', dir, '--data', 'iris'], 'predict'],
    [['predict', dir, '--data', 'iris', '--json'], 'predict'],
    [['export', dir, '--format', 'joblib', '--out', join(outs, 'joblib')], 'export'],
    [['export', dir, '--format', 'onnx', '--out', join(outs, 'model.onnx')], 'export'],
    [['export', dir, '--format', 'python', '--out', join(outs, 'model.py')], 'export'],
    [['export', dir, '--format', 'python', '--out', '-'], 'export'],
    [['export', dir, '--format', 'onnx'], 'export'],
  ];
  for (const [args, command] of runs) {
    const r = runCliSync(args, root);
    assert.equal(r.code, 1, `${args.join(' ')}: ${r.err}`);
    assert.equal(r.out, '', `${args.join(' ')} printed nothing`);
    assert.equal(r.err, `model-lab ${command}: ${said.error}\n`, args.join(' '));
  }
  assert.ok(!existsSync(outs), 'no export written');
  assert.deepEqual(readdirSync(dir).sort(), ['classifier.json', 'data.csv', 'model.json', 'scaler.json'], 'nothing written into the model folder');
}

test('featureNames reversed in model.json (hashes recomputed): predict and export refuse as validate does', () => {
  const dir = copyOf('reversed');
  forge(dir, (m) => { (m.featureNames as string[]).reverse(); });
  refusedEverywhere(dir, /data\.csv: columns \[.*\] differ from model\.json's featureNames/);
});

test("another model's classifier.json copied in (hashes recomputed): validate, predict and export refuse it", () => {
  const dir = copyOf('swapped');
  cpSync(join(root, 'models', 'iris-C1-gscale-s1', 'classifier.json'), join(dir, 'classifier.json'));
  forge(dir, () => undefined);
  refusedEverywhere(dir, /classifier\.json: its support vectors are not the scaled training rows it records \(support\) — it was not fitted on this model's data\.csv and split/);
});

test('a valid model still matches, predicts and exports', () => {
  const dir = join(root, 'models', 'iris-C1-gscale-s2023');
  assert.equal(JSON.parse(runCliSync(['validate', dir, '--json'], root).out).status, 'matches');
  const p = runCliSync(['predict', dir, '--data', 'iris'], root);
  assert.equal(p.code, 0, p.err);
  assert.match(p.out, /Accuracy : 0\.9\d+ \(1\d\d\/150\)\n$/);
  for (const format of ['joblib', 'onnx', 'python']) assert.equal(runCliSync(['export', dir, '--format', format, '--out', join(root, `valid-${format}${format === 'onnx' ? '.onnx' : format === 'python' ? '.py' : ''}`)], root).code, 0, format);
});
