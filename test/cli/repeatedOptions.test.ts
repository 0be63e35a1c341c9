// A value option given twice (`train --C 1 --C 2`, `predict M --data - --data iris`): node's
// parseArgs keeps the last and drops the other without a word, so the run did something else than
// one of the values asked for. The real CLI as a child process: every command refuses it before
// doing anything — one line naming the flag and the values, exit 2 —, a URL's password never shows,
// and what is meant to be given once with several values (comma lists) or more than once (on/off
// flags, which mean the same each time) still works.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliSync } from '../core/hardening/cliProcess';

let root: string;
before(() => { root = mkdtempSync(join(tmpdir(), 'model-lab-repeated-options-')); });
after(() => rmSync(root, { recursive: true, force: true }));

function refused(args: string[], line: string): void {
  const r = runCliSync(args, root);
  assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
  assert.equal(r.err, `${line}\n`, args.join(' '));
  assert.equal(r.out, '');
}

test('train --C 1 --C 2: exit 2, one line naming both values, no model trained', () => {
  refused(['train', '--C', '1', '--C', '2', '--out', 'models'], 'model-lab train: --C is given twice (1 and 2) — give it once');
  assert.equal(existsSync(join(root, 'models')), false);
  // Any spelling: --flag=value, negative numbers, three times, an empty value and one with a space.
  refused(['train', '--coef0', '-1', '--coef0=-2', '--coef0', '3'], 'model-lab train: --coef0 is given 3 times (-1, -2 and 3) — give it once');
  refused(['train', '--drop', '', '--drop', 'a b'], "model-lab train: --drop is given twice ('' and 'a b') — give it once");
});

test('every command refuses a repeated value option the same way, before reading anything', () => {
  const cases: [string[], string][] = [
    [['predict', 'nowhere', '--data', '-', '--data', 'iris'], 'model-lab predict: --data is given twice (- and iris) — give it once'],
    [['tune', '--cv', '3', '--cv', '5'], 'model-lab tune: --cv is given twice (3 and 5) — give it once'],
    [['validate', 'model.joblib', '--seed', '1', '--seed', '2'], 'model-lab validate: --seed is given twice (1 and 2) — give it once'],
    [['import', 'model.joblib', '--name', 'a', '--name', 'b'], 'model-lab import: --name is given twice (a and b) — give it once'],
    [['export', 'nowhere', '--format', 'onnx', '--format', 'joblib'], 'model-lab export: --format is given twice (onnx and joblib) — give it once'],
    [['compare', '--sort', 'name', '--sort', 'C'], 'model-lab compare: --sort is given twice (name and C) — give it once'],
    [['generate', '--count', '1', '--count', '2'], 'model-lab generate: --count is given twice (1 and 2) — give it once'],
    [['tune-unit', '--out', 'a', '--out', 'b'], 'model-lab tune-unit: --out is given twice (a and b) — give it once'],
  ];
  for (const [args, line] of cases) refused(args, line);
});

test('a URL with a password given twice is named by its scheme only: the password is not printed', () => {
  refused(['train', '--data', 'postgres://alice:Hunter2-S3cret@db.example/course', '--data', 'iris'],
    'model-lab train: --data is given twice (postgres://… and iris) — give it once');
});

test('what is meant to repeat still works: on/off flags given twice, comma lists; tune still refuses a value listed twice', () => {
  const out = join(root, 'ok-models');
  const r = runCliSync(['train', '--json', '--json', '--C', '0.5,2', '--drop', 'id,timestamp', '--out', out], root);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual((JSON.parse(r.out) as { models: { name: string }[] }).models.map((m) => m.name), ['iris-C0.5-gscale-s2023', 'iris-C2-gscale-s2023']);
  const v = runCliSync(['validate', join(out, 'iris-C0.5-gscale-s2023'), '--json', '--json'], root);
  assert.equal(v.code, 0, v.err);
  refused(['tune', '--C', '1,1'], 'model-lab tune: --C lists 1 twice (items 1 and 2) — each value once');
});
