// Part: a sweep of 8 models (`model-lab train --C 0.1,1,10,100 --gamma scale,auto`) on 4,000
// iris-like rows, --jobs 2 against --jobs 1 (worker threads against this thread), run by run
// alternating: whole process, in-process with the pool's start included, and warm (a second sweep on a
// running pool, as in a long-lived extension host); whether the model files are byte-identical; the
// same sweep on 1,000 rows without --jobs against --jobs 1 (the default must not lose). Then memory:
// a sweep's peak RSS on 2 workers against 2 × one model's peak plus the data, at 4,000 and 20,000 rows.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeIrisLikeCsvWithHeader } from '../lib/irisLike.mjs';
import { bundleEntry, ROOT } from '../lib/bundle.mjs';
import { runMeasured, median, failureReason } from '../lib/processes.mjs';
import { jobsRow, runTogether, summarize } from '../lib/jobsRow.mjs';

const C_LIST = '0.1,1,10,100';
const GAMMA_LIST = 'scale,auto';
const MODELS = 8;
const ROWS = 4000;
/** The memory rows: a sweep whose models' working memory (the kernel cache) outweighs a thread's own. */
const MEMORY_ROWS = 20000;
const MEMORY_C_LIST = '0.1,1,10,100';
const MEMORY_GAMMA_LIST = 'scale';
/** Threads of the parallel rows: this machine's 2 cores. */
const JOBS = 2;
/** Issue 17's target for an 8-model sweep on 4,000 rows: --jobs N at least this much faster than --jobs 1. */
const PARALLEL_TARGET = 1.6;
/** The default --jobs row: a sweep that threads do not speed up, which without --jobs stays in one thread. */
const DEFAULT_ROWS = 1000;
/** Without --jobs no slower than --jobs 1, within the noise of two whole-process runs of the same work. */
const DEFAULT_TARGET = 1.1;
const MB = 1024;

/**
 * Every file of every model folder, for comparing two sweeps: model.json without its two timestamps
 * and without manifestSha256, the hash of model.json that covers them (as test/cli/sweepJobs.test.ts).
 */
function folderContents(modelsDir) {
  const out = {};
  for (const model of readdirSync(modelsDir).sort()) {
    for (const file of readdirSync(join(modelsDir, model)).sort()) {
      const text = readFileSync(join(modelsDir, model, file), 'utf8');
      out[`${model}/${file}`] = file === 'model.json' ? text.replace(/"(created|readAt|manifestSha256)": "[^"]*"/g, '') : text;
    }
  }
  return out;
}

function sameFolders(a, b) {
  if (!a || !b) return 'not compared';
  const x = folderContents(a);
  const y = folderContents(b);
  const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
  const differ = [...keys].filter((k) => x[k] !== y[k]);
  return differ.length === 0 ? `model files byte-identical on 1 and ${JOBS} threads (${Object.keys(x).length} files)` : `model files DIFFER: ${differ.slice(0, 3).join(', ')}`;
}

const speedRow = (id, what, one, many, reason, together) => jobsRow({ id, what, one, many, reason, jobs: JOBS, target: PARALLEL_TARGET, together });

