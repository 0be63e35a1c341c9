// CPU profiles that guide optimisation. Prints the top self-time functions with their source file
// and saves the .cpuprofile under bench/results/ (open it in Chrome DevTools or VS Code).
// Usage: node bench/profile.mjs [svc [n] | list] [--top K]
//   svc [n]  Model Lab's SVC fit + predict on the iris-like data (default n = 5,000)
//   list     the core's listModels over 1,000 saved models
import { mkdtempSync, readdirSync, readFileSync, rmSync, copyFileSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleEntry, ROOT } from './lib/bundle.mjs';
import { writeIrisLikeCsv } from './lib/irisLike.mjs';
import { makeModelsFolder } from './sections/models.mjs';

const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const top = topAt >= 0 ? Number(args.splice(topAt, 2)[1]) : 10;
const mode = args[0] ?? 'svc';
if (mode !== 'svc' && mode !== 'list') {
  console.error('usage: node bench/profile.mjs [svc [n] | list] [--top K]');
  process.exit(2);
}
const n = Number(args[1] ?? 5000);
const tmpDir = mkdtempSync(join(tmpdir(), 'model-lab-profile-'));

/** esbuild starts each module with a "// path/to/file.ts" comment: maps bundle lines back to files. */
function sourceMapper(bundleFile) {
  const starts = [];
  readFileSync(bundleFile, 'utf8').split('\n').forEach((line, i) => {
    const m = /^\/\/ (\S+\.(?:ts|js|mjs|cjs|json))$/.exec(line);
    if (m) starts.push([i, m[1].replace(/^(\.\.\/)+/, '')]);
  });
  return (url, line) => {
    if (url.startsWith('wasm://')) return 'svm.wasm (src/core/svm/wasm)';
    if (!url.endsWith('.cjs')) return url ? url.replace(/^.*\//, '') : '(native)';
    let src = '(bundle)';
    for (const [start, path] of starts) if (start <= line) src = path;
    return src;
  };
}

function selfTimes(profile, sourceOf) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map();
  let totalMs = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const key = `${functionName || '(anonymous)'}\t${sourceOf(url, lineNumber)}`;
    selfMs.set(key, (selfMs.get(key) ?? 0) + ms);
    totalMs += ms;
  });
  return { rows: [...selfMs.entries()].sort((a, b) => b[1] - a[1]), totalMs };
}

try {
  const entry = mode === 'svc' ? 'bench/entries/svcFitPredict.ts' : 'bench/entries/listModels.ts';
  const bundled = await bundleEntry(entry, tmpDir);
  if (!bundled.ok) throw new Error(bundled.reason);
  let input;
  if (mode === 'svc') input = writeIrisLikeCsv(tmpDir, n);
  else {
    const folder = await makeModelsFolder(tmpDir);
    if (!folder.ok) throw new Error(folder.reason);
    input = folder.modelsDir;
  }
  const profDir = join(tmpDir, 'prof');
  const r = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-interval', '50', '--cpu-prof-dir', profDir, bundled.file, input], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`profiled run failed: ${r.stderr.trim().split('\n').slice(0, 5).join(' | ')}`);
  const result = JSON.parse(r.stdout.trim().split('\n').pop());
  const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
  const saved = `bench/results/${mode === 'svc' ? `svc-fit-${n}` : 'list-models-1000'}.cpuprofile`;
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  copyFileSync(join(profDir, file), join(ROOT, saved));

  const { rows, totalMs } = selfTimes(JSON.parse(readFileSync(join(profDir, file), 'utf8')), sourceMapper(bundled.file));
  const title = mode === 'svc' ? `SVC fit + predict at n = ${n.toLocaleString('en')}` : 'listModels over 1,000 saved models';
  const measured = mode === 'svc'
    ? `fit ${result.fitSeconds.toFixed(3)} s, predict ${result.predictSeconds.toFixed(3)} s`
    : `listing ${result.ms.toFixed(0)} ms (${result.count} models)`;
  console.log(`# CPU profile: ${title}\n`);
  console.log(`${measured} under the profiler; ${(totalMs / 1000).toFixed(3)} s sampled in the whole process; saved as ${saved}\n`);
  console.log('| # | function | file | self ms | share |\n|---:|---|---|---:|---:|');
  rows.slice(0, top).forEach(([key, ms], i) => {
    const [fn, src] = key.split('\t');
    console.log(`| ${i + 1} | ${fn} | ${src} | ${ms.toFixed(1)} | ${((100 * ms) / totalMs).toFixed(1)}% |`);
  });
} finally {
  rmSync(tmpDir, { recursive: true, force: true });
}
