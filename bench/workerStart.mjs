// A worker thread's start — until dist/poolWorker.js has loaded and answers — in a fresh process
// whose V8 flags are as node started them, against one where a flag was changed and left so, and
// one where it was changed and put back (what scopedV8Flags.ts does). Node refuses the code it has
// cached for its own modules when V8's flags differ from those it started with, so a changed flag
// makes every later load compile from source. Side by side, alternating, medians.
// Usage: node bench/workerStart.mjs [runs] (after npm run build)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lib/bundle.mjs';

const runs = Number(process.argv[2] ?? 9);
const worker = join(ROOT, 'dist', 'poolWorker.js');
if (!existsSync(worker)) {
  console.error('dist/poolWorker.js missing: run npm run build');
  process.exit(1);
}

/** The child: changes the flags as told, starts one worker thread, prints the ms until it answered. */
const child = `
const { setFlagsFromString } = require('node:v8');
const { Worker } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
const mode = process.argv[1];
if (mode !== 'as started') setFlagsFromString('--experimental-wasm-relaxed-simd');
if (mode === 'changed and put back') setFlagsFromString('--no-experimental-wasm-relaxed-simd');
const t0 = performance.now();
const w = new Worker("require(" + JSON.stringify(${JSON.stringify(worker)}) + "); require('node:worker_threads').parentPort.postMessage(0)", { eval: true });
w.once('message', () => { process.stdout.write(String(performance.now() - t0)); void w.terminate(); });
`;

const modes = ['as started', 'changed and left', 'changed and put back'];
const times = new Map(modes.map((m) => [m, []]));
for (let i = 0; i < runs; i++) {
  for (const mode of modes) {
    const r = spawnSync(process.execPath, ['-e', child, mode], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${mode}: ${r.stderr}`);
    times.get(mode).push(Number(r.stdout));
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = median(times.get('as started'));
console.log(`worker thread start (loads dist/poolWorker.js), ${runs} alternating runs, median ms`);
for (const mode of modes) {
  const m = median(times.get(mode));
  console.log(`${mode.padEnd(22)} ${m.toFixed(1).padStart(6)} ms  ${(m / base).toFixed(2)}×  (${times.get(mode).map((t) => t.toFixed(0)).join(', ')})`);
}