async function measureSpeed({ runs, tmpDir, entry, worker, cli, data, log }) {
  const whole = { 1: [], [JOBS]: [] };
  const inProcess = { 1: [], [JOBS]: [] };
  const warmed = { 1: [], [JOBS]: [] };
  const folders = {};
  // The machine's ceiling (jobsRow.mjs): the --jobs 1 runs as JOBS processes at once.
  const together = { fresh: [], warm: [] };
  for (let i = 0; i < runs; i++) {
    if (entry.ok && worker.ok) {
      const args = [entry.file, data, C_LIST, GAMMA_LIST];
      together.fresh.push(...await runTogether(JOBS, () => runMeasured(process.execPath, [...args, mkdtempSync(join(tmpDir, 'sweep-in-')) + '/m', '1', worker.file], { tmpDir, timeoutMs: 600_000 })));
      together.warm.push(...await runTogether(JOBS, () => runMeasured(process.execPath, [...args, mkdtempSync(join(tmpDir, 'sweep-warm-')) + '/m', '1', worker.file, 'warm'], { tmpDir, timeoutMs: 600_000 })));
    }
    for (const jobs of [1, JOBS]) {
      if (cli) {
        const out = mkdtempSync(join(tmpDir, `sweep-cli-${jobs}-`));
        const r = await runMeasured(process.execPath, [cli, 'train', '--data', data, '--C', C_LIST, '--gamma', GAMMA_LIST, '--jobs', String(jobs), '--json', '--out', out], { cwd: ROOT, tmpDir, timeoutMs: 600_000 });
        whole[jobs].push(r);
        if (r.ok) folders[jobs] ??= out;
      }
      if (entry.ok && worker.ok) {
        const args = [entry.file, data, C_LIST, GAMMA_LIST];
        inProcess[jobs].push(await runMeasured(process.execPath, [...args, mkdtempSync(join(tmpDir, 'sweep-in-')) + '/m', String(jobs), worker.file], { tmpDir, timeoutMs: 600_000 }));
        warmed[jobs].push(await runMeasured(process.execPath, [...args, mkdtempSync(join(tmpDir, 'sweep-warm-')) + '/m', String(jobs), worker.file, 'warm'], { tmpDir, timeoutMs: 600_000 }));
      }
    }
  }
  const same = sameFolders(folders[1], folders[JOBS]);
  const label = `${MODELS} models on ${ROWS.toLocaleString('en')} rows`;
  const missing = entry.ok && worker.ok ? undefined : (entry.reason ?? worker.reason);
  const rows = [
    speedRow('sweep-jobs-process', `sweep of ${label}, --jobs ${JOBS}, whole process`, whole[1], whole[JOBS], cli ? undefined : 'dist/cli.js missing (run npm run build)'),
    speedRow('sweep-jobs-inprocess', `sweep of ${label}, --jobs ${JOBS}, in-process (pool start included)`, inProcess[1], inProcess[JOBS], missing, together.fresh),
    speedRow('sweep-jobs-warm', `sweep of ${label}, --jobs ${JOBS}, in-process, second sweep on a running pool (warm)`, warmed[1], warmed[JOBS], missing, together.warm),
  ];
  rows[0].note = [rows[0].note, same].filter(Boolean).join('; ');
  log(`sweep jobs: ${rows.map((r) => r.note).join(' | ')}`);
  return rows;
}

/**
 * The same sweep on 1,000 rows without --jobs (the number of cores, but threads only where they pay,
 * sweepRunner.ts's MIN_SWEEP_WORK_FOR_THREADS) against --jobs 1, whole process, run by run alternating.
 */
async function measureDefault({ runs, tmpDir, cli, data, log }) {
  const what = `sweep of ${MODELS} models on ${DEFAULT_ROWS.toLocaleString('en')} rows without --jobs (default), whole process`;
  const row = { id: 'sweep-default-jobs', what, unit: 's', theirsLabel: '--jobs 1', target: `no slower than --jobs 1 (ratio ≤ ${DEFAULT_TARGET})` };
  if (!cli) return { ...row, ours: { status: 'not measured', reason: 'dist/cli.js missing (run npm run build)' } };
  const done = { default: [], 1: [] };
  for (let i = 0; i < runs; i++) {
    for (const jobs of ['default', 1]) {
      const out = mkdtempSync(join(tmpDir, `sweep-default-${jobs}-`));
      const flag = jobs === 'default' ? [] : ['--jobs', '1'];
      done[jobs].push(await runMeasured(process.execPath, [cli, 'train', '--data', data, '--C', C_LIST, '--gamma', GAMMA_LIST, ...flag, '--json', '--out', out], { cwd: ROOT, tmpDir, timeoutMs: 600_000 }));
    }
  }
  const ours = summarize(done.default, (r) => r.wallSeconds);
  const theirs = summarize(done[1], (r) => r.wallSeconds);
  const ratio = ours.seconds && theirs.seconds ? ours.seconds / theirs.seconds : undefined;
  log(`sweep default jobs: ${ours.seconds?.toFixed(3)} s against ${theirs.seconds?.toFixed(3)} s with --jobs 1`);
  return { ...row, ours, theirs, ratio, met: ratio === undefined ? undefined : ratio <= DEFAULT_TARGET };
}

/**
 * Peak RSS (VmHWM) of the in-process entry at three points: at start, with the data read, at the
 * end. One model's peak: the --jobs 1 sweep's end minus its data point (the models run one at a
 * time). The limit for N workers: N × that plus the data in memory (data point minus start).
 */
