// Issue 12, "Interrupted saves", and the durable-writes issue: a save killed with SIGKILL leaves its
// .tmp-PID-TICKS-HOST-RANDOM folder. The next save removes it only when its owner is not running here
// AND nothing in it changed for STALE_TEMP_MS: a pid not found here may be a live save in another PID
// namespace (a container), so age decides. A live save's folder is never touched, however old, and no
// other ".tmp-*" name (the user's notes, a whole model kept as .tmp-old-experiments) ever is.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';
import type { FileSystem } from '../../../src/core/io/fileSystem';
import { removeStaleTempFolders, saveModel, STALE_TEMP_MS, TEMP_PREFIX } from '../../../src/core/artifacts/saveModel';
import { currentOwner, ownerTag } from '../../../src/core/io/processOwner';

let root: string;
const children: ChildProcess[] = [];
before(() => { root = mkdtempSync(join(tmpdir(), 'model-lab-interrupted-')); });
after(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

/** Starts a save that gets stuck after its files are written; resolves once they are. */
async function stuckSave(modelsDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'hangingSave.ts'), modelsDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d) => { if (String(d).includes('saving')) resolve(); });
    child.on('exit', (code) => reject(new Error(`the stuck save ended early (${code})`)));
  });
  return child;
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.on('close', () => resolve());
    child.kill('SIGKILL');
  });
}

const temps = (dir: string) => readdirSync(dir).filter((n) => n.startsWith(TEMP_PREFIX)).sort();
const save = () => removeStaleTempFolders(nodeFileSystem, join(root, 'models'));
const OLD = (Date.now() - STALE_TEMP_MS - 60_000) / 1000;

/** Makes a folder and everything in it look unchanged for longer than STALE_TEMP_MS. */
function age(dir: string): void {
  for (const n of readdirSync(dir)) utimesSync(join(dir, n), OLD, OLD);
  utimesSync(dir, OLD, OLD);
}

test('a SIGKILLed save\'s folder goes at a later save once unchanged for long; a live save\'s folder stays, however old', async () => {
  const modelsDir = join(root, 'models');
  const dead = await stuckSave(modelsDir);
  const live = await stuckSave(modelsDir);
  const [deadTemp] = temps(modelsDir).filter((n) => n.startsWith(`${TEMP_PREFIX}${dead.pid}-`));
  const [liveTemp] = temps(modelsDir).filter((n) => n.startsWith(`${TEMP_PREFIX}${live.pid}-`));
  assert.ok(deadTemp && liveTemp, `each save's folder names its owner: ${temps(modelsDir)}`);
  assert.deepEqual(readdirSync(join(modelsDir, deadTemp)).sort(), ['a.json', 'b.json'], 'the killed save had written its files');
  await killed(dead);

  // Seconds old: its owner is gone here, but it could be a live save in another PID namespace.
  assert.deepEqual(await save(), []);
  // Old folder, but a file inside changed recently: still not abandoned.
  utimesSync(join(modelsDir, deadTemp), OLD, OLD);
  assert.deepEqual(await save(), []);
  age(join(modelsDir, deadTemp));
  age(join(modelsDir, liveTemp));
  assert.deepEqual(await save(), [deadTemp]);
  assert.deepEqual(temps(modelsDir), [liveTemp], 'the live save\'s folder is never touched');

  await killed(live);
  assert.deepEqual(await save(), [liveTemp]);
  assert.deepEqual(temps(modelsDir), []);
});

test('only names a save makes are removed; a reused pid is not its owner; another host\'s by age alone', async () => {
  const modelsDir = join(root, 'judged');
  mkdirSync(modelsDir);
  const me = currentOwner();
  assert.ok(me.startTicks !== undefined, 'this platform has /proc (Linux)');
  const reused = `${TEMP_PREFIX}${ownerTag({ ...me, startTicks: me.startTicks! + 1 })}-0a0b0c0d`; // our pid, another start time
  const reusedFresh = `${TEMP_PREFIX}${ownerTag({ ...me, startTicks: me.startTicks! + 2 })}-0a0b0c0e`;
  const mine = `${TEMP_PREFIX}${ownerTag(me)}-01020304`; // a save of this very process
  const otherHost = `${TEMP_PREFIX}${ownerTag({ ...me, host: '00000000' })}-05060708`; // owner on another machine
  const withSubfolder = `${TEMP_PREFIX}${ownerTag({ ...me, startTicks: me.startTicks! + 3 })}-0a0b0c0f`; // a save makes no subfolder
  const legacy = `${TEMP_PREFIX}0123456789ab`; // Model Lab 0.1's random name: not this release's pattern
  const notes = `${TEMP_PREFIX}mynotes`;
  const experiments = `${TEMP_PREFIX}old-experiments`;
  for (const n of [reused, reusedFresh, mine, otherHost, withSubfolder, legacy, notes, experiments]) {
    mkdirSync(join(modelsDir, n));
    writeFileSync(join(modelsDir, n, 'notes.txt'), 'kept');
  }
  mkdirSync(join(modelsDir, experiments, 'iris-C1'));
  mkdirSync(join(modelsDir, withSubfolder, 'sub'));
  for (const n of [reused, mine, otherHost, withSubfolder, legacy, notes, experiments]) age(join(modelsDir, n));
  assert.deepEqual((await removeStaleTempFolders(nodeFileSystem, modelsDir)).sort(), [otherHost, reused].sort());
  assert.deepEqual(temps(modelsDir), [reusedFresh, mine, withSubfolder, legacy, notes, experiments].sort());
  assert.ok(existsSync(join(modelsDir, notes, 'notes.txt')) && existsSync(join(modelsDir, experiments, 'iris-C1')));
});

test('a save whose temporary folder is removed under it says so, not that the models folder cannot be created', async () => {
  const modelsDir = join(root, 'vanished');
  mkdirSync(modelsDir);
  // Another program deletes the live temporary folder before model.json is written.
  const fs: FileSystem = {
    ...nodeFileSystem,
    async writeFile(path, data, options) {
      if (path.endsWith('model.json')) rmSync(join(path, '..'), { recursive: true });
      return nodeFileSystem.writeFile(path, data, options);
    },
  };
  await assert.rejects(
    saveModel(fs, { modelsDir, name: 'm', files: { 'a.json': '{}\n' }, manifest: {} as never }),
    (e: Error) => /its temporary folder \.tmp-\S+ was removed by something else while the model was being written; nothing was saved/.test(e.message) && !/could not be created/.test(e.message),
  );
  assert.deepEqual(readdirSync(modelsDir), []);
});
