// Part: `model-lab tune` (12 candidates × 5 folds) against scikit-learn's GridSearchCV(n_jobs=1) on
// iris and on 5,000 iris-like rows, whole process and in-process, sides alternating run by run; and
// whether every fold score, mean, std and rank is identical. Then --jobs 2 against --jobs 1 (worker
// threads against one thread), whole process and in-process, in the same run.
import { existsSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { writeIrisLikeCsvWithHeader } from '../lib/irisLike.mjs';
import { bundleEntry, ROOT } from '../lib/bundle.mjs';
import { runMeasured } from '../lib/processes.mjs';
import { jobsRow, runTogether, summarize } from '../lib/jobsRow.mjs';
import { findSklearn } from '../lib/python.mjs';

/** The grid: 4 C × 3 gamma = 12 candidates, 5 folds. */
const C_LIST = '0.1,1,10,100';
const GAMMA_LIST = 'scale,auto,0.5';
const FOLDS = '5';
const BIG_ROWS = 5000;
/** Threads of the parallel rows: this machine's 2 cores. */
const JOBS = 2;
/** Issue 17's target for a 12 × 5 tune: --jobs N at least this much faster than --jobs 1. */
const PARALLEL_TARGET = 1.6;

/** 'identical' when every fold score, mean, std, rank and the best index agree bit for bit. */
function compareResults(ours, theirs) {
  if (!ours || !theirs) return 'not compared';
  const fields = ['foldScores', 'means', 'stds', 'ranks', 'bestIndex'];
  const differ = fields.filter((f) => JSON.stringify(ours[f]) !== JSON.stringify(theirs[f]));
  return differ.length === 0 ? 'cv results identical' : `cv results DIFFER in ${differ.join(', ')}`;
}

async function measureData({ label, data, runs, tmpDir, entry, sklearn, cli, log }) {
  const args = [data, C_LIST, GAMMA_LIST, FOLDS];
  const oursWhole = [];
  const oursIn = [];
  const theirsWhole = [];
  const theirsIn = [];
  for (let i = 0; i < runs; i++) {
    if (cli) {
      const out = mkdtempSync(join(tmpDir, 'tune-'));
      oursWhole.push(await runMeasured(process.execPath, [cli, 'tune', '--data', data, '--C', C_LIST, '--gamma', GAMMA_LIST, '--cv', FOLDS, '--jobs', '1', '--json', '--out', out], { cwd: ROOT, tmpDir, timeoutMs: 600_000 }));
    }
    if (sklearn.ok) {
      const out = mkdtempSync(join(tmpDir, 'tune-py-'));
      theirsWhole.push(await runMeasured(sklearn.python, [join(ROOT, 'bench/tune_sklearn_cli.py'), ...args, out], { tmpDir, timeoutMs: 600_000 }));
    }
    if (entry.ok) oursIn.push(await runMeasured(process.execPath, [entry.file, ...args], { tmpDir, timeoutMs: 600_000 }));
    if (sklearn.ok) theirsIn.push(await runMeasured(sklearn.python, [join(ROOT, 'bench/tune_sklearn.py'), ...args], { tmpDir, timeoutMs: 600_000 }));
  }
  const notes = compareResults(oursIn.find((r) => r.ok)?.result, theirsIn.find((r) => r.ok)?.result);
  const row = (id, what, ours, theirs, theirsLabel, target, limit) => {
    const ratio = ours.seconds && theirs.seconds ? ours.seconds / theirs.seconds : undefined;
    return { id, what, unit: 's', ours, theirs, theirsLabel, ratio, target, met: target && ratio !== undefined ? ratio <= limit : undefined, note: notes };
  };
  const oursWholeS = cli ? summarize(oursWhole, (r) => r.wallSeconds) : { status: 'not measured', reason: 'dist/cli.js missing (run npm run build)' };
  const oursInS = entry.ok ? summarize(oursIn, (r) => r.result?.seconds) : { status: 'not measured', reason: entry.reason };
  const theirsWholeS = sklearn.ok ? summarize(theirsWhole, (r) => r.wallSeconds) : { status: 'not measured', reason: sklearn.reason };
  const theirsInS = sklearn.ok ? summarize(theirsIn, (r) => r.result?.seconds) : { status: 'not measured', reason: sklearn.reason };
  log(`tune ${label}: whole ${oursWholeS.seconds?.toFixed(3)} s vs ${theirsWholeS.seconds?.toFixed(3)} s; in-process ${oursInS.seconds?.toFixed(3)} s vs ${theirsInS.seconds?.toFixed(3)} s; ${notes}`);
  const big = label !== 'iris';
  return [
    row(`tune-${label}-process`, `tune 12 × 5 on ${label}, whole process (wall clock)`, oursWholeS, theirsWholeS, 'GridSearchCV script', undefined),
    row(`tune-${label}-inprocess`, `tune 12 × 5 on ${label}, in-process (search + refit)`, oursInS, theirsInS, 'GridSearchCV.fit, n_jobs=1',
      big ? 'no slower than scikit-learn (ratio ≤ 1)' : undefined, 1),
  ];
}

/** --jobs 1 against --jobs JOBS, alternating run by run; the ratio is jobs-1 time / jobs-N time. */
async function measureJobs({ label, data, runs, tmpDir, entry, worker, cli, log }) {
  const args = [data, C_LIST, GAMMA_LIST, FOLDS];
  const whole = { 1: [], [JOBS]: [] };
  const inProcess = { 1: [], [JOBS]: [] };
  const warmed = { 1: [], [JOBS]: [] };
  // The machine's ceiling (jobsRow.mjs): the --jobs 1 runs as JOBS processes at once.
  const together = { fresh: [], warm: [] };
  for (let i = 0; i < runs; i++) {
    if (entry.ok && worker.ok) {
      together.fresh.push(...await runTogether(JOBS, () => runMeasured(process.execPath, [entry.file, ...args, '1', worker.file], { tmpDir, timeoutMs: 600_000 })));
      together.warm.push(...await runTogether(JOBS, () => runMeasured(process.execPath, [entry.file, ...args, '1', worker.file, 'warm'], { tmpDir, timeoutMs: 600_000 })));
    }
    for (const jobs of [1, JOBS]) {
      if (cli) {
        const out = mkdtempSync(join(tmpDir, 'tune-jobs-'));
        whole[jobs].push(await runMeasured(process.execPath, [cli, 'tune', '--data', data, '--C', C_LIST, '--gamma', GAMMA_LIST, '--cv', FOLDS, '--jobs', String(jobs), '--json', '--out', out], { cwd: ROOT, tmpDir, timeoutMs: 600_000 }));
      }
      if (entry.ok && worker.ok) {
        inProcess[jobs].push(await runMeasured(process.execPath, [entry.file, ...args, String(jobs), worker.file], { tmpDir, timeoutMs: 600_000 }));
        warmed[jobs].push(await runMeasured(process.execPath, [entry.file, ...args, String(jobs), worker.file, 'warm'], { tmpDir, timeoutMs: 600_000 }));
      }
    }
  }
  const same = inProcess[1].find((r) => r.ok)?.result && inProcess[JOBS].find((r) => r.ok)?.result
    ? (compareResults(inProcess[1].find((r) => r.ok).result, inProcess[JOBS].find((r) => r.ok).result) === 'cv results identical' ? `results identical on 1 and ${JOBS} threads` : `results DIFFER between 1 and ${JOBS} threads`)
    : 'not compared';
  const row = (id, what, one, many, reason, pair) => jobsRow({ id, what, one, many, reason, jobs: JOBS, target: PARALLEL_TARGET, same, together: pair });
  const rows = [
    row(`tune-${label}-jobs-process`, `tune 12 × 5 on ${label}, --jobs ${JOBS}, whole process`, whole[1], whole[JOBS], cli ? undefined : 'dist/cli.js missing (run npm run build)'),
    row(`tune-${label}-jobs-inprocess`, `tune 12 × 5 on ${label}, --jobs ${JOBS}, in-process (pool start included)`, inProcess[1], inProcess[JOBS], entry.ok && worker.ok ? undefined : (entry.reason ?? worker.reason), together.fresh),
    row(`tune-${label}-jobs-warm`, `tune 12 × 5 on ${label}, --jobs ${JOBS}, in-process, second search on a running pool (warm)`, warmed[1], warmed[JOBS], entry.ok && worker.ok ? undefined : (entry.reason ?? worker.reason), together.warm),
  ];
  log(`tune ${label} jobs: ${rows.map((r) => r.note).join(' | ')}`);
  return rows;
}

export async function benchTune({ runs, tmpDir, log }) {
  const entry = existsSync(join(ROOT, 'src/core/experiments/tune/tune.ts'))
    ? await bundleEntry('bench/entries/tuneInProcess.ts', tmpDir)
    : { ok: false, reason: 'src/core/experiments/tune/tune.ts missing' };
  const cliFile = join(ROOT, 'dist/cli.js');
  const cli = existsSync(cliFile) ? cliFile : undefined;
  const sklearn = findSklearn();
  const worker = existsSync(join(ROOT, 'src/core/parallel/poolWorker.ts'))
    ? await bundleEntry('src/core/parallel/poolWorker.ts', tmpDir)
    : { ok: false, reason: 'src/core/parallel/poolWorker.ts missing' };
  const big = writeIrisLikeCsvWithHeader(tmpDir, BIG_ROWS, 'tune');
  const bigLabel = `${BIG_ROWS.toLocaleString('en')} rows`;
  return [
    ...(await measureData({ label: 'iris', data: 'iris', runs, tmpDir, entry, sklearn, cli, log })),
    ...(await measureData({ label: bigLabel, data: big, runs, tmpDir, entry, sklearn, cli, log })),
    ...(await measureJobs({ label: 'iris', data: 'iris', runs, tmpDir, entry, worker, cli, log })),
    ...(await measureJobs({ label: bigLabel, data: big, runs, tmpDir, entry, worker, cli, log })),
  ];
}
