// Text from a repository reaches the terminal without its control characters: a model folder named
// "ok ESC]0;… BEL ESC]52;c;… BEL" set the window's title and wrote the clipboard when compare listed
// it; class names, a data path in model.json, a pickle's module, a plan line and a unit's result did
// the same through predict, compare, validate, tune-unit and tune --collect. They are shown as
// escapes (\x1b, \u009b) and bidi controls as ⟨U+202E⟩; --json keeps the values, as \u escapes.
// The bundled CLI in child processes, on real folders and files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliSync } from '../core/hardening/cliProcess';
import { sealManifest } from '../../src/core/artifacts/manifestSeal';
import { searchId } from '../../src/core/experiments/tune/unitTask';

let cwd: string;
before(() => {
  cwd = mkdtempSync(join(tmpdir(), 'model-lab-controls-'));
  const r = runCliSync(['train', '--name', 'base'], cwd);
  assert.equal(r.code, 0, r.err);
});
after(() => rmSync(cwd, { recursive: true, force: true }));

/** What a terminal would run: C0 controls but line feed, tab and CSV's \r\n, DEL, C1 controls; bidi controls. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /\r(?!\n)|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

function assertNoControls(text: string, what: string): void {
  const at = text.search(UNSAFE);
  assert.equal(at, -1, `${what} holds U+${text.codePointAt(at)?.toString(16).padStart(4, '0')} at ${at}: ${JSON.stringify(text.slice(Math.max(0, at - 40), at + 40))}`);
}

function modelLab(args: string[], dir = cwd) {
  const r = runCliSync(args, dir);
  assertNoControls(r.out, `stdout of ${args.join(' ')}`);
  assertNoControls(r.err, `stderr of ${args.join(' ')}`);
  return r;
}

const TITLE_AND_CLIPBOARD = 'ok\x1b]0;HACKED-TITLE\x07\x1b]52;c;ZWNobyBvd25lZA==\x07';

/** A copy of models/base with model.json edited by `edit` and sealed again, as a crafted repository holds it. */
function plantedModel(folder: string, edit: (m: any) => void): string {
  const dir = join(cwd, 'models', folder);
  cpSync(join(cwd, 'models', 'base'), dir, { recursive: true });
  const m = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
  edit(m);
  writeFileSync(join(dir, 'model.json'), JSON.stringify(sealManifest(m), null, 2) + '\n');
  return dir;
}

test('compare: a folder name and a data path holding terminal sequences are shown as escapes; --json keeps them', () => {
  cpSync(join(cwd, 'models', 'base'), join(cwd, 'models', TITLE_AND_CLIPBOARD), { recursive: true });
  plantedModel('csi', (m) => { m.data.path = 'iris\u009b2J\u202etxt\x7f'; });
  const r = modelLab(['compare']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^\* {2}'ok\\x1b\]0;HACKED-TITLE\\x07\\x1b\]52;c;ZWNobyBvd25lZA==\\x07' {2}/m);
  // CSV on stdout keeps its \r\n line ends; the cells show the controls escaped.
  const csv = modelLab(['compare', '--csv', '-']);
  assert.equal(csv.code, 0, csv.err);
  assert.ok(csv.out.split('\r\n').some((row) => row.startsWith('ok\\x1b]0;HACKED-TITLE\\x07')), csv.out);
  assert.ok(csv.out.endsWith('\r\n') && !csv.out.replace(/\r\n/g, '').includes('\r'));
  const json = modelLab(['compare', '--json']);
  const listed = JSON.parse(json.out);
  assert.deepEqual(listed.models.map((m: any) => m.name).sort(), ['base', 'csi', TITLE_AND_CLIPBOARD].sort());
  assert.equal(listed.models.find((m: any) => m.name === 'csi').dataPath, 'iris\u009b2J\u202etxt\x7f');
  assert.match(json.out, /"iris\\u009b2J\\u202etxt\\u007f"/);
  rmSync(join(cwd, 'models', TITLE_AND_CLIPBOARD), { recursive: true });
  rmSync(join(cwd, 'models', 'csi'), { recursive: true });
});

