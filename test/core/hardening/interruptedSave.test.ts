// Issue 12, "Interrupted saves": a save killed with SIGKILL leaves its .tmp-* folder; the next save
// removes it at once — its name records the owner (pid, start time from /proc, host) and that
// process is gone — and never touches the temporary folder of a save that is still running. The
// 10-minute age rule remains only for folders whose owner cannot be judged.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';
import { removeStaleTempFolders, STALE_TEMP_MS, TEMP_PREFIX } from '../../../src/core/artifacts/saveModel';
import { currentOwner, ownerTag } from '../../../src/core/io/processOwner';

let root: string;
const children: ChildProcess[] = [];
before(() => { root = mkdtempSync(join(tmpdir(), 'model-lab-interrupted-')); });
after(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

/** Starts a save that gets stuck after its temporary folder is made; resolves once it is. */
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

test('a SIGKILLed save\'s folder goes at the next save; a live save\'s folder stays until its process ends', async () => {
  const modelsDir = join(root, 'models');
  const dead = await stuckSave(modelsDir);
  const live = await stuckSave(modelsDir);
  const [deadTemp] = temps(modelsDir).filter((n) => n.startsWith(`${TEMP_PREFIX}${dead.pid}-`));
  const [liveTemp] = temps(modelsDir).filter((n) => n.startsWith(`${TEMP_PREFIX}${live.pid}-`));
  assert.ok(deadTemp && liveTemp, `each save's folder names its owner: ${temps(modelsDir)}`);
  assert.deepEqual(readdirSync(join(modelsDir, deadTemp)), ['a.json'], 'the killed save had written a file');
  await killed(dead);

  // Seconds old, far below the 10-minute age rule: only the owner record can tell it is dead.
  assert.deepEqual(await save(), [deadTemp]);
  assert.deepEqual(temps(modelsDir), [liveTemp], 'the live save\'s folder is never touched');

  await killed(live);
  assert.deepEqual(await save(), [liveTemp]);
  assert.deepEqual(temps(modelsDir), []);
});

test('a reused pid is not mistaken for the owner; an owner that cannot be judged falls back to the age rule', async () => {
  const modelsDir = join(root, 'judged');
  mkdirSync(modelsDir);
  const me = currentOwner();
  assert.ok(me.startTicks !== undefined, 'this platform has /proc (Linux)');
  const reused = `${TEMP_PREFIX}${ownerTag({ ...me, startTicks: me.startTicks! + 1 })}-0a0b0c0d`; // our pid, another start time
  const mine = `${TEMP_PREFIX}${ownerTag(me)}-01020304`; // a save of this very process
  const otherHost = `${TEMP_PREFIX}${ownerTag({ ...me, host: '00000000' })}-05060708`; // owner on another machine
  const legacy = `${TEMP_PREFIX}abcdef123456`; // Model Lab 0.1's random name
  const legacyOld = `${TEMP_PREFIX}0123456789ab`;
  for (const n of [reused, mine, otherHost, legacy, legacyOld]) mkdirSync(join(modelsDir, n));
  const old = (Date.now() - STALE_TEMP_MS - 60_000) / 1000;
  utimesSync(join(modelsDir, legacyOld), old, old);
  assert.deepEqual((await removeStaleTempFolders(nodeFileSystem, modelsDir)).sort(), [legacyOld, reused].sort());
  assert.deepEqual(temps(modelsDir), [mine, otherHost, legacy].sort());
  assert.ok(existsSync(join(modelsDir, mine)));
});
