// Issue "durable writes": every write Model Lab reports done survives a power loss, and a replaced
// file is never missing. Recorded at the system calls nodeFileSystem makes (node:fs patched before it
// loads, real files underneath): a file's fsync comes before its rename into place, the folder that
// got the rename is fsynced after it; a model's temporary folder is fsynced before its rename and the
// models folder after; an export replaces each file with one rename (no unlink), both temporaries
// synced before the first rename. Temporary names are single (.NAME.tmp-OWNER-RANDOM), and a write of
// NAME removes only the exact temporaries of NAME whose writer is not running and which are old.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { FileSystem } from '../../../src/core/io/fileSystem';
import type * as NodeFileSystem from '../../../src/core/io/nodeFileSystem';
import type * as SaveModel from '../../../src/core/artifacts/saveModel';
import type * as PublishFiles from '../../../src/core/interop/publishFiles';
import type * as UnitFiles from '../../../src/core/experiments/tune/unitFiles';
import { currentOwner, ownerTag } from '../../../src/core/io/processOwner';
import { STALE_TEMP_MS } from '../../../src/core/io/tempNames';

type Fn = (...args: never[]) => unknown;
const nodeFs = createRequire(__filename)('node:fs') as Record<string, Fn>;
const calls: string[] = [];
const fdPaths = new Map<number, string>();
let root = '';
const rel = (p: unknown) => String(p).slice(root.length + 1);
let recording = false;

/** Wraps node:fs's `name` so that each call is recorded (with `describe`) and then made. */
function record(name: string, describe: (args: unknown[], result: unknown) => string | undefined): void {
  const real = nodeFs[name]!;
  nodeFs[name] = ((...args: unknown[]) => {
    const result = (real as (...a: unknown[]) => unknown)(...args);
    const line = recording ? describe(args, result) : undefined;
    if (line !== undefined) calls.push(line);
    return result;
  }) as Fn;
}
record('openSync', (args, fd) => { fdPaths.set(fd as number, String(args[0])); return undefined; });
record('fsync', (args) => `fsync ${rel(fdPaths.get(args[0] as number))}`);
record('renameSync', (args) => `rename ${rel(args[0])} ${rel(args[1])}`);
record('linkSync', (args) => `link ${rel(args[0])} ${rel(args[1])}`);
record('unlinkSync', (args) => `unlink ${rel(args[0])}`);

let fs: FileSystem;
let saveModel: typeof SaveModel.saveModel;
let publishFiles: typeof PublishFiles.publishFiles;
let writeWhole: typeof UnitFiles.writeWhole;
before(async () => {
  // Loaded after the patch: nodeFileSystem keeps the fsync it finds at load time.
  fs = ((await import('../../../src/core/io/nodeFileSystem')) as typeof NodeFileSystem).nodeFileSystem;
  saveModel = ((await import('../../../src/core/artifacts/saveModel')) as typeof SaveModel).saveModel;
  publishFiles = ((await import('../../../src/core/interop/publishFiles')) as typeof PublishFiles).publishFiles;
  writeWhole = ((await import('../../../src/core/experiments/tune/unitFiles')) as typeof UnitFiles).writeWhole;
  root = mkdtempSync(join(tmpdir(), 'model-lab-durable-'));
});
after(() => rmSync(root, { recursive: true, force: true }));

async function recorded(run: () => Promise<unknown>): Promise<string[]> {
  calls.length = 0;
  recording = true;
  try {
    await run();
  } finally {
    recording = false;
  }
  return calls.map((c) => c.replace(/\.tmp-[0-9a-z-]+/g, '.tmp-*'));
}

const TEMP = /^\.(.+)\.tmp-\d+-(\d+|x)-[0-9a-f]{8}-[0-9a-f]{12}$/;

test('writeFile: the temporary file is fsynced, renamed over the file, then its folder fsynced', async () => {
  mkdirSync(join(root, 'w'));
  writeFileSync(join(root, 'w', 'out.csv'), 'old\n');
  const seen = await recorded(() => fs.writeFile(join(root, 'w', 'out.csv'), new TextEncoder().encode('new\n')));
  assert.deepEqual(seen, ['fsync w/.out.csv.tmp-*', 'rename w/.out.csv.tmp-* w/out.csv', 'fsync w']);
  assert.equal(readFileSync(join(root, 'w', 'out.csv'), 'utf8'), 'new\n');
});

