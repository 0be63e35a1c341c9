// model-lab import of files imported into the same models folder before: imported again (scripts keep
// working), with one note on stderr naming the earlier model; the first import has no such note.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../../src/cli/main';

const COURSE = resolve('test/fixtures/joblib/models/course-separate');

async function run(args: string[], cwd: string) {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => { out += t; }, err: (t) => { err += t; }, cwd });
  return { code, out, err };
}

test('importing the same files again makes another model and says which model they were imported as before', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'model-lab-import-again-'));
  try {
    mkdirSync(join(dir, 'course'));
    for (const f of ['scaler.joblib', 'classifier.joblib']) copyFileSync(join(COURSE, f), join(dir, 'course', f));
    const first = await run(['import', 'course/classifier.joblib'], dir);
    assert.equal(first.code, 0, first.err);
    assert.equal(first.err, '');
    assert.match(first.out, new RegExp(`^Imported ${join(dir, 'course', 'scaler.joblib')} \\+ ${join(dir, 'course', 'classifier.joblib')} as ${join(dir, 'models', 'imported-course')}$`, 'm'));
    const second = await run(['import', 'course/scaler.joblib'], dir);
    assert.equal(second.code, 0, second.err);
    assert.equal(second.err, 'model-lab import: note: "scaler.joblib + classifier.joblib" were imported before as "imported-course" (the same bytes, by sha256); "imported-course-2" is another model of them\n');
    assert.ok(existsSync(join(dir, 'models', 'imported-course-2', 'model.json')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