async function measureMemory({ runs, tmpDir, entry, worker, data, rows, cList, gammaList, log }) {
  const what = `sweep of ${cList.split(',').length * gammaList.split(',').length} models on ${rows.toLocaleString('en')} rows, --jobs ${JOBS}: peak memory above the process with its data`;
  const row = { id: `sweep-memory-${rows}`, what, unit: 'MB', target: `≤ ${JOBS} × one model's peak + the data` };
  if (!entry.ok || !worker.ok) return { ...row, ours: { status: 'not measured', reason: entry.reason ?? worker.reason } };
  const done = { 1: [], [JOBS]: [] };
  for (let i = 0; i < runs; i++) {
    for (const jobs of [1, JOBS]) {
      done[jobs].push(await runMeasured(process.execPath, [entry.file, data, cList, gammaList, mkdtempSync(join(tmpDir, 'sweep-mem-')) + '/m', String(jobs), worker.file], { tmpDir, timeoutMs: 600_000 }));
    }
  }
  const ok = (list) => list.filter((r) => r.ok && r.result?.vmHwmKB);
  if (ok(done[1]).length === 0 || ok(done[JOBS]).length === 0) return { ...row, ours: { status: 'failed', reason: failureReason([...done[1], ...done[JOBS]].find((r) => !r.ok) ?? done[1][0]) } };
  const m = (list, f) => median(ok(list).map((r) => f(r.result) / MB));
  const start = m(done[1], (r) => r.startRssKB);
  const dataMB = m(done[1], (r) => r.dataRssKB - r.startRssKB);
  const oneModel = m(done[1], (r) => r.vmHwmKB - r.dataRssKB);
  const many = m(done[JOBS], (r) => r.vmHwmKB - r.dataRssKB);
  const limit = JOBS * oneModel + dataMB;
  log(`sweep memory ${rows}: --jobs ${JOBS} +${many.toFixed(0)} MB, one model +${oneModel.toFixed(0)} MB, data ${dataMB.toFixed(0)} MB`);
  return {
    ...row,
    ours: {
      status: 'measured', runs: ok(done[JOBS]).length, value: many,
      note: `--jobs 1: ${oneModel.toFixed(0)} MB (one model's peak); data in memory ${dataMB.toFixed(0)} MB; limit ${limit.toFixed(0)} MB; process at start ${start.toFixed(0)} MB; each worker thread also holds its own V8 heap and compiled code (~10 MB here)`,
    },
    met: many <= limit,
  };
}

export async function benchSweep({ runs, tmpDir, log }) {
  const entry = existsSync(join(ROOT, 'src/core/experiments/sweepRunner.ts'))
    ? await bundleEntry('bench/entries/sweepInProcess.ts', tmpDir)
    : { ok: false, reason: 'src/core/experiments/sweepRunner.ts missing' };
  const worker = existsSync(join(ROOT, 'src/core/parallel/poolWorker.ts'))
    ? await bundleEntry('src/core/parallel/poolWorker.ts', tmpDir)
    : { ok: false, reason: 'src/core/parallel/poolWorker.ts missing' };
  const cliFile = join(ROOT, 'dist/cli.js');
  const cli = existsSync(cliFile) ? cliFile : undefined;
  const data = writeIrisLikeCsvWithHeader(tmpDir, ROWS, 'sweep');
  const big = writeIrisLikeCsvWithHeader(tmpDir, MEMORY_ROWS, 'sweep');
  const small = writeIrisLikeCsvWithHeader(tmpDir, DEFAULT_ROWS, 'sweep');
  return [
    ...(await measureSpeed({ runs, tmpDir, entry, worker, cli, data, log })),
    await measureDefault({ runs, tmpDir, cli, data: small, log }),
    await measureMemory({ runs: Math.min(runs, 3), tmpDir, entry, worker, data, rows: ROWS, cList: C_LIST, gammaList: GAMMA_LIST, log }),
    await measureMemory({ runs: Math.min(runs, 3), tmpDir, entry, worker, data: big, rows: MEMORY_ROWS, cList: MEMORY_C_LIST, gammaList: MEMORY_GAMMA_LIST, log }),
  ];
}
