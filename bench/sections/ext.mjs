// Part 3: extension activation inside a real extension host, bundle sizes and the .vsix size.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../lib/bundle.mjs';
import { beside, vscodeSessions } from './vscodeSession.mjs';
import { BUNDLES, buildMinified } from '../lib/productionBuild.mjs';

const kB = (bytes) => bytes / 1024;

/** Size of a minified build made here, so the number does not depend on how dist/ was last built. */
async function minifiedSize(b, tmpDir) {
  const outfile = join(tmpDir, 'min-' + b.out.replace(/\//g, '-'));
  const r = await buildMinified(b, outfile);
  if (!r.ok) return { status: r.reason.endsWith('missing') ? 'not measured' : 'failed', reason: r.reason };
  return { status: 'measured', value: kB(statSync(outfile).size), note: `largest: ${largestInputs(r.metafile)}` };
}

/** The three inputs that take the most bytes of the bundle, grouped by package (or src folder). */
function largestInputs(metafile) {
  const byGroup = new Map();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
      const group = m ? m[1] : path.split('/').slice(0, 2).join('/');
      byGroup.set(group, (byGroup.get(group) ?? 0) + bytesInOutput);
    }
  }
  return [...byGroup.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([g, bytes]) => `${g} ${kB(bytes).toFixed(0)} KiB`).join(', ');
}

function distSize(b) {
  const p = join(ROOT, b.out);
  if (!existsSync(p)) return { status: 'not measured', reason: `${b.out} missing (run npm run build)` };
  const minified = !/sourceMappingURL/.test(readFileSync(p, 'utf8').slice(-300));
  return { status: 'measured', value: kB(statSync(p).size), note: minified ? 'as built' : 'as built (dev build, not minified)' };
}

function vsixSize() {
  const named = join(ROOT, 'model-lab.vsix');
  const any = existsSync(named) ? named : readdirSync(ROOT).filter((f) => f.endsWith('.vsix')).map((f) => join(ROOT, f))[0];
  if (!any) return { status: 'not measured', reason: 'no .vsix in the project root (run npm run package)' };
  return { status: 'measured', value: kB(statSync(any).size), note: any.replace(ROOT + '/', '') };
}

export async function benchExt({ runs, sessions, tmpDir, log }) {
  const rows = [];
  const ui = await vscodeSessions({ sessions, tmpDir, log });
  rows.push({
    id: 'ext-activation',
    what: 'Extension activation (real extension host)',
    unit: 'ms',
    ours: ui.activation,
    // VS Code's floor: an extension of one tree row, activated by the same trigger (its view opened).
    ...beside(ui.activation, ui.referenceActivation, 'a one-row view\'s extension, same trigger'),
    target: '< 20 ms',
    targetValue: 20,
  });
  // Our own share of it, without what VS Code's clock holds before the require (lib/activationTimer.mjs).
  rows.push({
    id: 'ext-activation-own',
    what: 'Extension activation: its own require + activate(), timed inside the extension host',
    unit: 'ms',
    ours: ui.activationOwn,
    ...beside(ui.activationOwn, ui.referenceActivationOwn, 'the one-row view\'s extension, timed the same way'),
  });
  for (const b of BUNDLES) {
    rows.push({ id: `size-${b.out}`, what: `${b.out} size`, unit: 'KiB', ours: distSize(b) });
    rows.push({ id: `size-min-${b.out}`, what: `${b.out} size, minified build`, unit: 'KiB', ours: await minifiedSize(b, tmpDir) });
  }
  rows.push({ id: 'size-vsix', what: '.vsix size', unit: 'KiB', ours: vsixSize() });
  for (const r of rows) {
    if (r.targetValue !== undefined && r.ours.value !== undefined) r.met = r.ours.value < r.targetValue;
  }
  log(`ext: ${rows.map((r) => `${r.id}=${r.ours.value?.toFixed(1) ?? r.ours.status}`).join(', ')}`);
  return rows;
}
