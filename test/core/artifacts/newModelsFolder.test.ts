// The first model saved into a new models folder: each new folder is made on its own and nothing is
// made inside it for NEW_FOLDER_PAUSE_MS, so that a file watcher (VS Code's @parcel/watcher on
// inotify) has seen it and watches what comes into it; a folder made inside a new one at once was
// never watched, and the model's files edited later never showed as changed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { NEW_FOLDER_PAUSE_MS, TEMP_PREFIX } from '../../../src/core/artifacts/saveModel';
import { train } from '../../../src/core/usecases/train';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';
import type { FileSystem } from '../../../src/core/io/fileSystem';
import type { UserErrorDetail } from '../../../src/core/types';

/** nodeFileSystem, recording when each folder was first asked for (again for one that is there is a no-op). */
function recordingFs(made: { path: string; at: number }[]): FileSystem {
  return {
    ...nodeFileSystem,
    mkdir: async (path) => {
      if (!made.some((m) => m.path === path)) made.push({ path, at: performance.now() });
      await nodeFileSystem.mkdir(path);
    },
  };
}

const trainInto = (modelsDir: string, fs: FileSystem) => train({
  data: { kind: 'iris' }, layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 },
  kernel: 'rbf', C: 1, gamma: 'scale', degree: 3, coef0: 0, target: 'target', drop: [], modelsDir, name: 'first',
}, fs, {});

test('a new models folder (and each new folder above it) is made alone, and the model goes in after the pause', async () => {
  const root = mkdtempSync(join(tmpdir(), 'model-lab-new-models-'));
  try {
    const made: { path: string; at: number }[] = [];
    const r = await trainInto(join(root, 'out', 'models'), recordingFs(made));
    const folders = made.map((m) => m.path.replace(root, '').replace(/\.tmp-.*/, TEMP_PREFIX));
    assert.deepEqual(folders.slice(0, 3), ['/out', '/out/models', `/out/models/${TEMP_PREFIX}`]);
    for (let i = 1; i < 3; i++) {
      const gap = made[i]!.at - made[i - 1]!.at;
      assert.ok(gap >= NEW_FOLDER_PAUSE_MS - 1, `${folders[i]} made ${gap.toFixed(1)} ms after ${folders[i - 1]}`);
    }
    assert.equal(r.name, 'first');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a models folder that is there already is used at once: no folder made but the model\'s', async () => {
  const root = mkdtempSync(join(tmpdir(), 'model-lab-new-models-'));
  try {
    await trainInto(join(root, 'models'), nodeFileSystem);
    const made: { path: string; at: number }[] = [];
    await trainInto(join(root, 'models'), recordingFs(made));
    const folders = made.map((m) => m.path.replace(root, '').replace(/\.tmp-.*/, TEMP_PREFIX));
    assert.deepEqual(folders.filter((f) => f !== '/models'), [`/models/${TEMP_PREFIX}`]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('train makes the new models folder before it fits (its pause passes during the fit), and removes the folders it made when it saves nothing', async () => {
  const root = mkdtempSync(join(tmpdir(), 'model-lab-new-models-'));
  try {
    const events: string[] = [];
    const fs: FileSystem = { ...nodeFileSystem, mkdir: async (path) => { events.push(`mkdir ${path.replace(root, '').replace(/\.tmp-.*/, TEMP_PREFIX)}`); await nodeFileSystem.mkdir(path); } };
    const options = {
      data: { kind: 'iris' as const }, layout: 'separate' as const, seed: 2023, trainSize: { kind: 'fraction' as const, value: 0.8 },
      kernel: 'rbf' as const, C: 1, gamma: 'scale' as const, degree: 3, coef0: 0, target: 'target', drop: [], modelsDir: join(root, 'out', 'models'), name: 'first',
    };
    await train(options, fs, { progress: { report: (step) => { if (step.startsWith('Fitting')) events.push('fitting'); } } });
    // (the save asks for out/models again: a no-op for a folder that is there)
    assert.deepEqual(events.filter((e, i) => events.indexOf(e) === i), ['mkdir /out', 'mkdir /out/models', 'fitting', `mkdir /out/models/${TEMP_PREFIX}`]);
    // Cancelled during the fit: neither out/ nor out/models stays.
    rmSync(join(root, 'out'), { recursive: true });
    const controller = new AbortController();
    await assert.rejects(train(options, nodeFileSystem, { signal: controller.signal, progress: { report: (step) => { if (step.startsWith('Fitting')) controller.abort(); } } }));
    assert.deepEqual(readdirSync(root), []);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a models folder the disk refuses to make is refused before the fit, as the save would refuse it, and leaves nothing', async () => {
  const root = mkdtempSync(join(tmpdir(), 'model-lab-new-models-'));
  try {
    // out/ is made, out/models refused (EACCES): out/ goes again, and nothing was fitted.
    const fs: FileSystem = {
      ...nodeFileSystem,
      mkdir: async (path) => {
        if (path.endsWith('models')) throw Object.assign(new Error(`EACCES: permission denied, mkdir '${path}'`), { code: 'EACCES' });
        await nodeFileSystem.mkdir(path);
      },
    };
    const steps: string[] = [];
    await assert.rejects(train({
      data: { kind: 'iris' }, layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 },
      kernel: 'rbf', C: 1, gamma: 'scale', degree: 3, coef0: 0, target: 'target', drop: [], modelsDir: join(root, 'out', 'models'), name: 'first',
    }, fs, { progress: { report: (s) => steps.push(s) } }), (e: Error) => /out\/models: cannot save the model in this models folder — .*permission/.test(e.message));
    assert.ok(!steps.some((s) => s.startsWith('Fitting')), steps.join(', '));
    assert.deepEqual(readdirSync(root), []);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a models folder that cannot be created there (/proc/…) is named, with the way to choose another (--out)', async () => {
  // It said "— it does not exist; check the path", which names no option (VS Code offered no Open Settings).
  await assert.rejects(trainInto('/proc/model-lab-nope', nodeFileSystem), (e: Error & { detail?: UserErrorDetail }) => {
    assert.equal(e.message, '/proc/model-lab-nope: cannot save the model in this models folder — it does not exist and could not be created; check the path, or choose another models folder (--out)');
    assert.equal(e.detail?.remedy?.option, 'out');
    return true;
  });
});
