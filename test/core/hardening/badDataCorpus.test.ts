// The bad-data corpus (test/fixtures/hardening/bad-data: FILE.csv + FILE.json with the expected
// message): the real CLI refuses each with exit 1, exactly one stderr line, and saves nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../../../src/cli/main';
import { cliPath, startCli } from './cliProcess';
import type { CliRun } from './cliProcess';

const CORPUS = resolve('test/fixtures/hardening/bad-data');
const cases = readdirSync(CORPUS).filter((f) => f.endsWith('.csv')).sort().map((file) => {
  const want = JSON.parse(readFileSync(join(CORPUS, file.replace(/\.csv$/, '.json')), 'utf8')) as { args?: string[]; message: string };
  return { file, args: want.args ?? [], message: want.message };
});

let root: string;
const runs = new Map<string, { cwd: string; run: CliRun }>();
before(async () => {
  root = mkdtempSync(join(tmpdir(), 'model-lab-hardening-corpus-'));
  cliPath();
  // A few CLI processes at a time: the corpus is ~40 spawns.
  const queue = [...cases];
  await Promise.all([1, 2, 3, 4].map(async () => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      const cwd = mkdtempSync(join(root, 'case-'));
      runs.set(c.file, { cwd, run: await startCli(['train', '--data', join(CORPUS, c.file), ...c.args], cwd).done });
    }
  }));
});
after(() => rmSync(root, { recursive: true, force: true }));

test('the corpus covers every bad input of the list and each has its expected message', () => {
  assert.ok(cases.length >= 35, `only ${cases.length} cases`);
  for (const c of cases) assert.ok(c.message.includes(c.file), `${c.file}: the message must name the file: ${c.message}`);
});

for (const c of cases) {
  test(`model-lab train --data ${c.file} ${c.args.join(' ')}`.trim(), () => {
    const { cwd, run: r } = runs.get(c.file)!;
    assert.equal(r.code, 1, r.err);
    assert.equal(r.err, `model-lab train: ${c.message}\n`);
    assert.equal(r.out, '');
    assert.doesNotMatch(r.err, /\n\s+at /);
    assert.equal(existsSync(join(cwd, 'models')) ? readdirSync(join(cwd, 'models')).length : 0, 0, 'nothing saved');
  });
}

test('in-process runCli gives the same one line for every corpus file (what the extension shows)', async () => {
  for (const c of cases) {
    const cwd = mkdtempSync(join(root, 'inproc-'));
    let err = '';
    const code = await runCli(['train', '--data', join(CORPUS, c.file), ...c.args], { out: () => undefined, err: (t) => { err += t; }, cwd });
    assert.equal(code, 1, c.file);
    assert.equal(err, `model-lab train: ${c.message}\n`, c.file);
  }
});
