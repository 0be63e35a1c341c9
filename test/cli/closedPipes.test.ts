// Every command into a closed pipe, through a real shell: `model-lab … | head -1` and `| true`.
// Saving never depends on stdout: what was computed is kept, nothing is printed about the pipe (no
// EPIPE, no stack trace), and the exit status is 141 (128 + SIGPIPE, as for `yes | head`) once a
// write found the reader gone. (With `head -1` and a short output, every line may have reached the
// pipe before head exited: then nothing failed and the status is the usual one.)
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cliPath, runCliSync } from '../core/hardening/cliProcess';
import { findPostgresBinaries, startThrowawayCluster, type ThrowawayCluster } from '../../scripts/pg/throwawayCluster';

const EXIT_OUTPUT_CLOSED = 141;
let root: string;
before(() => { root = mkdtempSync(join(tmpdir(), 'model-lab-pipes-')); });
after(() => rmSync(root, { recursive: true, force: true }));
const freshDir = () => mkdtempSync(join(root, 'case-'));

interface Piped { status: number; err: string; read: string }

/** `node cli.js ARGS 2>err | READER` in bash; status is model-lab's own exit status (PIPESTATUS[0]). */
function piped(args: string[], reader: 'head -1' | 'head -3' | 'true', cwd: string, env: NodeJS.ProcessEnv = process.env): Piped {
  const err = join(cwd, '.stderr');
  const status = join(cwd, '.status');
  const script = `"$0" "$1" "\${@:2}" 2>"${err}" | ${reader}; echo "\${PIPESTATUS[0]}" > "${status}"`;
  const r = spawnSync('bash', ['-c', script, process.execPath, cliPath(), ...args], { cwd, encoding: 'utf8', env });
  assert.equal(r.status, 0, r.stderr);
  const out = { status: Number(readFileSync(status, 'utf8')), err: readFileSync(err, 'utf8'), read: r.stdout };
  rmSync(err);
  rmSync(status);
  return out;
}

/** The model folders of a models folder (and nothing half-written beside them). */
function models(modelsDir: string): string[] {
  const names = existsSync(modelsDir) ? readdirSync(modelsDir) : [];
  assert.deepEqual(names.filter((n) => n.startsWith('.')), [], 'no temporary folder left');
  return names.sort();
}

function assertValid(modelDir: string): void {
  const v = runCliSync(['validate', modelDir, '--json'], root);
  assert.equal(v.code, 0, v.err);
  assert.equal(JSON.parse(v.out).status, 'matches');
}

const quiet = (p: Piped) => assert.equal(p.err, '', `nothing on stderr, got: ${p.err}`);

describe('train into a closed pipe', () => {
  for (const reader of ['head -1', 'true'] as const) {
    test(`train | ${reader}: the model is saved and valid, nothing on stderr, exit ${EXIT_OUTPUT_CLOSED}`, () => {
      for (let run = 0; run < 3; run++) {
        const dir = freshDir();
        const p = piped(['train'], reader, dir);
        quiet(p);
        assert.ok(p.status === EXIT_OUTPUT_CLOSED || (reader === 'head -1' && p.status === 0), String(p.status));
        if (reader === 'head -1') assert.equal(p.read, 'Train Accuracy : 0.9666666666666667\n');
        const saved = models(join(dir, 'models'));
        assert.equal(saved.length, 1, `run ${run}`);
        assertValid(join(dir, 'models', saved[0]));
      }
    });

    test(`a sweep | ${reader}: the model in progress is finished and saved, no other is started, exit ${EXIT_OUTPUT_CLOSED}`, () => {
      const dir = freshDir();
      const p = piped(['train', '--C', '0.1,1,10', '--gamma', 'scale,0.1'], reader, dir);
      quiet(p);
      const saved = models(join(dir, 'models'));
      assert.ok(saved.length >= 1 && saved.length < 6, `${saved.length} of 6 models saved`);
      assert.equal(p.status, EXIT_OUTPUT_CLOSED);
      for (const name of saved) assertValid(join(dir, 'models', name));
    });
  }
});

