// The extension's own share of its activation, timed inside the extension host: a small wrapper made
// the extension folder's "main" requires the real entry and calls its activate(), and appends both
// wall times (the require: compiling and running the bundle's top level; the activate() call) to a
// file beside it. VS Code's "Activation: N ms" (Running Extensions) starts its clock earlier, before an
// await of its own that precedes the require, and counts whatever the host runs until then: the
// one-row reference extension read 6–108 ms there in one run, where its own share was 2.9–12.3 ms.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const WRAPPER = 'bench-activation-timer.js';
const LOG = 'bench-activation-times.jsonl';

/** Makes `extensionDir`'s package.json start through the timing wrapper (the folder must be a copy). */
export function addActivationTimer(extensionDir) {
  const manifestPath = join(extensionDir, 'package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  if (manifest.main === `./${WRAPPER}`) return;
  writeFileSync(join(extensionDir, WRAPPER), `// Written by bench/lib/activationTimer.mjs: times the real entry's require and activate().
const { appendFileSync } = require('fs');
const { join } = require('path');
const started = performance.now();
const real = require(${JSON.stringify(manifest.main)});
const loadMs = performance.now() - started;
exports.activate = (context) => {
  const t = performance.now();
  const api = real.activate(context);
  const activateMs = performance.now() - t;
  appendFileSync(join(__dirname, ${JSON.stringify(LOG)}), JSON.stringify({ loadMs, activateMs }) + '\\n');
  return api;
};
exports.deactivate = () => real.deactivate?.();
`);
  writeFileSync(manifestPath, JSON.stringify({ ...manifest, main: `./${WRAPPER}` }, null, 2));
}

/** The number of activations timed so far in `extensionDir` (read before a session, pass to lastActivation). */
export function activationCount(extensionDir) {
  const log = join(extensionDir, LOG);
  return existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).length : 0;
}

/** The activation timed after the first `before` ones: { ms: require + activate(), loadMs, activateMs }, rounded to 0.1 ms. */
export function lastActivation(extensionDir, before) {
  const log = join(extensionDir, LOG);
  const lines = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
  if (lines.length <= before) throw new Error('the extension host did not run the timed activate()');
  const { loadMs, activateMs } = JSON.parse(lines[lines.length - 1]);
  const r = (x) => Math.round(x * 10) / 10;
  return { ms: r(loadMs + activateMs), loadMs: r(loadMs), activateMs: r(activateMs) };
}