test('predict: class names from model.json are printed visibly; --json gives the same names', () => {
  const dir = plantedModel('named', (m) => { m.classNames = ['set\x1b]52;c;ZWNobyBvd25lZA==\x07osa', 'vers\u009b2Jicolor', 'virg\u202einica']; });
  const r = modelLab(['predict', dir, '--data', 'iris']);
  assert.equal(r.code, 0, r.err);
  const names = new Set(r.out.split('\n').filter((l) => l.includes('\t')).map((l) => l.split('\t')[1]));
  assert.deepEqual([...names].sort(), ["'set\\x1b]52;c;ZWNobyBvd25lZA==\\x07osa'", "'vers\\x9b2Jicolor'", "'virg\\u202einica'"]);
  const json = modelLab(['predict', dir, '--data', 'iris', '--json']);
  assert.deepEqual([...new Set(JSON.parse(json.out).names)].sort(), ['set\x1b]52;c;ZWNobyBvd25lZA==\x07osa', 'vers\u009b2Jicolor', 'virg\u202einica']);
  rmSync(dir, { recursive: true });
});

test('validate and import of a pickle calling a module named with ESC: the refusal quotes it, escaped', () => {
  const file = join(cwd, 'hostile.joblib');
  writeFileSync(file, Buffer.from('\x80\x04c\x1b]52;c;ZWNobyBvd25lZA==\x07os\nsystem\n.', 'latin1'));
  for (const args of [['validate', file], ['import', file, '--out', 'imported']]) {
    const r = modelLab(args);
    assert.equal(r.code, 1, r.err);
    assert.match(r.err, /it asks to call "\\x1b\]52;c;ZWNobyBvd25lZA==\\x07os\.system", which is not on Model Lab's allow-list/);
  }
});

test('tune-unit: a plan line whose data path and target hold ESC is refused in one visible line', () => {
  const dir = join(cwd, 'plan');
  mkdirSync(dir);
  assert.equal(modelLab(['tune', '--C', '0.1,1', '--cv', '2', '--plan', 'plan.jsonl'], dir).code, 0);
  const lines = readFileSync(join(dir, 'plan.jsonl'), 'utf8').split('\n');
  const task = JSON.parse(lines[0]!);
  task.spec.data.path = join(dir, 'gone\x1b[2J.csv');
  task.spec.data.target = 'target\x1b]0;T\x07';
  task.search = searchId(task.spec);
  writeFileSync(join(dir, 'planted.jsonl'), JSON.stringify(task) + '\n');
  const r = modelLab(['tune-unit', '--plan', 'planted.jsonl', '--index', '0', '--out', 'results'], dir);
  assert.equal(r.code, 1, r.err);
  assert.match(r.err, /^model-lab tune-unit: .*gone\\x1b\[2J\.csv/);
  assert.equal(r.err.split('\n').length, 2, r.err);
});

test('tune --collect: a unit\'s failure holding ESC and C1 controls is shown visibly in the warning', () => {
  const dir = join(cwd, 'collect');
  mkdirSync(dir);
  assert.equal(modelLab(['tune', '--C', '0.1,1', '--cv', '2', '--plan', 'plan.jsonl'], dir).code, 0);
  for (let i = 0; i < 4; i++) assert.equal(modelLab(['tune-unit', '--plan', 'plan.jsonl', '--index', String(i), '--out', 'results'], dir).code, 0);
  const first = join(dir, 'results', readdirSync(join(dir, 'results')).sort()[0]!);
  const result = JSON.parse(readFileSync(first, 'utf8'));
  result.outcome = { error: 'boom\x1b]52;c;ZWNobyBvd25lZA==\x07\u009b2J' };
  writeFileSync(first, JSON.stringify(result));
  const r = modelLab(['tune', '--collect', 'results', '--out', 'models', '--name', 'tuned'], dir);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /boom\\x1b\]52;c;ZWNobyBvd25lZA==\\x07\\u009b2J/);
});
