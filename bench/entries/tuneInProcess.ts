// Child process of the tune benchmark, Model Lab side: reads and splits the data (not timed), then
// times what GridSearchCV.fit does — every candidate × fold fit and score, the summary and the refit
// of the best on the training part — and prints one JSON line with the seconds and the cv results.
// Usage: tuneInProcess <iris|file.csv> <C list> <gamma list> <K> [<jobs> <poolWorker.js> [warm]]
// With jobs > 1 the units run on a WorkerPool of that many threads (starting it is timed too).
// "warm": the search runs once untimed first (on the same pool), as in a long-lived extension host.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { nodeFileSystem } from '../../src/core/io/nodeFileSystem';
import { loadTrainingData } from '../../src/core/usecases/train';
import { parseSearchGrid } from '../../src/core/experiments/tune/gridLists';
import { planSearch, summarizeSearch } from '../../src/core/experiments/tune/gridSearch';
import { runSearchUnits } from '../../src/core/experiments/tune/tune';
import { Pipeline } from '../../src/core/pipeline';
import { WorkerPool } from '../../src/core/parallel/workerPool';
import { TASK_HANDLERS } from '../../src/core/parallel/taskHandlers';
import { poolRunner } from '../../src/core/experiments/tune/poolRunner';

function peakRssKB(): number | undefined {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) : undefined;
}

async function main(): Promise<void> {
  const [data, C, gamma, K, jobsText, workerFile, warm] = process.argv.slice(2);
  const jobs = Number(jobsText ?? '1');
  if (!data || !C || !gamma || !K) throw new Error('usage: tuneInProcess <iris|file.csv> <C list> <gamma list> <K>');
  const training = await loadTrainingData({
    data: data === 'iris' ? { kind: 'iris' } : { kind: 'csv', path: data },
    target: 'target', drop: [], seed: 2023, trainSize: { kind: 'fraction', value: 0.8 },
  }, nodeFileSystem);
  const grid = parseSearchGrid({ C, gamma });
  // Fresh, the process works as the CLI's --jobs N does (this thread and N - 1 workers); warm, as the
  // extension's pool does (N workers, the extension host's thread kept free).
  const pool = jobs > 1 ? new WorkerPool(workerFile ?? '', jobs, warm === 'warm' ? {} : { thisThread: TASK_HANDLERS }) : undefined;
  if (warm === 'warm') await runSearchUnits(training, planSearch(training.yTrain, grid, Number(K), true), pool ? { runner: poolRunner(pool) } : {});
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const plan = planSearch(training.yTrain, grid, Number(K), true);
  const results = await runSearchUnits(training, plan, pool ? { runner: poolRunner(pool) } : {});
  const summary = summarizeSearch(plan, results);
  const p = summary.best.params;
  Pipeline.withParams({ kernel: p.kernel, C: p.C, gamma: p.gamma, degree: p.degree, coef0: p.coef0 }).fit(training.XTrain, training.yTrain);
  const seconds = (performance.now() - t0) / 1000;
  // CPU time of every thread of the process: with --jobs N it shows how many cores the run really got.
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  await pool?.close();
  const c = summary.record.candidates;
  process.stdout.write(JSON.stringify({
    seconds, cpuSeconds, jobs, bestIndex: summary.record.bestIndex, foldScores: c.map((x) => x.foldScores),
    means: c.map((x) => x.meanScore), stds: c.map((x) => x.stdScore), ranks: c.map((x) => x.rank), vmHwmKB: peakRssKB(),
  }) + '\n');
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
  process.exit(1);
});
