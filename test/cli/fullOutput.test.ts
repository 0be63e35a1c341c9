// Every command with its standard output on a full disk: `model-lab … > /dev/full`, the kernel's
// device whose every write fails with ENOSPC, as a file on a full disk does. What the user asked to
// see is not where they sent it, so the command says so in one line on stderr (naming the command,
// the cause and what to do) and exits 1 — never 0 with an empty file, never a stack trace. What it
// computed and saves elsewhere (a model, an ONNX file) is saved whole all the same.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliPath, runCliSync } from '../core/hardening/cliProcess';

const FULL_DISK = /^standard output: cannot write the output — the disk is full; free some space, or send the output to a file on another disk$/;

let root: string;
before(() => { root = mkdtempSync(join(tmpdir(), 'model-lab-full-output-')); });
after(() => rmSync(root, { recursive: true, force: true }));

/** Runs the CLI with stdout on /dev/full; returns its status and stderr. */
function intoFullDisk(args: string[]): { status: number | null; err: string } {
  const full = openSync('/dev/full', 'w');
  try {
    const r = spawnSync(process.execPath, [cliPath(), ...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', full, 'pipe'] });
    return { status: r.status, err: r.stderr };
  } finally {
    closeSync(full);
  }
}

/** Exactly one line on stderr: "<label>: standard output: … the disk is full; …". */
function assertSaysFullDisk(err: string, label: string): void {
  const lines = err.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, 1, `one line on stderr, got: ${err}`);
  assert.ok(lines[0]!.startsWith(`${label}: `), lines[0]);
  assert.match(lines[0]!.slice(label.length + 2), FULL_DISK);
}

function assertValid(modelDir: string): void {
  const v = runCliSync(['validate', modelDir, '--json'], root);
  assert.equal(v.code, 0, v.err);
  assert.equal(JSON.parse(v.out).status, 'matches');
}

/** A command that saves one model, with stdout on /dev/full: exit 1, one line, and that model saved whole and valid. */
function savesDespiteFullOutput(args: string[], out: string, label: string, model: string): void {
  const r = intoFullDisk([...args, '--out', out]);
  assert.equal(r.status, 1, r.err);
  assertSaysFullDisk(r.err, label);
  const models = readdirSync(out);
  assert.deepEqual(models, [model]);
  assertValid(join(out, models[0]!));
}

test('train > /dev/full: exit 1 with one line naming the full disk; the model is saved whole and valid', () => {
  savesDespiteFullOutput(['train'], join(root, 'train-models'), 'model-lab train', 'iris-C1-gscale-s2023');
});

test('tune > /dev/full: exit 1, one line; the tuned model is saved and valid', () => {
  savesDespiteFullOutput(['tune', '--C', '1,10', '--gamma', 'scale', '--cv', '3', '--jobs', '1'], join(root, 'tune-models'), 'model-lab tune', 'iris-tuned-cv3-s2023');
});

test('predict, validate, compare, export and --help > /dev/full: exit 1 and one line each, not 0 with nothing written', () => {
  const out = join(root, 'models');
  assert.equal(runCliSync(['train', '--out', out], root).code, 0);
  const model = join(out, 'iris-C1-gscale-s2023');
  const onnx = join(root, 'model.onnx');
  const cases: [string[], string][] = [
    [['predict', model, '--data', 'iris'], 'model-lab predict'],
    [['predict', model, '--data', 'iris', '--json'], 'model-lab predict'],
    [['validate', model], 'model-lab validate'],
    [['validate', model, '--json'], 'model-lab validate'],
    [['compare', '--out', out], 'model-lab compare'],
    [['export', model, '--format', 'onnx', '--out', onnx], 'model-lab export'],
    [['--help'], 'model-lab'],
  ];
  for (const [args, label] of cases) {
    const r = intoFullDisk(args);
    assert.equal(r.status, 1, `${args.join(' ')}: ${r.err}`);
    assertSaysFullDisk(r.err, label);
  }
  assert.ok(existsSync(onnx), 'the ONNX file, written elsewhere, is there');
});

// /dev/full refuses the first byte. A disk with a little room left takes part of a write: the kernel
// writes what fits and says how much, and Node's stdout into a file took that for the whole write —
// exit 0 with a cut file. A real small tmpfs (mounting needs root; skipped otherwise) has that room.
describe('stdout into a file on a disk with less room than the output', () => {
  let disk: string | undefined;
  let cannotMount = '';
  let modelsDir: string;
  before(() => {
    modelsDir = join(root, 'small-disk-models');
    assert.equal(runCliSync(['train', '--out', modelsDir, '--C', '0.5,1,2,3,4,5,6,7,8,9,10,11,12,13'], root).code, 0);
    const dir = mkdtempSync(join(root, 'tmpfs-'));
    const m = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=8k', 'tmpfs', dir], { encoding: 'utf8' });
    if (m.status === 0) disk = dir;
    else cannotMount = `cannot mount a small tmpfs here (needs root): ${(m.stderr || m.error?.message || '').trim()}`;
  });
  after(() => {
    if (disk !== undefined) spawnSync('umount', [disk]);
  });

  /** Runs the CLI with stdout into `file`; returns its status and stderr. */
  function intoFile(args: string[], file: string): { status: number | null; err: string } {
    const fd = openSync(file, 'w');
    try {
      const r = spawnSync(process.execPath, [cliPath(), ...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', fd, 'pipe'] });
      return { status: r.status, err: r.stderr };
    } finally {
      closeSync(fd);
    }
  }

  test('predict\'s labels (one write, 27 KB) into 8 KB: exit 1 and the full-disk line, not 0 with 910 of 3000 labels', (t) => {
    if (disk === undefined) return t.skip(cannotMount);
    const rows = join(root, 'rows.csv');
    writeFileSync(rows, ['sepal length (cm),sepal width (cm),petal length (cm),petal width (cm)', ...Array<string>(3000).fill('5.1,3.5,1.4,0.2'), ''].join('\n'));
    const out = join(disk, 'labels.txt');
    const r = intoFile(['predict', join(modelsDir, 'iris-C1-gscale-s2023'), '--data', rows], out);
    assert.equal(r.status, 1, r.err);
    assertSaysFullDisk(r.err, 'model-lab predict');
    assert.equal(statSync(out).size, 8192, 'the disk was filled: the labels that fitted are there');
    rmSync(out);
  });

  test('compare --json (8 KB) with 4 KB free: exit 1 and the full-disk line, not 0 with half the JSON', (t) => {
    if (disk === undefined) return t.skip(cannotMount);
    const whole = runCliSync(['compare', '--out', modelsDir, '--json'], root);
    assert.equal(whole.code, 0, whole.err);
    assert.ok(Buffer.byteLength(whole.out) > 4096, `${Buffer.byteLength(whole.out)} bytes`);
    const fill = join(disk, 'fill');
    writeFileSync(fill, Buffer.alloc(4096));
    const out = join(disk, 'compare.json');
    const r = intoFile(['compare', '--out', modelsDir, '--json'], out);
    assert.equal(r.status, 1, r.err);
    assertSaysFullDisk(r.err, 'model-lab compare');
    assert.equal(statSync(out).size, 4096);
    rmSync(out);
    rmSync(fill);
  });

  test('an output that fits is written whole, exit 0', (t) => {
    if (disk === undefined) return t.skip(cannotMount);
    const out = join(disk, 'labels.txt');
    const r = intoFile(['predict', join(modelsDir, 'iris-C1-gscale-s2023'), '--data', 'iris'], out);
    assert.equal(r.status, 0, r.err);
    assert.equal(r.err, '');
    assert.equal(readFileSync(out, 'utf8'), runCliSync(['predict', join(modelsDir, 'iris-C1-gscale-s2023'), '--data', 'iris'], root).out);
    rmSync(out);
  });
});
