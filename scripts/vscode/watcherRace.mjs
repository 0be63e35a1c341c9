// Dev tool: VS Code's file watcher on Linux (@parcel/watcher over inotify, from the code-server that
// scripts/vscode installs) against the first model saved into a new models folder. Each trial makes
// `models/` and, after PAUSE ms, `models/.tmp-1/` with four files, renames it to `models/m0`, then
// edits `models/m0/classifier.json` and counts the trials where the watcher never reported the edit.
// With no pause it misses some (more on a busy machine); saveModel's pause (NEW_FOLDER_PAUSE_MS) is
// chosen from this. Usage: node scripts/vscode/watcherRace.mjs [trials=40] [pauseMs=0]
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ensureCodeServer } from './installCodeServer.mjs';

const trials = Number(process.argv[2] ?? 40);
const pauseMs = Number(process.argv[3] ?? 0);
const entry = await ensureCodeServer(); // …/code-server/out/node/entry.js
const watcher = createRequire(join(dirname(entry), '..', '..', 'lib', 'vscode', 'package.json'))('@parcel/watcher');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let missed = 0;
for (let i = 0; i < trials; i++) {
  const root = mkdtempSync(join(tmpdir(), 'model-lab-watcher-race-'));
  let events = [];
  const sub = await watcher.subscribe(root, (err, evs) => { if (!err) events.push(...evs); });
  await sleep(100);
  const models = join(root, 'models');
  mkdirSync(models);
  if (pauseMs > 0) await sleep(pauseMs);
  const temp = join(models, '.tmp-1');
  mkdirSync(temp);
  for (const f of ['model.json', 'scaler.json', 'classifier.json', 'data.csv']) writeFileSync(join(temp, f), 'x'.repeat(1000));
  renameSync(temp, join(models, 'm0'));
  await sleep(300);
  events = [];
  writeFileSync(join(models, 'm0', 'classifier.json'), 'y'.repeat(1001));
  await sleep(300);
  if (!events.some((e) => e.path === join(models, 'm0', 'classifier.json'))) missed++;
  await sub.unsubscribe();
  rmSync(root, { recursive: true, force: true });
}
console.log(`pause ${pauseMs} ms: the edit went unreported in ${missed} of ${trials} trials`);