describe('reading commands into a closed pipe', () => {
  let modelDir: string;
  let big: string;
  before(() => {
    const dir = freshDir();
    const t = runCliSync(['train', '--json', '--out', join(dir, 'models')], dir);
    modelDir = JSON.parse(t.out).model;
    // Enough rows that predict's output is far larger than a pipe's buffer.
    big = join(dir, 'rows.csv');
    const iris = readFileSync(join(modelDir, 'data.csv'), 'utf8').trimEnd().split('\n');
    writeFileSync(big, [iris[0], ...Array.from({ length: 400 }, () => iris.slice(1)).flat()].join('\n') + '\n');
  });

  for (const reader of ['head -1', 'true'] as const) {
    test(`predict | ${reader}: stops reading, nothing on stderr, exit ${EXIT_OUTPUT_CLOSED}`, () => {
      for (const json of [[], ['--json']]) {
        const p = piped(['predict', modelDir, '--data', big, ...json], reader, freshDir());
        quiet(p);
        // --json is one line: head -1 reads all of it.
        assert.ok(p.status === EXIT_OUTPUT_CLOSED || (reader === 'head -1' && json.length > 0 && p.status === 0), String(p.status));
        if (reader === 'head -1' && json.length === 0) assert.equal(p.read, '0\tsetosa\n');
      }
    });

    test(`validate, compare, --help | ${reader}: nothing on stderr, exit ${EXIT_OUTPUT_CLOSED}${reader === 'head -1' ? ' or 0' : ''}`, () => {
      const cases: string[][] = [
        ['validate', modelDir],
        ['validate', modelDir, '--json'],
        ['compare', '--out', join(modelDir, '..')],
        ['compare', '--out', join(modelDir, '..'), '--csv', '-'],
        ...['train', 'validate', 'predict', 'compare', 'generate', 'import', 'export'].map((c) => [c, '--help']),
        ['--help'],
      ];
      for (const args of cases) {
        const p = piped(args, reader, freshDir());
        quiet(p);
        assert.ok(p.status === EXIT_OUTPUT_CLOSED || (reader === 'head -1' && p.status === 0), `${args.join(' ')}: ${p.status}`);
      }
    });
  }

  test(`import, export and validate FILE.joblib | true: the files are written, nothing on stderr, exit ${EXIT_OUTPUT_CLOSED}`, () => {
    const dir = freshDir();
    cpSync(resolve('test/fixtures/joblib/models/course-pipeline'), join(dir, 'joblib'), { recursive: true });
    const joblib = join(dir, 'joblib', readdirSync(join(dir, 'joblib')).find((f) => f.endsWith('.joblib'))!);
    let p = piped(['validate', joblib], 'true', dir);
    quiet(p);
    assert.equal(p.status, EXIT_OUTPUT_CLOSED);
    p = piped(['import', joblib, '--out', join(dir, 'models')], 'true', dir);
    quiet(p);
    assert.equal(p.status, EXIT_OUTPUT_CLOSED);
    const saved = models(join(dir, 'models'));
    assert.equal(saved.length, 1);
    p = piped(['export', join(dir, 'models', saved[0]), '--format', 'onnx'], 'true', dir);
    quiet(p);
    assert.equal(p.status, EXIT_OUTPUT_CLOSED);
    assert.ok(existsSync(join(dir, 'models', saved[0], 'model.onnx')));
  });

  test('stderr into the closed pipe too (2>&1 | true): no crash, the refusal\'s exit status', () => {
    const dir = freshDir();
    const r = spawnSync('bash', ['-c', `"$0" "$1" train --data missing.csv 2>&1 | true; echo "\${PIPESTATUS[0]}"`, process.execPath, cliPath()], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.stdout.trim(), '1');
    assert.equal(r.stderr, '');
  });
});

const pgSkip = findPostgresBinaries() || process.env.CI === 'true' ? false : 'PostgreSQL binaries not found: install the postgresql package to run this test';
describe('generate into a closed pipe (real server)', { skip: pgSkip }, () => {
  let cluster: ThrowawayCluster;
  before(async () => { cluster = await startThrowawayCluster(); });
  after(() => cluster?.stop());

  test(`generate | head -3: stops after the row in flight, nothing on stderr, exit ${EXIT_OUTPUT_CLOSED}, every printed row committed`, () => {
    cluster.psql('CREATE DATABASE pipes');
    const p = piped(['generate', '--url', cluster.url('pipes'), '--interval', '0.01'], 'head -3', freshDir(), { ...process.env, PGPASSWORD: cluster.password });
    quiet(p);
    assert.equal(p.status, EXIT_OUTPUT_CLOSED);
    assert.match(p.read, /^Writing iris rows to table "iris_data" .*\n#1 id=1 .*\n#2 id=2 .*\n$/);
    assert.ok(Number(cluster.psql('SELECT count(*) FROM iris_data', 'pipes').trim()) >= 2);
  });
});