test('saveModel: every file fsynced before its rename, the temporary folder fsynced before its rename, the models folder after', async () => {
  const modelsDir = join(root, 'models');
  mkdirSync(modelsDir);
  const seen = await recorded(() => saveModel(fs, { modelsDir, name: 'm', files: { 'a.json': '{}\n', 'b.joblib': new Uint8Array([1, 2, 3]) }, manifest: {} as never }));
  const t = (s: string) => s.replace(/models\/\.tmp-\*/g, 'T');
  const steps = seen.map(t);
  for (const f of ['a.json', 'b.joblib', 'model.json']) {
    const synced = steps.indexOf(`fsync T/.${f}.tmp-*`);
    const renamed = steps.indexOf(`rename T/.${f}.tmp-* T/${f}`);
    assert.ok(synced >= 0 && renamed > synced, `${f} is fsynced before its rename: ${steps.join(', ')}`);
  }
  // The temporary folder's entries, then the publishing rename, then the models folder's entry.
  assert.deepEqual(steps.slice(-3), ['fsync T', 'rename T models/m', 'fsync models']);
  assert.deepEqual(readdirSync(join(modelsDir, 'm')).sort(), ['a.json', 'b.joblib', 'model.json']);
});

test('publishFiles replaces each existing file with one rename, both temporaries synced before the first, the folder after', async () => {
  const dir = join(root, 'export');
  mkdirSync(dir);
  writeFileSync(join(dir, 'scaler.joblib'), 'old scaler');
  writeFileSync(join(dir, 'classifier.joblib'), 'old classifier');
  const files = new Map([['scaler.joblib', new TextEncoder().encode('new scaler')], ['classifier.joblib', new TextEncoder().encode('new classifier')]]);
  const seen = await recorded(() => publishFiles(fs, { dir, files, doing: 'cannot write', choose: { option: 'out', text: 'choose another folder ({option} DIR)', settingText: 'another folder' } }));
  assert.deepEqual(seen, [
    'fsync export/.scaler.joblib.tmp-*', 'fsync export/.classifier.joblib.tmp-*',
    'rename export/.scaler.joblib.tmp-* export/scaler.joblib', 'rename export/.classifier.joblib.tmp-* export/classifier.joblib',
    'fsync export',
  ]);
  assert.deepEqual(readdirSync(dir).sort(), ['classifier.joblib', 'scaler.joblib'], 'no temporary is left');
  assert.equal(readFileSync(join(dir, 'classifier.joblib'), 'utf8'), 'new classifier');
});

test('a tune plan\'s file is written under one single temporary name, synced, then renamed (never over an existing file)', async () => {
  mkdirSync(join(root, 'plan'));
  const seen = await recorded(() => writeWhole(fs, join(root, 'plan', 'p.data.csv'), new TextEncoder().encode('x\n'), false));
  assert.deepEqual(seen, ['fsync plan/.p.data.csv.tmp-*', 'link plan/.p.data.csv.tmp-* plan/p.data.csv', 'unlink plan/.p.data.csv.tmp-*', 'fsync plan']);
  const [, , linked] = calls;
  assert.match(basename(linked!.split(' ')[1]!), TEMP, 'one temporary name, not a temporary of a temporary');
});

test('a write of X removes only X\'s own temporaries whose writer is not running here and that are old', async () => {
  const dir = join(root, 'leftovers');
  mkdirSync(dir);
  const me = currentOwner();
  const gone = ownerTag({ ...me, startTicks: (me.startTicks ?? 0) + 1 }); // our pid, another start time: ended
  const other = ownerTag({ ...me, host: '00000000' }); // another machine (or namespace): only age tells
  const names = {
    deadOld: `.x.csv.tmp-${gone}-0123456789ab`,
    otherHostOld: `.x.csv.tmp-${other}-0123456789ac`,
    deadFresh: `.x.csv.tmp-${gone}-0123456789ad`, // killed a moment ago, or live in another PID namespace
    mineOld: `.x.csv.tmp-${ownerTag(me)}-0123456789ae`, // a live writer (this process), unchanged long
    notesOld: '.x.csv.tmp-mynotes', // the user's
    olderReleaseOld: '.x.csv.0123456789ab.tmp', // not this release's name: left alone
    otherFileOld: `.y.csv.tmp-${gone}-0123456789af`, // another file's: its own write cleans it
  };
  const old = (Date.now() - STALE_TEMP_MS - 60_000) / 1000;
  for (const [key, n] of Object.entries(names)) {
    writeFileSync(join(dir, n), 'left');
    if (key.endsWith('Old')) utimesSync(join(dir, n), old, old);
  }
  await fs.writeFile(join(dir, 'x.csv'), new TextEncoder().encode('x\n'));
  const expected = Object.values(names).filter((n) => n !== names.deadOld && n !== names.otherHostOld).concat('x.csv').sort();
  assert.deepEqual(readdirSync(dir).sort(), expected);
});
